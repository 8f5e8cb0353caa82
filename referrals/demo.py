"""The demo school's contacts and a few Prevent cases at different stages, made the same way each time."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role, User

from .channel import channel_exit_record, consent_record, triage_record
from .models import Case, ChannelConsent, ChannelPanel, ConcernCategory, Decision, LocalContact, PoliceTriage
from .retention import legal_hold_place
from .services import (
    agency_contact_record,
    agreed_action_add,
    agreed_action_done,
    case_close,
    case_open,
    channel_panel_record,
    concern_categories_ensure,
    contacts_create_defaults,
    decision_record,
    information_sharing_record,
)

# Demo pupil identifiers: recognisable as made up, so no one mistakes them for real ones.
DEMO_IDS = ["CPOMS-DEMO-0412", "CPOMS-DEMO-0587", "CPOMS-DEMO-0733", "CPOMS-DEMO-0861"]


def _person(school, role):
    membership = (
        Membership.objects.current().filter(school=school, role=role).select_related("user").order_by("pk").first()
    )
    return membership.user if membership else None


def _staff(school, n):
    ids = (
        Membership.objects.current()
        .filter(school=school, role=Role.STAFF)
        .order_by("pk")
        .values_list("user", flat=True)
    )
    return User.objects.get(pk=ids[n % len(ids)])


@transaction.atomic
def seed(school):
    """Default contacts, then four cases: closed after Channel (its 6-month review due), open with an
    overdue action, NFA (on legal hold), new."""
    if not LocalContact.objects.filter(school=school).exists():
        contacts_create_defaults(school=school)
    concern_categories_ensure()
    if Case.objects.filter(school=school, pupil_identifier__in=DEMO_IDS).exists():
        return
    lead, dsl = _person(school, Role.PREVENT_LEAD), _person(school, Role.DSL)
    if lead is None or dsl is None:
        return
    today = timezone.localdate()

    def ago(days):
        return today - datetime.timedelta(days=days)

    def category(code):
        return ConcernCategory.objects.get(code=code)

    # 1. The full route: advice, Prevent referral, Channel adopted, agreed actions done, closed.
    case = case_open(
        school=school,
        by=lead,
        pupil_identifier=DEMO_IDS[0],
        year_group="10",
        raised_on=ago(260),
        raised_by=_staff(school, 3),
        summary="Shared extremist videos with classmates in a group chat and repeated their slogans in a PSHE lesson.",
        concern_category=category("extreme-right-wing"),
    )
    decision_record(
        case=case,
        by=lead,
        kind=Decision.Kind.SEEK_ADVICE,
        rationale="Content and language suggest growing interest in an extreme right-wing group. Seek advice "
        "before deciding; speak to parents after advice.",
        decided_on=ago(259),
    )
    agency_contact_record(
        case=case,
        by=lead,
        agency="police_prevent",
        contacted_on=ago(259),
        method="phone",
        their_reference="",
        response="Prevent officer advised a referral using the national form; parents to be told.",
    )
    decision_record(
        case=case,
        by=lead,
        kind=Decision.Kind.PREVENT_REFERRAL,
        rationale="Advice from the police Prevent team; parents informed and supportive. Threshold for a Prevent "
        "referral met: sustained interest, sharing of material, peer influence.",
        decided_on=ago(256),
    )
    agency_contact_record(
        case=case,
        by=lead,
        agency="police_prevent",
        contacted_on=ago(256),
        method="form",
        their_reference="CTP-ER-2026-1187",
        response="Referral received; passed to the local authority for a Channel panel.",
    )
    information_sharing_record(
        case=case,
        by=lead,
        what="Referral form: concern, school context, attendance and behaviour summary",
        shared_with="Counter Terrorism Policing (Prevent)",
        lawful_basis="public_task_safeguarding",
        shared_on=ago(256),
    )
    triage_record(
        case=case,
        by=lead,
        outcome=PoliceTriage.Outcome.ADOPTED_CHANNEL,
        triaged_on=ago(250),
        police_reference="CTP-ER-2026-1187",
        note="Assessed with the Prevent Assessment Framework; passed to the local authority's Channel panel.",
    )
    consent_record(
        case=case,
        by=lead,
        status=ChannelConsent.Status.GIVEN,
        given_by=ChannelConsent.GivenBy.PARENT_CARER,
        on=ago(232),
    )
    channel_panel_record(
        case=case,
        by=lead,
        panel_on=ago(230),
        adoption=ChannelPanel.Adoption.ADOPTED,
        support_summary="Parental consent given. Intervention provider sessions fortnightly; school mentoring.",
    )
    for description, owner, due in [
        ("Weekly check-in with the Head of Year", _staff(school, 5), ago(220)),
        ("Review of online safety with the pupil and parents", dsl, ago(205)),
    ]:
        action = agreed_action_add(case=case, by=lead, description=description, owner=owner, due_on=due)
        agreed_action_done(action=action, by=lead, done_on=due)
    # Left Channel about six months ago: the 6-month review is due now (the Lead's home shows it).
    channel_exit_record(case=case, by=lead, left_on=ago(195), note="Intervention provider's sessions completed.")
    case_close(
        case=case,
        by=lead,
        closed_on=ago(190),
        outcome="channel_completed",
        outcome_note="Channel panel closed the case; review at 6 and 12 months.",
        birth_year=today.year - 16,
    )

    # 2. Open: MASH referral in parallel, an agreed action now overdue (for the Lead's home page).
    case = case_open(
        school=school,
        by=dsl,
        pupil_identifier=DEMO_IDS[1],
        year_group="9",
        raised_on=ago(40),
        raised_by=_staff(school, 8),
        summary="Talked of travelling abroad to join a group; older contacts online; family concerns.",
        concern_category=category("islamist"),
    )
    decision_record(
        case=case,
        by=dsl,
        kind=Decision.Kind.REFER_MASH,
        rationale="Wider safeguarding concerns at home as well as the Prevent concern: refer to the MASH.",
        decided_on=ago(39),
    )
    agency_contact_record(
        case=case,
        by=dsl,
        agency="mash",
        contacted_on=ago(39),
        method="form",
        their_reference="MASH-77215",
        response="Accepted for assessment; social worker allocated.",
    )
    agreed_action_add(
        case=case, by=dsl, description="Update the MASH after the pupil's review meeting", owner=lead, due_on=ago(5)
    )
    agreed_action_add(
        case=case, by=dsl, description="Mentoring sessions with the pastoral manager", owner=dsl, due_on=ago(-20)
    )

    # 3. Closed with no further action: the decision not to refer, and why.
    case = case_open(
        school=school,
        by=lead,
        pupil_identifier=DEMO_IDS[2],
        year_group="7",
        raised_on=ago(90),
        raised_by=_staff(school, 11),
        summary="Drew a symbol associated with a proscribed group on an exercise book.",
        concern_category=category("no-vulnerability-ideology-risk"),
    )
    decision_record(
        case=case,
        by=lead,
        kind=Decision.Kind.NO_FURTHER_ACTION,
        rationale="Spoke with the pupil and parents: copied from a video game, no interest in the ideology. "
        "Lesson on symbols and hate given to the class.",
        decided_on=ago(88),
    )
    case_close(case=case, by=lead, closed_on=ago(85), outcome="nfa", birth_year=today.year - 12)
    legal_hold_place(
        case=case,
        by=lead,
        reason="The local authority's solicitors asked the school to keep the record while a complaint about "
        "the handling of the incident is considered.",
    )

    # 4. Just raised: no decision yet.
    case_open(
        school=school,
        by=lead,
        pupil_identifier=DEMO_IDS[3],
        year_group="11",
        raised_on=ago(1),
        raised_by=_staff(school, 14),
        summary="Expressed support for violence against a community after a news story.",
        concern_category=category("unknown"),
    )
