"""Factories and small builders for the speaker tests."""

import datetime

import factory
from django.utils import timezone

from speakers.models import DueDiligenceCheck, SpeakerRequest
from speakers.services import KIND_FIELDS, checklist_ensure, decision_record, request_create


class SpeakerRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerRequest

    kind = SpeakerRequest.Kind.SPEAKER
    speaker_names = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Peterborough Interfaith Forum"
    contact_name = "Nadia Contact"
    contact_email = "nadia.contact@forum.example"
    contact_phone = "07700 900123"
    event_title = factory.Sequence(lambda n: f"Assembly talk {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    place = "Main hall"
    year_groups = "Years 10 and 11"
    expected_size = 180
    invited_by = factory.LazyAttribute(lambda o: o.requested_by)
    outline = "A talk on community cohesion and how faith groups in the city work together."
    biography = "Youth worker with the forum since 2015."


def make_request(school, by, **fields):
    """A request of ``school`` raised by ``by`` through the service, so its status is right."""
    built = SpeakerRequestFactory.build(school=school, requested_by=by, **fields)
    data = {name: getattr(built, name) for name in KIND_FIELDS[built.kind]}
    return request_create(school=school, by=by, **data)


def complete_checks(speaker_request, by, result=DueDiligenceCheck.Result.NO_CONCERNS):
    """Record every always-required check of the request with ``result``."""
    from speakers.services import check_record

    for template in checklist_ensure(speaker_request.school):
        if not template.only_if_concerns and template.applies_to(speaker_request.kind):
            check_record(speaker_request=speaker_request, template=template, by=by, result=result, notes="Searched.")
    speaker_request.refresh_from_db()
    return speaker_request


def decide(speaker_request, by, outcome="approve", **kwargs):
    kwargs.setdefault("justification", "Checks found nothing of concern; the talk suits the audience.")
    return decision_record(speaker_request=speaker_request, by=by, outcome=outcome, **kwargs)


def make_letting(school, by, **fields):
    """A letting of ``school`` (a weekly series if ``repeat`` and ``series_until`` are given)."""
    defaults = {
        "kind": SpeakerRequest.Kind.LETTING,
        "organisation": "Fenland Karate Club",
        "contact_name": "Kenji Ward",
        "speaker_names": "Kenji Ward",
        "event_title": "Saturday karate club",
        "place": "Sports hall",
        "outline": "Karate classes for children and adults.",
        "insurer": "Sports Cover Ltd",
        "insurance_expires": timezone.localdate() + datetime.timedelta(days=365),
        "hire_conditions": "Hirer supervises under-18s at all times.",
    }
    built = SpeakerRequestFactory.build(school=school, requested_by=by, **{**defaults, **fields})
    data = {name: getattr(built, name) for name in KIND_FIELDS[SpeakerRequest.Kind.LETTING]}
    return request_create(school=school, by=by, **data)


def draft_letter(speaker_request, by, *, state="draft", outcome="decline", **fields):
    """A decided request's letter to the speaker or hirer, drafted (and reviewed or sent if ``state`` says)."""
    from speakers.speaker_letters import letter_draft, letter_initial, letter_mark_sent, letter_review

    decision = speaker_request.decisions.order_by("-decided_at", "-pk").first()
    if decision is None:
        if outcome != "decline":
            complete_checks(speaker_request, by)
        decision = decide(speaker_request, by, outcome=outcome)
    data = {**letter_initial(speaker_request, decision, by), "signatory_role": "Headteacher", **fields}
    letter = letter_draft(speaker_request=speaker_request, decision=decision, by=by, **data)
    if state in ("reviewed", "sent"):
        letter_review(letter=letter, by=by)
    if state == "sent":
        letter_mark_sent(letter=letter, by=by, sent_how="email")
    return letter
