"""Every page any role can reach works, and every link leads somewhere that person may go.

The demo school is built once; each person signs in and follows every link they are shown
(GET only, bounded; see crawler.py). A person with two schools does it in each school.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.selectors import schools_and_roles

from .crawler import crawl

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "lead", "dsl", "head", "governor", "trust"]


def signed_in(user):
    client = Client(raise_request_exception=False)  # a server error is a 500 to report, as a person sees it
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_a_person_is_shown_works_for_them(demo, persona):
    client = signed_in(demo[persona])
    result = crawl(client, persona)
    assert not result.problems, result.report()
    assert len(result.pages) > 20, f"{persona} reached only {len(result.pages)} pages: is the crawl signed in?"


def test_a_person_with_two_schools_can_use_both(demo):
    person = demo["two_schools"]
    client = signed_in(person)
    schools = list(schools_and_roles(person))
    assert len(schools) == 2
    for school in schools:
        switched = client.post(reverse("accounts:switch-school"), {"school": school.pk, "next": "/"}, follow=True)
        assert school.name in switched.content.decode()
        result = crawl(client, f"two_schools in {school.name}")
        assert not result.problems, result.report()
