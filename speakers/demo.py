"""The demo school's speaker and letting requests, one of each stage of the workflow (the other
kinds, the letting series and the letters are in ``demo_kinds``)."""

import datetime

from django.utils import timezone

from accounts.demo_dates import created_at
from accounts.models import Membership, Role

from .demo_kinds import seed_kinds, send_letter
from .models import CheckTemplate, Decision, DueDiligenceCheck, SpeakerRequest
from .services import check_record, checklist_ensure, decision_record, evaluation_record, request_create

NO, YES = DueDiligenceCheck.Result.NO_CONCERNS, DueDiligenceCheck.Result.CONCERNS


def _at(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _checks(speaker_request, by, concerns=()):
    """Record the always-required checks (``concerns`` lists names that found some)."""
    for template in CheckTemplate.objects.filter(school=speaker_request.school, active=True, only_if_concerns=False):
        if not template.applies_to(speaker_request.kind):
            continue
        found = template.name in concerns
        notes = (
            "Found posts on the organisation's social media sharing material from a group on the proscribed list "
            "(screenshots saved to the safeguarding drive)."
            if found
            else f"Checked {timezone.localdate():%d %B %Y}: nothing of concern found."
        )
        check_record(
            speaker_request=speaker_request, template=template, by=by, result=YES if found else NO, notes=notes
        )


def _decided_on(speaker_request, days_before):
    return speaker_request.starts_at - datetime.timedelta(days=days_before)


def _backdate(speaker_request, days_before):
    """The demo's history happened before each event: move the request's and checks' timestamps
    back to then (the decision, which is evidence, was dated as it was made: see ``_decide``)."""
    when = _decided_on(speaker_request, days_before)
    SpeakerRequest.objects.filter(pk=speaker_request.pk).update(created_at=when - datetime.timedelta(days=3))
    DueDiligenceCheck.objects.filter(request=speaker_request).update(done_at=when - datetime.timedelta(days=1))


def _decide(speaker_request, by, outcome, justification, days_before=None, **kwargs):
    """Decide through the service; ``days_before`` the event, or now. Decisions are append-only in the
    database, so the demo's date is given as the row is inserted, never changed after."""
    when = timezone.now() if days_before is None else _decided_on(speaker_request, days_before)
    with created_at(Decision, "decided_at", when):
        return decision_record(
            speaker_request=speaker_request,
            by=by,
            outcome=outcome,
            justification=justification,
            **kwargs,
        )


def seed(school):
    """Add the demo requests to ``school``; does nothing if it already has speaker requests."""
    if SpeakerRequest.objects.filter(school=school).exists():
        return
    checklist_ensure(school)
    lead = Membership.objects.current().filter(school=school, role=Role.PREVENT_LEAD).select_related("user").first()
    head = Membership.objects.current().filter(school=school, role=Role.HEADTEACHER).select_related("user").first()
    staff = [
        m.user
        for m in Membership.objects.current()
        .filter(school=school, role=Role.STAFF)
        .select_related("user")
        .order_by("user__email")[:6]
    ]
    if lead is None or head is None or len(staff) < 6:
        return
    lead, head = lead.user, head.user

    def make(by, **fields):
        fields.setdefault("kind", SpeakerRequest.Kind.SPEAKER)
        fields.setdefault("invited_by", by)
        return request_create(school=school, by=by, **fields)

    magistrates = make(
        staff[0],
        speaker_names="Margaret Holt JP",
        organisation="Magistrates' Association (Cambridgeshire branch)",
        contact_name="Margaret Holt",
        contact_email="m.holt@magistrates.example",
        event_title="How the courts work: Year 9 citizenship",
        starts_at=_at(-40),
        place="Lecture theatre",
        year_groups="Year 9",
        expected_size=210,
        outline="The role of magistrates, a mock trial with pupils, and the rule of law as a British value.",
        biography="Magistrate in Peterborough since 2009; visits schools for the Magistrates in the Community scheme.",
    )
    _checks(magistrates, lead)
    _decide(
        magistrates,
        lead,
        "approve",
        "A national scheme with a good record; every check is clear; fits the curriculum.",
        days_before=14,
    )
    _backdate(magistrates, 14)
    magistrates.refresh_from_db()
    evaluation_record(
        speaker_request=magistrates,
        by=lead,
        went_as_agreed=True,
        notes="Pupils engaged well with the mock trial; the content matched the outline.",
        invite_again="yes",
    )

    forum = make(
        staff[1],
        speaker_names="Imam Yusuf Ali; Revd Claire Watts; Harjit Singh",
        organisation="Peterborough Interfaith Forum",
        contact_name="Claire Watts",
        contact_email="office@interfaith.example",
        contact_phone="01733 000111",
        event_title="Faith and community panel: Year 10 RE day",
        starts_at=_at(-12, 13),
        place="Drama studio",
        year_groups="Year 10",
        expected_size=60,
        outline="Panel on how the city's faith communities work together; questions submitted by pupils in advance.",
        biography="Leaders of three local congregations who sit on the forum's board.",
    )
    _checks(forum, lead)
    _decide(
        forum,
        head,
        "approve_conditions",
        "Checks are clear; a panel with live questions needs a chair from staff to keep the discussion balanced.",
        conditions=["staff_present", "content_in_advance"],
        days_before=7,
    )
    _backdate(forum, 7)

    alliance = make(
        staff[2],
        speaker_names="Dan Mercer",
        organisation="Patriotic Youth Alliance",
        contact_name="Dan Mercer",
        contact_email="dan@pya.example",
        event_title="'The truth about immigration': sixth-form debate",
        starts_at=_at(-5, 14),
        place="Sixth-form centre",
        year_groups="Years 12 and 13",
        expected_size=80,
        outline="A talk followed by a debate on immigration policy.",
        biography="Campaigner and podcaster.",
    )
    _checks(alliance, lead, concerns=("Online and social media search",))
    officer = CheckTemplate.objects.filter(school=school, only_if_concerns=True, active=True).first()
    check_record(
        speaker_request=alliance,
        template=officer,
        by=lead,
        result=YES,
        notes="Spoke to the local authority Prevent officer: the organisation is known for stirring up hatred.",
    )
    _decide(
        alliance,
        lead,
        "decline",
        "The organisation shares material from a proscribed group and the Prevent officer advises against it. "
        "The debate can go ahead with a different, balanced speaker.",
        days_before=10,
    )
    _backdate(alliance, 10)
    # The internal record keeps the justification above; Dan Mercer's letter says the outcome only.
    send_letter(alliance, lead, head, addressee_address="dan@pya.example")

    online = make(
        staff[3],
        speaker_names="PC Rachel Dunn",
        organisation="Cambridgeshire Constabulary",
        event_title="Staying safe online: Year 7 assembly",
        starts_at=_at(9, 9),
        place="Main hall",
        year_groups="Year 7",
        expected_size=240,
        outline="Online grooming, sharing images, and where to get help; includes radicalisation online.",
        biography="Schools liaison officer.",
    )
    _checks(online, lead)
    first = _decide(online, lead, "approve", "Police schools officer; checks clear.")
    _decide(
        online,
        lead,
        "approve_conditions",
        "Still approved; the force asks that the session is not recorded.",
        conditions=["no_recording"],
        supersedes_id=first.pk,
        reason_for_change="The speaker asked for no recording after the first decision.",
    )

    mp_visit = make(
        staff[5],
        speaker_names="The local MP",
        organisation="House of Commons",
        event_title="Question time with our MP: Year 11",
        starts_at=_at(24, 11),
        place="Library",
        year_groups="Year 11",
        expected_size=120,
        outline="Questions from pupils about how Parliament works; no party campaigning.",
    )
    template = CheckTemplate.objects.get(school=school, name="Online and social media search")
    check_record(speaker_request=mp_visit, template=template, by=lead, result=NO, notes="Nothing of concern.")

    make(
        staff[0],
        speaker_names="A survivor speaker (to be confirmed)",
        organisation="Holocaust Educational Trust",
        event_title="Holocaust Memorial Day testimony",
        starts_at=_at(60, 10),
        place="Main hall",
        year_groups="Years 9 to 11",
        expected_size=400,
        outline="",
    )
    seed_kinds(school, lead, head, staff)
