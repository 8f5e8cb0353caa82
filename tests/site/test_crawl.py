"""Every page any role can reach works, and every link leads somewhere that person may go.

The demo school is built once; each person signs in and follows every link they are shown
(GET only, bounded; see crawler.py). A person with two schools does it in each school.
"""

import pytest

from accounts.selectors import schools_and_roles

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "lead", "dsl", "head", "governor", "trust"]


def test_every_link_shown_before_signing_in_works(crawls):
    result = crawls("anonymous")
    assert not result.problems, result.report()
    assert {"/accounts/login/", "/accounts/password_reset/"} <= {page.url.split("?")[0] for page in result.pages}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_a_person_is_shown_works_for_them(crawls, persona):
    result = crawls(persona)
    assert not result.problems, result.report()
    assert len(result.pages) > 20, f"{persona} reached only {len(result.pages)} pages: is the crawl signed in?"


def test_a_person_with_two_schools_can_use_both(demo, crawls):
    schools = list(schools_and_roles(demo["two_schools"]))
    assert len(schools) == 2
    for school in schools:
        result = crawls("two_schools", school)
        assert not result.problems, result.report()
        home = next(page for page in result.pages if page.url == "/")
        assert f"<strong>{school.name}</strong>" in home.html, f"the crawl did not work in {school.name}"
