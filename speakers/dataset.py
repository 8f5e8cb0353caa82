"""Speaker and letting requests with their due-diligence checks, decisions and evaluations for a
benchmark dataset (manage.py generate_dataset): one school at a time, bulk inserts.

Past events are decided (most approved, some with conditions, a few declined) and mostly
evaluated; future ones are at every stage from draft to decided.
"""

import datetime

from django.utils import timezone

from .models import Condition, Decision, DueDiligenceCheck, Evaluation, SpeakerRequest, Status
from .services import checklist_ensure

REQUESTS_PER_YEAR = 8
SPEAKERS = [
    ("Dr Samira Hussain", "University of Cambridge", "Careers in medicine"),
    ("PC Daniel Hart", "Cambridgeshire Constabulary", "Staying safe online"),
    ("Ruth Ellison", "Fenland Food Bank", "Volunteering in the community"),
    ("Imam Yusuf Ahmed", "Peterborough Central Mosque", "Faith and community (RE)"),
    ("Canon Mark Steele", "Ely Cathedral", "Faith and community (RE)"),
    ("Jo Parkes", "Show Racism the Red Card", "Challenging racism"),
    ("Tom Greaves", "", "Climate activism: a debate"),
    ("Marcus Bell", "Youth Voice CIC", "Politics and young people"),
]
LETTINGS = [("Fenland Chess Club", "Weekend tournament"), ("Grace Community Church", "Sunday services in the hall")]


def _request(people, rng, starts_at, n):
    staff = rng.choice(people.staff[3:] or people.staff)[0]
    if rng.random() < 0.2:
        organisation, title = rng.choice(LETTINGS)
        kind, names = SpeakerRequest.Kind.LETTING, organisation
    else:
        names, organisation, title = rng.choice(SPEAKERS)
        kind = SpeakerRequest.Kind.SPEAKER
    return SpeakerRequest(
        school=people.school,
        kind=kind,
        speaker_names=names,
        organisation=organisation,
        contact_name=names,
        contact_email=f"contact{n}@{people.slug}.speakers.example",
        event_title=title,
        starts_at=starts_at,
        place=rng.choice(["Main hall", "Library", "Room S12", "Sports hall"]),
        year_groups=rng.choice(["Years 10 and 11", "Year 9", "Sixth form", "Years 5 and 6", ""]),
        expected_size=rng.choice([30, 60, 120, 200]),
        invited_by=staff,
        requested_by=staff,
        outline="What they will cover, the materials they will use and the questions pupils may ask.",
        biography="Has spoken at schools in the county before.",
        risk_rating=rng.choice(["low", "low", "low", "medium", "high"]),
        risk_reason="Assessed against the school's speaker protocol.",
        created_at=starts_at - datetime.timedelta(days=rng.randint(14, 40)),
    )


def generate(people, *, rng, years, today):
    """Requests over ``years`` academic years and the term ahead for one school; returns row counts."""
    templates = [t for t in checklist_ensure(people.school) if not t.only_if_concerns]
    # Midnight today, not the clock: the same seed on the same day gives the same requests.
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(0, 0)))
    first = now - datetime.timedelta(days=365 * years)
    count = REQUESTS_PER_YEAR * years + 4
    requests = []
    for n in range(count):
        starts_at = first + datetime.timedelta(days=rng.randint(0, 365 * years + 90), hours=rng.randint(0, 6))
        requests.append(_request(people, rng, starts_at.replace(minute=0, second=0, microsecond=0), n))
    outcomes = {}
    for r in requests:
        roll = rng.random()
        if r.starts_at < now or roll < 0.5:
            outcome = rng.choices(
                [Decision.Outcome.APPROVE, Decision.Outcome.APPROVE_WITH_CONDITIONS, Decision.Outcome.DECLINE],
                weights=[6, 3, 1],
            )[0]
            outcomes[id(r)] = outcome
            r.status = {
                Decision.Outcome.APPROVE: Status.APPROVED,
                Decision.Outcome.APPROVE_WITH_CONDITIONS: Status.APPROVED_WITH_CONDITIONS,
                Decision.Outcome.DECLINE: Status.DECLINED,
            }[outcome]
        else:
            r.status = rng.choice([Status.DRAFT, Status.AWAITING_CHECKS, Status.AWAITING_DECISION])
    requests = SpeakerRequest.objects.bulk_create(requests)
    checks, decisions, evaluations = [], [], []
    for r in requests:
        if r.status in (Status.DRAFT,):
            continue
        own = [t for t in templates if t.applies_to(r.kind)]
        done = own if r.status != Status.AWAITING_CHECKS else own[: len(own) // 2]
        concerns = id(r) in outcomes and outcomes[id(r)] == Decision.Outcome.DECLINE
        for t in done:
            checks.append(
                DueDiligenceCheck(
                    request=r,
                    template=t,
                    done_by=people.lead,
                    done_at=r.created_at + datetime.timedelta(days=rng.randint(1, 7)),
                    result=DueDiligenceCheck.Result.CONCERNS if concerns else DueDiligenceCheck.Result.NO_CONCERNS,
                    notes="Searched the names and the organisation; nothing of concern found."
                    if not concerns
                    else "Recent posts endorse views that undermine mutual respect and tolerance.",
                )
            )
        outcome = outcomes.get(id(r))
        if outcome is None:
            continue
        decisions.append(
            Decision(
                request=r,
                outcome=outcome,
                conditions=[Condition.STAFF_PRESENT, Condition.CONTENT_IN_ADVANCE]
                if outcome == Decision.Outcome.APPROVE_WITH_CONDITIONS
                else [],
                justification="Checks complete; the content supports the curriculum."
                if outcome != Decision.Outcome.DECLINE
                else "The checks found views at odds with the school's values: the risk is not acceptable.",
                decided_by=people.head if rng.random() < 0.3 else people.lead,
                decided_at=r.created_at + datetime.timedelta(days=rng.randint(8, 12)),
            )
        )
        if outcome != Decision.Outcome.DECLINE and r.starts_at < now and rng.random() < 0.7:
            r.status = Status.EVALUATED
            evaluations.append(
                Evaluation(
                    request=r,
                    went_as_agreed=rng.random() < 0.95,
                    notes="Pupils engaged well; the speaker kept to the agreed outline.",
                    invite_again=Evaluation.InviteAgain.YES,
                    recorded_by=r.invited_by,
                    recorded_at=min(r.starts_at + datetime.timedelta(days=2), now),
                )
            )
    DueDiligenceCheck.objects.bulk_create(checks, batch_size=2000)
    # bulk_create never calls Decision.save(), which refuses a second save, not a first insert.
    Decision.objects.bulk_create(decisions)
    Evaluation.objects.bulk_create(evaluations)
    evaluated = [e.request for e in evaluations]
    SpeakerRequest.objects.bulk_update(evaluated, ["status"])
    return {"speaker requests": len(requests), "due-diligence checks": len(checks), "speaker decisions": len(decisions)}
