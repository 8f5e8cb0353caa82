"""The deputy DSL: the DSL's access to cases only where the school grants it; the DSL's training."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.memberships import check_role_change
from accounts.models import AuditEvent, Role
from accounts.roles import REFERRAL_ROLES, can
from referrals.retention import referral_settings_save
from training.default_courses import DEFAULT_COURSES

from .factories import make_case


def test_a_deputy_sees_no_case_until_the_school_grants_it(world, deputy, login):
    case = make_case(world.school, world.lead)
    client = login(deputy)
    assert client.get(reverse("referrals:case-list")).status_code == 404
    assert client.get(reverse("referrals:case-detail", args=[case.pk])).status_code == 404

    response = login(world.lead).post(
        reverse("referrals:settings"),
        {
            "pupil_identifier_pattern": r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,49}",
            "retention_years": 25,
            "deputy_dsl_sees_referrals": "on",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(object_type="referrals.referralsettings").exists()
    client = login(deputy)
    assert client.get(reverse("referrals:case-list")).status_code == 200
    assert client.get(reverse("referrals:case-detail", args=[case.pk])).status_code == 200
    assert can({Role.STAFF, Role.DEPUTY_DSL}, "record_referrals", type(world.school).objects.get(pk=world.school.pk))


def test_only_the_lead_grants_deputies_access(world):
    with pytest.raises(ValidationError, match="Only the Prevent Lead"):
        referral_settings_save(
            school=world.school,
            by=world.head,
            roles={Role.STAFF, Role.HEADTEACHER},
            pupil_identifier_pattern=r"[0-9]+",
            retention_years=25,
            deputy_dsl_sees_referrals=True,
        )
    world.school.refresh_from_db()
    assert not world.school.deputy_dsl_sees_referrals


def test_the_settings_page_is_the_leads(world, login):
    assert login(world.head).get(reverse("referrals:settings")).status_code == 403


def test_the_deputy_role_is_a_referral_role_granted_only_by_the_lead(world, staff):
    assert Role.DEPUTY_DSL in REFERRAL_ROLES
    with pytest.raises(ValidationError, match="Only the Prevent Lead"):
        check_role_change(
            school=world.school, by=world.head, user=staff, before=[Role.STAFF], after=[Role.STAFF, Role.DEPUTY_DSL]
        )
    check_role_change(
        school=world.school, by=world.lead, user=staff, before=[Role.STAFF], after=[Role.STAFF, Role.DEPUTY_DSL]
    )


def test_a_deputy_needs_the_dsls_training():
    for course in DEFAULT_COURSES:
        if Role.DSL in course["required_roles"]:
            assert Role.DEPUTY_DSL in course["required_roles"], course["slug"]
