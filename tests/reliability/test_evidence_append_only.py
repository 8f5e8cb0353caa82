"""Evidence is append-only in the database: raw SQL cannot change or delete it (issue 16, item 6).

Before, only the audit table had triggers: a confirmation could be back-dated by 300 days with
one UPDATE and the audit chain still "whole".
"""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.models import AuditEvent, Role
from assurance.models import (
    FilteringCheck,
    FilteringReview,
    GovernorNote,
    RiskHistory,
    RiskReview,
    RiskSignOff,
    StatementRating,
)
from compliance.models import AnnualReportSignOff
from core import append_only
from referrals.models import (
    CaseAccess,
    ChannelConsent,
    ChannelExit,
    ChannelReview,
    LegalHold,
    PoliceTriage,
    RetentionReview,
)
from referrals.models import Decision as ReferralDecision
from referrals.services import case_access_record
from speakers.models import Decision as SpeakerDecision
from speakers.models import SentLetter
from tests.factories import member
from tests.referrals.factories import make_case, make_decision
from tests.speakers.factories import complete_checks, decide, draft_letter, make_request
from tests.training.factories_courses import CourseFactory
from tests.training.factories_documents import confirm, document
from training.models import Acknowledgement, AcknowledgementWithdrawal, BriefingAttendance, TrainingRecord
from training.services.courses import briefing_attendance_record, training_record_create, training_record_verify
from training.services.documents import acknowledgement_withdraw

pytestmark = pytest.mark.django_db

EVIDENCE = [
    AuditEvent,
    ReferralDecision,
    CaseAccess,
    # Police triage, Channel consent, the exit and its reviews, legal holds, retention reviews.
    PoliceTriage,
    ChannelConsent,
    ChannelExit,
    ChannelReview,
    LegalHold,
    RetentionReview,
    AnnualReportSignOff,  # the head's and the chair's signatures on the annual report
    SpeakerDecision,
    SentLetter,  # what was sent to a speaker or hirer
    Acknowledgement,
    AcknowledgementWithdrawal,
    TrainingRecord,
    BriefingAttendance,
    # The risk assessment's reviews, sign-offs, governors' notes and risk history; self-assessment
    # ratings; filtering reviews and checks.
    RiskReview,
    RiskSignOff,
    GovernorNote,
    RiskHistory,
    StatementRating,
    FilteringReview,
    FilteringCheck,
]


@pytest.fixture
def evidence(school, lead, staff, head):
    """One row of every evidence table, made through the services as the app makes them."""
    from tests.training.factories_courses import BriefingFactory

    doc = document(school, lead)
    ack = confirm(staff, doc)
    withdrawn = confirm(lead, doc)
    acknowledgement_withdraw(acknowledgement=withdrawn, by=lead, reason="Recorded for the wrong person.")
    course = CourseFactory(school=school)
    record = training_record_create(
        school=school, by=lead, user=staff, course=course, completed_on=datetime.date(2026, 9, 3)
    )
    briefing = BriefingFactory(school=school, recorded_by=lead)
    briefing_attendance_record(briefing=briefing, user=staff, by=staff)
    case = make_case(school, lead)
    make_decision(case, lead)
    case_access_record(case=case, user=lead, what="opened")
    request = complete_checks(make_request(school, staff, outline="A talk on the rule of law."), lead)
    decide(request, head)
    draft_letter(request, lead, state="sent")
    _assurance_evidence(school, lead, head)
    _channel_evidence(school, lead)
    _annual_report_evidence(school, lead, head)
    return {"acknowledgement": ack, "record": record}


def _assurance_evidence(school, lead, head):
    from assurance.services import risk_assessment as ra
    from tests.assurance import factories as f

    assessment = f.risk_assessment(school, lead)
    f.risk(assessment, lead)
    today = datetime.date.today()
    ra.risk_review_record(assessment=assessment, by=lead, nonce="r", reviewed_on=today, reason="annual", notes="x")
    ra.risk_assessment_sign_off(assessment=assessment, by=head, nonce="s")
    governor = member(school, Role.GOVERNOR, email="gill@school.example")
    ra.risk_assessment_note(assessment=assessment, by=governor, nonce="g")
    f.rate(f.self_assessment(school, lead), lead)
    record = f.filtering(school, lead)
    f.filtering_review(record, lead)
    f.filtering_check(record, lead)


def _channel_evidence(school, lead):
    from referrals.channel import channel_exit_record, consent_record, triage_record
    from referrals.models import Decision
    from referrals.retention import legal_hold_place, retention_review_record
    from referrals.services import case_close, channel_panel_record

    today = datetime.date.today()
    case = make_case(school, lead, raised_on=today - datetime.timedelta(days=60))
    make_decision(case, lead, kind=Decision.Kind.PREVENT_REFERRAL, decided_on=today - datetime.timedelta(days=59))
    triage_record(case=case, by=lead, outcome="channel", triaged_on=today - datetime.timedelta(days=50))
    consent_record(case=case, by=lead, status="given", on=today - datetime.timedelta(days=45), given_by="parent_carer")
    channel_panel_record(case=case, by=lead, panel_on=today - datetime.timedelta(days=40), adoption="adopted")
    channel_exit_record(case=case, by=lead, left_on=today - datetime.timedelta(days=10))
    legal_hold_place(case=case, by=lead, reason="A court has asked for the records.")
    closed = make_case(school, lead, raised_on=today - datetime.timedelta(days=30))
    make_decision(closed, lead, kind=Decision.Kind.NO_FURTHER_ACTION, decided_on=today - datetime.timedelta(days=29))
    case_close(
        case=closed, by=lead, outcome="nfa", closed_on=today - datetime.timedelta(days=20), birth_year=today.year - 14
    )
    retention_review_record(
        case=closed,
        by=lead,
        decision="keep",
        reviewed_on=today,
        note="Still needed.",
        next_review_on=today.replace(year=today.year + 2),
    )


def _annual_report_evidence(school, lead, head):
    from compliance.reports.annual_report_services import annual_report_sign_as_head, annual_report_start
    from core.periods import academic_year

    report = annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    annual_report_sign_as_head(report=report, by=head)


def _refused(sql, params=()):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        return "append-only" in str(error)
    return False


def test_every_evidence_model_says_it_is_append_only():
    assert set(append_only.append_only_models()) == set(EVIDENCE)


@pytest.mark.parametrize("model", EVIDENCE, ids=lambda m: m._meta.label)
def test_raw_sql_update_and_delete_of_evidence_are_refused(evidence, model):
    table = model._meta.db_table
    first = model.objects.order_by("pk").values_list("pk", flat=True).first()
    assert first is not None, f"the fixture made no {model._meta.label}"
    before = list(model.objects.order_by("pk").values())
    pk = model._meta.pk.column
    assert _refused(f"UPDATE {table} SET {pk} = {pk} WHERE {pk} = %s", [first])  # noqa: S608
    assert _refused(f"DELETE FROM {table} WHERE {pk} = %s", [first])  # noqa: S608
    assert _refused(f"DELETE FROM {table}")  # noqa: S608
    assert list(model.objects.order_by("pk").values()) == before


def test_a_confirmation_cannot_be_back_dated(evidence):
    """The case from the issue: one UPDATE moved a confirmation 300 days back."""
    ack = evidence["acknowledgement"]
    earlier = ack.confirmed_at - datetime.timedelta(days=300)
    assert _refused("UPDATE training_acknowledgement SET confirmed_at = %s WHERE id = %s", [earlier, ack.pk])
    assert Acknowledgement.objects.get(pk=ack.pk).confirmed_at == ack.confirmed_at


def test_a_training_record_is_verified_once_and_nothing_else_changes(evidence, lead):
    record = evidence["record"]
    table = TrainingRecord._meta.db_table
    # Only the verification, both columns together, from empty: anything else is refused.
    assert _refused(f"UPDATE {table} SET completed_on = %s WHERE id = %s", [datetime.date(2020, 1, 1), record.pk])  # noqa: S608
    assert _refused(
        f"UPDATE {table} SET verified_at = %s, notes = 'x' WHERE id = %s",  # noqa: S608
        [datetime.datetime(2026, 9, 4, tzinfo=datetime.UTC), record.pk],
    )
    assert _refused(
        f"UPDATE {table} SET verified_at = %s WHERE id = %s",  # noqa: S608
        [datetime.datetime(2026, 9, 4, tzinfo=datetime.UTC), record.pk],
    )
    training_record_verify(record=record, by=lead)
    assert TrainingRecord.objects.get(pk=record.pk).verified_by == lead
    someone = member(record.school, Role.HEADTEACHER, email="another@school.example")
    assert _refused(f"UPDATE {table} SET verified_by_id = %s WHERE id = %s", [someone.pk, record.pk])  # noqa: S608


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists only on PostgreSQL")
@pytest.mark.parametrize("model", EVIDENCE, ids=lambda m: m._meta.label)
def test_truncate_of_evidence_is_refused_on_postgresql(evidence, model):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert _refused(f"TRUNCATE {model._meta.db_table} CASCADE")
    assert model.objects.exists()


def test_migrate_puts_the_triggers_back_after_a_table_is_rebuilt(evidence):
    """SQLite drops a table's triggers when a migration rebuilds it; post_migrate re-creates them."""
    from django.core.management import call_command

    append_only.remove(connection, [Acknowledgement])
    ack = evidence["acknowledgement"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE training_acknowledgement SET statement = statement WHERE id = %s", [ack.pk])
    call_command("migrate", verbosity=0)
    assert _refused("UPDATE training_acknowledgement SET statement = 'edited' WHERE id = %s", [ack.pk])
