"""The self-assessment: rated statement by statement in the DfE tool's structure, each rating
kept, a summary by section with a chart, and query counts."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance import statements
from assurance.models import SelfAssessment, StatementRating

from . import factories as f

CURRENT = reverse("assurance:self-assessment")


def _rate_url(assessment, statement="lm-policy"):
    return reverse("assurance:statement-rate", kwargs={"pk": assessment.pk, "statement": statement})


def _detail(assessment):
    return reverse("assurance:self-assessment-detail", kwargs={"pk": assessment.pk})


def test_the_lead_starts_this_years_on_the_newest_edition_once(login, lead, school):
    client = login(lead)
    assert f"Start the {f.this_year()} self-assessment" in client.get(CURRENT).content.decode()
    client.post(reverse("assurance:self-assessment-start"))
    client.post(reverse("assurance:self-assessment-start"))
    assessment = SelfAssessment.objects.get(school=school)
    assert assessment.edition == statements.current().key


def test_a_statement_is_rated_with_evidence_and_a_rag_note_and_a_second_rating_is_kept(login, lead, school):
    assessment = f.self_assessment(school, lead)
    client = login(lead)
    data = {"level": 3, "evidence": "Policy not yet reviewed", "rag": "amber", "note": "Review due", "nonce": "n1"}
    assert client.post(_rate_url(assessment), data).status_code == 302
    assert client.post(_rate_url(assessment), data).status_code == 302  # the same form again: one rating
    data = {**data, "level": 2, "rag": "green", "evidence": "Reviewed in October", "nonce": "n2"}
    client.post(_rate_url(assessment), data)
    assert StatementRating.objects.filter(assessment=assessment).count() == 2
    page = client.get(_rate_url(assessment)).content.decode()
    assert page.index("Reviewed in October") < page.index("Policy not yet reviewed")  # latest first
    detail = client.get(_detail(assessment)).content.decode()
    assert "1 of 35 statements rated" in detail and "0 below the expected level" in detail


@pytest.mark.parametrize("bad", [{"level": 7}, {"rag": "purple"}, {"evidence": ""}])
def test_a_rating_outside_the_tools_levels_is_refused(login, lead, school, bad):
    assessment = f.self_assessment(school, lead)
    data = {"level": 2, "evidence": "x", "rag": "green", "nonce": uuid.uuid4().hex, **bad}
    assert login(lead).post(_rate_url(assessment), data).status_code == 200
    assert not StatementRating.objects.exists()


def test_a_statement_the_edition_does_not_have_is_not_found(login, lead, school):
    assessment = f.self_assessment(school, lead)
    assert login(lead).get(_rate_url(assessment, "no-such-statement")).status_code == 404


def test_governors_read_the_ratings_but_do_not_rate(login, lead, governor, school):
    assessment = f.self_assessment(school, lead)
    f.rate(assessment, lead)
    client = login(governor)
    page = client.get(_rate_url(assessment)).content.decode()
    assert "The policy, reviewed in September." in page and "Save the rating" not in page
    data = {"level": 1, "evidence": "x", "rag": "green", "nonce": "g"}
    assert client.post(_rate_url(assessment), data).status_code == 403


def test_the_summary_by_section_has_a_chart_that_says_its_numbers_in_words(login, lead, school):
    assessment = f.self_assessment(school, lead)
    f.rate(assessment, lead, "lm-policy", level=2)
    f.rate(assessment, lead, "tr-impact", level=4, rag="red")
    page = login(lead).get(_detail(assessment)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Leadership and management: 1 at level 2, 4 not rated" in page
    assert "Training: 1 at level 4, 4 not rated" in page
    assert "1 below the expected level" in page


def test_another_schools_self_assessment_is_not_found(login, lead, outsider, school):
    assessment = f.self_assessment(school, lead)
    assert login(outsider).get(_detail(assessment)).status_code == 404
    assert login(outsider).get(_rate_url(assessment)).status_code == 404


def test_the_page_runs_the_same_queries_with_2_or_35_ratings(login, lead, school, django_assert_num_queries):
    assessment = f.self_assessment(school, lead)
    keys = [s.key for s in statements.current().statements]
    for key in keys[:2]:
        f.rate(assessment, lead, key, level=3)
    client = login(lead)
    client.get(_detail(assessment))
    # Session, user, memberships and schools; the assessment; its ratings with who rated; their plan
    # actions (one query); the other years.
    with CaptureQueriesContext(connection) as small:
        assert client.get(_detail(assessment)).status_code == 200
    for key in keys[2:]:
        f.rate(assessment, lead, key, level=3)
    with django_assert_num_queries(len(small)):
        assert client.get(_detail(assessment)).status_code == 200
