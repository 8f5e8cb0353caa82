"""The trust and local-authority overview: its schools side by side, read-only, counts only."""

import re

from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from compliance.reports import headlines
from tests.factories import OrganisationMembershipFactory, SchoolFactory, member

from ..background.jobs import overview_pdf
from .reports_text import pdf_text
from .reports_world import PUPIL_IDENTIFIER, SUMMARY, fill_school

OVERVIEW = reverse("compliance:overview")


def _trust_of_three(school, lead):
    """School A with data, two more schools of the same trust, one school of another trust."""
    fill_school(school, lead, size=2)
    second = SchoolFactory(name="Arthur Mellows Village College", organisation=school.organisation)
    fill_school(second, member(second, "prevent_lead"), size=1)
    third = SchoolFactory(name="Bourne Academy", organisation=school.organisation)
    elsewhere = SchoolFactory(name="Elsewhere High")
    return second, third, elsewhere


def _five_more_concerns(school, lead):
    from tests.referrals.factories import make_case

    for _ in range(5):
        make_case(school, lead, raised_on=timezone.localdate())


def test_it_lists_every_school_of_the_trust_and_no_other(school, lead, trust, login):
    second, third, elsewhere = _trust_of_three(school, lead)
    page = login(trust).get(OVERVIEW).content.decode()
    for name in [school.name, second.name, third.name]:
        assert name in page
    assert elsewhere.name not in page
    assert "no plan" in page  # Bourne Academy has none
    assert PUPIL_IDENTIFIER not in page and SUMMARY not in page


def test_it_sorts_by_a_column(school, lead, trust, login):
    _trust_of_three(school, lead)
    client = login(trust)
    by_name = [row["school"].name for row in client.get(OVERVIEW).context["rows"]]
    assert by_name == sorted(by_name)
    _five_more_concerns(school, lead)
    headlines.headline_refresh(school.pk)
    by_concerns = client.get(OVERVIEW, {"sort": "-referrals"}).context["rows"]
    # Fewer than 5 concerns are never counted exactly for an officer, nor ordered among themselves.
    assert [row["headline"]["referrals"] for row in by_concerns] == [7, "fewer than 5", "fewer than 5"]
    assert [row["school"].name for row in by_concerns][1:] == ["Arthur Mellows Village College", "Bourne Academy"]
    assert client.get(OVERVIEW, {"sort": "nonsense"}).context["sort"] == "name"


def test_it_opens_a_schools_dashboard_read_only(school, lead, trust, login):
    second, _, _ = _trust_of_three(school, lead)
    page = login(trust).get(reverse("compliance:overview-school", args=[second.pk])).content.decode()
    assert second.name in page and "read-only" in page
    assert reverse("speakers:register") not in page  # no links into another school's lists
    assert reverse("compliance:snapshot-create") not in page
    assert reverse("compliance:overview-school-pdf", args=[second.pk]) in page


def test_an_officer_of_another_trust_cannot_open_the_school(school, lead, login):
    fill_school(school, lead)
    membership = OrganisationMembershipFactory()
    SchoolFactory(organisation=membership.organisation)
    stranger = membership.user
    assert login(stranger).get(reverse("compliance:overview-school", args=[school.pk])).status_code == 404


def test_an_officer_elsewhere_who_works_in_the_school_cannot_open_it_from_the_overview(school, lead, login):
    """Their officer's role in their own trust lets them into the overview pages; in school A they
    are staff, and staff of a school never see its dashboard as an officer does."""
    fill_school(school, lead)
    membership = OrganisationMembershipFactory()
    SchoolFactory(name="Aardvark Academy", organisation=membership.organisation)  # first by name: worked in
    officer = membership.user
    Membership.objects.create(user=officer, school=school, role="staff")
    client = login(officer)
    assert client.get(OVERVIEW).status_code == 200
    assert client.get(reverse("compliance:overview-school", args=[school.pk])).status_code == 403
    assert client.get(reverse("compliance:overview-school-pdf", args=[school.pk])).status_code == 403


def test_the_combined_pdf_has_every_school_and_no_referral_detail(school, lead, trust, login):
    second, third, elsewhere = _trust_of_three(school, lead)
    response, pdf = overview_pdf(login(trust))  # built by a background job
    assert 'filename="fenland-learning-trust-' in response["Content-Disposition"]
    text = pdf_text(pdf)
    for name in [school.name, second.name, third.name]:
        assert name in text
    assert elsewhere.name not in text
    assert PUPIL_IDENTIFIER not in text and SUMMARY not in text
    row = re.search(rf"{school.name} URN {school.urn} (.*?) \d+ \w+ \d{{4}}", text).group(1)
    assert row.split()[-4:] == ["1", "fewer", "than", "5"]  # speaker requests, Prevent concerns


def test_it_is_refused_to_school_roles(school, lead, governor, head, login):
    for person in (lead, governor, head):
        assert login(person).get(OVERVIEW).status_code == 403


def test_the_first_view_computes_missing_figures_with_a_fixed_count_per_school(
    school, lead, trust, login, django_assert_max_num_queries
):
    _trust_of_three(school, lead)
    client = login(trust)
    # Three schools without figures yet: each is computed on the request (a fixed number of
    # queries per school, see test_reports), whatever each one holds; test_overview_headlines
    # pins the count once every school has its figures. About 50 per school since the risk
    # assessment, self-assessment and filtering joined the report (and its live measures).
    with django_assert_max_num_queries(3 * 50 + 10):
        client.get(OVERVIEW)
