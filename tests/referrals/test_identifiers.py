"""The pupil identifier holds the school's CPOMS/MyConcern record reference only, never a name."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AuditEvent
from referrals.identifiers import check_pupil_identifier
from referrals.models import Case, ReferralSettings
from referrals.models.retention import validate_identifier_pattern
from referrals.services import case_open, concern_categories_ensure


def _post_case(client, world, identifier):
    concern_categories_ensure()
    from referrals.models import ConcernCategory

    return client.post(
        reverse("referrals:case-add"),
        {
            "pupil_identifier": identifier,
            "year_group": "10",
            "concern_category": ConcernCategory.objects.get(code="unknown").pk,
            "raised_on": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
            "raised_by": world.staff.pk,
            "summary": "A concern.",
        },
    )


def test_it_refuses_a_name_and_says_why(world, login):
    response = _post_case(login(world.lead), world, "Mohammed Khan 10B")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This looks like a name" in page
    assert "the pupil&#x27;s name never goes in this record" in page
    assert not Case.objects.exists()


def test_the_service_refuses_a_name_too(world):
    with pytest.raises(ValidationError) as refused:
        case_open(
            school=world.school,
            by=world.lead,
            pupil_identifier="Mohammed Khan 10B",
            year_group="10",
            raised_on=datetime.date.today(),
            raised_by=world.staff,
            summary="A concern.",
        )
    assert "looks like a name" in str(refused.value)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "value", ["Mohammed Khan 10B", "Mohammed Khan", "khan mohammed", "Amy-Jones", "Year ten pupil"]
)
def test_it_refuses_text_that_looks_like_a_name(value):
    with pytest.raises(ValidationError) as refused:
        check_pupil_identifier(value)
    assert refused.value.code == "name"


@pytest.mark.parametrize("value", ["CPOMS-88123", "88123", "MC/2026/0041", "CPOMS-DEMO-0412"])
def test_it_accepts_record_references_by_default(value):
    assert check_pupil_identifier(value) == value


def test_it_holds_to_the_pattern_the_school_sets(world, login):
    ReferralSettings.objects.create(school=world.school, pupil_identifier_pattern=r"[0-9]{5,8}")
    response = _post_case(login(world.lead), world, "CPOMS-88123")
    assert "is not a record reference in the form this school uses" in response.content.decode()
    assert "[0-9]{5,8}" in response.content.decode()
    assert _post_case(login(world.lead), world, "88123").status_code == 302
    assert Case.objects.get().pupil_identifier == "88123"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("[0-9", "not a valid regular expression"),
        ("(a+)+", "repeats"),
        (".*", "accepts a name"),
    ],
)
def test_it_refuses_a_pattern_that_is_not_a_safe_regular_expression(pattern, message):
    with pytest.raises(ValidationError) as refused:
        validate_identifier_pattern(pattern)
    assert message in str(refused.value)


def test_the_lead_sets_the_pattern_and_it_is_audited(world, login):
    client = login(world.lead)
    url = reverse("referrals:settings")
    response = client.post(url, {"pupil_identifier_pattern": "[0-9", "retention_years": 25})
    assert "not a valid regular expression" in response.content.decode()
    response = client.post(url, {"pupil_identifier_pattern": "MC-[0-9]+", "retention_years": 25})
    assert response.status_code == 302
    assert ReferralSettings.objects.get(school=world.school).pupil_identifier_pattern == "MC-[0-9]+"
    assert AuditEvent.objects.filter(object_type="referrals.referralsettings", action="update").exists()
