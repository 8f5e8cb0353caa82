"""Every action the audit trail records, in one enumeration.

``accounts.audit.record_event`` refuses any other. The stored strings are part of each event's
keyed hash: never change one (existing chains would no longer verify); add a member instead.
"""

from django.db import models


class AuditAction(models.TextChoices):
    # Any record
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    # Signing in and people
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    SIGNED_IN_WITH_PROVIDER = "accounts.signed_in_with_provider", "Signed in with a provider"
    INVITATION_SENT = "accounts.invitation_sent", "Invitation sent"
    INVITATION_CANCELLED = "accounts.invitation_cancelled", "Invitation cancelled"
    INVITATION_ACCEPTED = "accounts.invitation_accepted", "Invitation accepted"
    REFERRAL_ROLE_GRANTED = "accounts.referral_role_granted", "Referral role granted"
    MEMBERSHIP_CHANGED_ELSEWHERE = "accounts.membership_changed_elsewhere", "Roles changed at another school"
    # The Prevent action plan
    PLAN_CREATED = "compliance.plan_created", "Plan created"
    PLAN_UPDATED = "compliance.plan_updated", "Plan changed"
    PLAN_ROLLED_OVER = "compliance.plan_rolled_over", "Plan rolled over"
    ACTION_UPDATED = "compliance.action_updated", "Plan action changed"
    ACTION_RAISED = "compliance.action_raised", "Plan action raised"
    ACTION_LINKED = "compliance.action_linked", "Plan action linked"
    EVIDENCE_ADDED = "compliance.evidence_added", "Evidence added"
    # Assurance
    SELF_ASSESSMENT_STARTED = "assurance.self_assessment_started", "Self-assessment started"
    STATEMENT_RATED = "assurance.statement_rated", "Statement rated"
    SELF_ASSESSMENT_SUMMARISED = "assurance.self_assessment_summarised", "Self-assessment summarised"
    FILTERING_STARTED = "assurance.filtering_started", "Filtering record started"
    FILTERING_UPDATED = "assurance.filtering_updated", "Filtering record changed"
    FILTERING_REVIEWED = "assurance.filtering_reviewed", "Filtering reviewed"
    FILTERING_CHECKED = "assurance.filtering_checked", "Filtering checked"
    RISK_ASSESSMENT_STARTED = "assurance.risk_assessment_started", "Risk assessment started"
    RISK_ASSESSMENT_UPDATED = "assurance.risk_assessment_updated", "Risk assessment changed"
    RISK_ADDED = "assurance.risk_added", "Risk added"
    RISK_UPDATED = "assurance.risk_updated", "Risk changed"
    RISK_ASSESSMENT_REVIEWED = "assurance.risk_assessment_reviewed", "Risk assessment reviewed"
    RISK_ASSESSMENT_SIGNED_OFF = "assurance.risk_assessment_signed_off", "Risk assessment signed off"
    RISK_ASSESSMENT_NOTED = "assurance.risk_assessment_noted", "Risk assessment noted"
    SUMMARY_PUBLISHED = "assurance.summary_published", "Risk summary published"
    SUMMARY_WITHDRAWN = "assurance.summary_withdrawn", "Risk summary withdrawn"
