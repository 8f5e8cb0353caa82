"""Documents with several versions, confirmations, courses, training records and briefings for a
benchmark dataset (manage.py generate_dataset): one school at a time, bulk inserts.

The documents come from the defaults a new school gets (default_documents.py), each with an
edition per academic year; the courses come from the courses service. Generated evidence has no
audit events: it stands for years of use, not for requests made through the app.
"""

import datetime

from django.utils import timezone

from accounts.models import Role
from core.periods import academic_year_label, academic_year_start

from .default_courses import DEFAULT_COURSES, MAY_REFER_GROUP
from .default_documents import default_documents
from .models import (
    Acknowledgement,
    Briefing,
    BriefingAttendance,
    Course,
    Document,
    DocumentVersion,
    NamedGroup,
    TrainingNeedsAssessment,
    TrainingRecord,
)
from .selectors.documents import confirmation_statement

# Share of the people who must read a version that confirmed it: editions of earlier years, and
# the current one (the September rush is mostly over by late autumn).
EARLIER_SHARE = 0.96
CURRENT_SHARE = 0.82
ON_BEHALF_SHARE = 0.03
HOLDS_TRAINING_SHARE = 0.88
BRIEFINGS = [
    (9, 2, "INSET: safeguarding and Prevent update"),
    (1, 5, "Online safety briefing"),
    (4, 15, "Prevent refresher"),
]


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def academic_starts(today, years):
    """The first years of the last ``years`` academic years, oldest first (2026 for 2026/27)."""
    current = academic_year_start(today).year
    return list(range(current - years + 1, current + 1))


def _document_versions(people, document, default, starts, rng):
    """Versions for one document, oldest first: an edition a year (national guidance keeps its one)."""
    if default.version is not None and default.slug != "kcsie":
        v = default.version
        return [
            DocumentVersion(
                document=document,
                label=v.label,
                effective_on=v.effective_on,
                url=v.url,
                summary=v.summary,
                published_by=people.lead,
                published_at=at(v.effective_on - datetime.timedelta(days=30)),
            )
        ]
    if default.version is None and rng.random() < 0.15:
        return []  # a policy the school has not published yet
    versions = []
    for start in starts:
        if default.slug == "kcsie":
            label, url = str(start), default.version.url
        else:
            label, url = f"September {start}", f"https://{people.slug}.example/policies/{default.slug}-{start}.pdf"
        versions.append(
            DocumentVersion(
                document=document,
                label=label,
                effective_on=datetime.date(start, 9, 1),
                url=url,
                summary=f"The {academic_year_label(start)} edition.",
                published_by=people.lead,
                published_at=at(datetime.date(start, 7, 1) + datetime.timedelta(days=rng.randint(0, 50))),
            )
        )
    return versions


def _documents(people, rng, starts, today):
    """The default documents, their versions (oldest first) and each document's current version."""
    school = people.school
    defaults = default_documents(today)
    documents = Document.objects.bulk_create(
        Document(
            school=school,
            title=d.title,
            slug=d.slug,
            kind=d.kind,
            description=d.description,
            audience=[str(r) for r in d.audience],
            reading={str(k): v for k, v in d.reading.items()},
            references_prevent=d.references_prevent,
            owner=people.lead,
            review_on=today + datetime.timedelta(days=rng.randint(30, 330)),
            created_at=at(datetime.date(starts[0], 6, 1)),
        )
        for d in defaults
    )
    planned = {
        doc.pk: _document_versions(people, doc, d, starts, rng) for doc, d in zip(documents, defaults, strict=True)
    }
    DocumentVersion.objects.bulk_create([v for versions in planned.values() for v in versions])
    # A typo fix to this year's safeguarding policy in some schools: its confirmations still count.
    minors = []
    for doc in documents:
        versions = planned[doc.pk]
        if doc.slug == "safeguarding-policy" and versions and rng.random() < 0.3:
            major = versions[-1]
            minors.append(
                DocumentVersion(
                    document=doc,
                    label=f"{major.label} (amended)",
                    effective_on=major.effective_on,
                    url=major.url.replace(".pdf", "-amended.pdf"),
                    summary="Corrected a telephone number.",
                    is_minor=True,
                    amends=major,
                    published_by=people.lead,
                    published_at=major.published_at + datetime.timedelta(days=30),
                )
            )
            versions.append(minors[-1])
    DocumentVersion.objects.bulk_create(minors)
    for doc in documents:
        doc.current_version = planned[doc.pk][-1] if planned[doc.pk] else None
    Document.objects.bulk_update(documents, ["current_version"])
    return documents, planned


def _acknowledgements(people, documents, planned, rng, today):
    rows = []
    now = at(today, 0)  # midnight: the same seed on the same day gives the same rows
    for doc in documents:
        majors = [v for v in planned[doc.pk] if not v.is_minor]
        minor = next((v for v in planned[doc.pk] if v.is_minor), None)
        for n, version in enumerate(majors):
            is_current = n == len(majors) - 1
            share = CURRENT_SHARE if is_current else EARLIER_SHARE
            opened = max(version.published_at, at(version.effective_on) - datetime.timedelta(days=14))
            for user, roles in people.staff:
                if not doc.is_for(roles) or rng.random() > share:
                    continue
                confirmed_at = opened + datetime.timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 9))
                if confirmed_at > now:
                    confirmed_at = now - datetime.timedelta(hours=rng.randint(1, 48))
                read = version
                if is_current and minor is not None and confirmed_at > minor.published_at:
                    read = minor
                on_behalf = rng.random() < ON_BEHALF_SHARE
                rows.append(
                    Acknowledgement(
                        school=people.school,
                        user=user,
                        version=read,
                        major_version=version,
                        statement=confirmation_statement(doc, read, doc.reading_for(roles)),
                        confirmed_at=confirmed_at,
                        on_behalf_by=people.lead if on_behalf else None,
                        on_behalf_note="Read a paper copy at the INSET day and signed the register."
                        if on_behalf
                        else "",
                    )
                )
    Acknowledgement.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _courses(school):
    """The default courses and their named groups as courses_create_defaults would add them, in bulk."""
    courses = Course.objects.bulk_create(
        Course(
            school=school,
            position=position,
            **{k: v for k, v in spec.items() if k not in ("groups", "required_roles")},
            required_roles=[str(r) for r in spec["required_roles"]],
        )
        for position, spec in enumerate(DEFAULT_COURSES, start=1)
    )
    names = sorted({name for spec in DEFAULT_COURSES for name in spec.get("groups", [])})
    groups = {g.name: g for g in NamedGroup.objects.bulk_create(NamedGroup(school=school, name=n) for n in names)}
    Course.required_groups.through.objects.bulk_create(
        Course.required_groups.through(course=course, namedgroup=groups[name])
        for course, spec in zip(courses, DEFAULT_COURSES, strict=True)
        for name in spec.get("groups", [])
    )
    return courses


def _training_records(people, courses, rng, today, years):
    everyone = people.staff + [(g, [str(Role.GOVERNOR)]) for g in people.governors]
    may_refer = [user for user, _ in rng.sample(people.staff[3:], min(5, max(len(people.staff) - 3, 0)))]
    group = NamedGroup.objects.filter(school=people.school, name=MAY_REFER_GROUP).first()
    if group is not None and may_refer:
        NamedGroup.members.through.objects.bulk_create(
            NamedGroup.members.through(namedgroup=group, user=user) for user in may_refer
        )
    earliest = today - datetime.timedelta(days=365 * years)
    rows = []
    for course in courses:
        required = set(course.required_roles)
        months = course.refresh_months or 36
        for user, roles in everyone:
            if not (required & set(roles)) and not (course.slug == "prevent-referrals" and user in may_refer):
                continue
            if rng.random() > HOLDS_TRAINING_SHARE:
                continue
            # The latest completion: sometimes more than ``months`` ago, so it has lapsed.
            completed = today - datetime.timedelta(days=rng.randint(0, int(months * 30.4 * 1.12)))
            while completed >= earliest:
                verified = rng.random() < 0.7
                by_self = rng.random() < 0.6
                rows.append(
                    TrainingRecord(
                        school=people.school,
                        user=user,
                        course=course,
                        completed_on=completed,
                        notes="" if rng.random() < 0.8 else "Certificate seen by the Prevent Lead.",
                        recorded_by=user if by_self else people.lead,
                        recorded_at=at(completed, 16),
                        verified_by=people.lead if verified else None,
                        verified_at=at(completed + datetime.timedelta(days=rng.randint(1, 20)), 12)
                        if verified
                        else None,
                    )
                )
                completed -= datetime.timedelta(days=int(months * 30.4) + rng.randint(-20, 20))
    TrainingRecord.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _briefings(people, rng, starts, today):
    briefings = []
    for start in starts:
        for month, day, title in BRIEFINGS:
            held = datetime.date(start if month >= 9 else start + 1, month, day)
            if held >= today:
                continue
            briefings.append(
                Briefing(
                    school=people.school,
                    held_on=held,
                    title=title,
                    topics="Staff's duties under the Prevent duty; how to report a concern; online safety.",
                    materials_link=f"https://{people.slug}.example/briefings/{held:%Y-%m}.pdf",
                    invited_roles=[str(Role.STAFF)],
                    recorded_by=people.lead,
                    recorded_at=at(held, 17),
                )
            )
    briefings = Briefing.objects.bulk_create(briefings)
    rows = []
    for briefing in briefings:
        for user, _ in people.staff:
            if rng.random() < 0.85:
                by_self = rng.random() < 0.7
                rows.append(
                    BriefingAttendance(
                        briefing=briefing,
                        user=user,
                        confirmed_by=user if by_self else people.lead,
                        confirmed_at=at(briefing.held_on + datetime.timedelta(days=rng.randint(0, 5)), 15),
                    )
                )
    BriefingAttendance.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def generate(people, *, rng, years, today):
    """Documents, confirmations, courses, records and briefings for one school; returns row counts."""
    starts = academic_starts(today, years)
    documents, planned = _documents(people, rng, starts, today)
    counts = {"acknowledgements": _acknowledgements(people, documents, planned, rng, today)}
    courses = _courses(people.school)
    counts["training records"] = _training_records(people, courses, rng, today, years)
    counts["briefing attendance"] = _briefings(people, rng, starts, today)
    TrainingNeedsAssessment.objects.bulk_create(
        TrainingNeedsAssessment(
            school=people.school,
            assessed_on=datetime.date(start, 9, 20),
            risk="Local risk assessment: online radicalisation and far-right stickers in the town centre.",
            summary="All staff take Prevent awareness; the DSL, Lead and named staff take the referrals course.",
            recorded_by=people.lead,
        )
        for start in starts
        if datetime.date(start, 9, 20) <= today
    )
    return counts
