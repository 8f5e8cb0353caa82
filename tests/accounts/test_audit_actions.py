"""Every audit action is one of AuditAction's members, and their stored strings never change."""

import pytest
from django.urls import reverse

from accounts.audit import AuditAction, broken_links, record_event
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

# The strings already in schools' trails: each is part of its event's keyed hash, so renaming one
# would break every chain that holds it. Add new actions; never change these.
STORED = {
    "create", "update", "delete", "view", "export", "sign_in", "sign_in_failed", "sign_out",
    "accounts.signed_in_with_provider", "accounts.invitation_sent", "accounts.invitation_cancelled",
    "accounts.invitation_accepted", "accounts.referral_role_granted", "accounts.membership_changed_elsewhere",
    "compliance.plan_created", "compliance.plan_updated", "compliance.plan_rolled_over",
    "compliance.action_updated", "compliance.action_raised", "compliance.action_linked",
    "compliance.evidence_added", "assurance.self_assessment_started", "assurance.statement_rated",
    "assurance.self_assessment_summarised", "assurance.filtering_started", "assurance.filtering_updated",
    "assurance.filtering_reviewed", "assurance.filtering_checked", "assurance.risk_assessment_started",
    "assurance.risk_assessment_updated", "assurance.risk_added", "assurance.risk_updated",
    "assurance.risk_assessment_reviewed", "assurance.risk_assessment_signed_off",
    "assurance.risk_assessment_noted", "assurance.summary_published", "assurance.summary_withdrawn",
}  # fmt: skip


def test_it_keeps_every_stored_action_string():
    assert set(AuditAction.values) >= STORED


def test_it_refuses_an_action_that_is_not_a_member(school, lead):
    with pytest.raises(ValueError, match="not an audit action"):
        record_event(action="compliance.plan_tweaked", by=lead, school=school, obj=school)
    assert not AuditEvent.objects.exists()


def test_it_stores_a_members_string_and_the_chain_holds(school, lead):
    record_event(action=AuditAction.PLAN_ROLLED_OVER, by=lead, school=school, obj=school)
    record_event(action="compliance.plan_rolled_over", by=lead, school=school, obj=school)
    stored = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert stored == ["compliance.plan_rolled_over", "compliance.plan_rolled_over"]
    assert broken_links(school) == []


def test_the_audit_page_names_an_apps_action(login, lead, school):
    record_event(action=AuditAction.PLAN_ROLLED_OVER, by=lead, school=school, obj=school)
    html = login(lead).get(reverse("accounts:audit-list")).content.decode()
    assert "Plan rolled over" in html
