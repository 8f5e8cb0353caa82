"""Prevent concerns with their decisions, agency contacts and agreed actions for a benchmark
dataset (manage.py generate_dataset): one school at a time, bulk inserts.

Pupils appear only as made-up identifiers (DATASET-...), as in the demo.
"""

import datetime

from django.utils import timezone

from .default_contacts import default_contact_rows
from .models import AgencyContact, AgreedAction, Case, Decision, LocalContact, Outcome, YearGroup
from .references import format_reference

CASES_PER_YEAR = 3
SUMMARIES = [
    "Pupil repeated extremist slogans in a PSHE lesson and was seen watching related videos.",
    "Concern from a parent about material shared in a group chat.",
    "Drawings with far-right symbols found in an exercise book.",
    "Pupil searched for an extremist group's material on a school computer (filtering alert).",
]
DECISIONS = [
    (Decision.Kind.SEEK_ADVICE, "Spoke to the LA Prevent officer before deciding."),
    (Decision.Kind.SUPPORT_IN_SCHOOL, "Low risk: mentoring and PSHE work in school, reviewed in six weeks."),
    (Decision.Kind.PREVENT_REFERRAL, "Advice was to refer: the pupil may be susceptible to radicalisation."),
    (Decision.Kind.NO_FURTHER_ACTION, "On review, no indication of radicalisation; recorded and monitored."),
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _contacts(school):
    """The default contacts as contacts_create_defaults would add them, in one insert."""
    LocalContact.objects.bulk_create(default_contact_rows(school))


def generate(people, *, rng, years, today):
    """Contacts and cases raised over ``years`` years for one school; returns row counts."""
    school = people.school
    _contacts(school)
    raised = sorted(today - datetime.timedelta(days=rng.randint(0, 365 * years)) for _ in range(CASES_PER_YEAR * years))
    numbers = {}
    cases = []
    for n, day in enumerate(raised):
        numbers[day.year] = numbers.get(day.year, 0) + 1
        closed = day < today - datetime.timedelta(days=120) and rng.random() < 0.85
        cases.append(
            Case(
                school=school,
                reference=format_reference(day.year, numbers[day.year]),
                year=day.year,
                number=numbers[day.year],
                pupil_identifier=f"DATASET-{school.urn}-{n:03d}",
                year_group=rng.choice([YearGroup.Y7, YearGroup.Y8, YearGroup.Y9, YearGroup.Y10, YearGroup.Y11]),
                raised_on=day,
                raised_by=rng.choice(people.staff)[0],
                summary=rng.choice(SUMMARIES),
                recorded_by=people.dsl,
                recorded_at=_at(day, 15),
                closed_on=day + datetime.timedelta(days=rng.randint(30, 110)) if closed else None,
                outcome=rng.choice([Outcome.NO_FURTHER_ACTION, Outcome.SUPPORT_COMPLETED]) if closed else "",
                closed_by=people.lead if closed else None,
            )
        )
    cases = Case.objects.bulk_create(cases)
    decisions, contacts, actions = [], [], []
    for case in cases:
        first, second = rng.sample(DECISIONS, 2)
        for k, (kind, rationale) in enumerate([first, second][: rng.randint(1, 2)]):
            decided = case.raised_on + datetime.timedelta(days=k * 7 + rng.randint(0, 3))
            decisions.append(
                Decision(
                    case=case,
                    kind=kind,
                    rationale=rationale,
                    decided_on=min(decided, today),
                    decided_by=people.lead,
                    recorded_at=_at(min(decided, today), 16),
                )
            )
        contacts.append(
            AgencyContact(
                case=case,
                agency=AgencyContact.Agency.LA_PREVENT,
                contacted_on=case.raised_on + datetime.timedelta(days=1),
                method=AgencyContact.Method.PHONE,
                response="Advised support in school and a review in six weeks.",
                recorded_by=people.dsl,
            )
        )
        due = case.raised_on + datetime.timedelta(days=42)
        actions.append(
            AgreedAction(
                case=case,
                description="Review the support plan with the pupil and parents.",
                owner=people.dsl,
                due_on=due,
                done_on=min(due, today) if case.closed_on or rng.random() < 0.5 else None,
                recorded_by=people.lead,
            )
        )
    # bulk_create bypasses AppendOnly.save(), which refuses only a second save of a row.
    Decision.objects.bulk_create(decisions)
    AgencyContact.objects.bulk_create(contacts)
    AgreedAction.objects.bulk_create(actions)
    return {"referral cases": len(cases), "referral decisions": len(decisions)}
