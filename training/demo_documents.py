"""Demo documents: KCSIE 2024 then 2025 from the guidance catalogue, the school's policies, and a
realistic spread of confirmations (most staff have confirmed KCSIE 2025, some are outstanding).
The catalogue's newer KCSIE is left for the Lead to publish: the Lead's home offers it. Idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_STAFF_EMAIL
from accounts.demo_dates import created_at
from accounts.models import Role
from accounts.selectors import people_with_role

from .catalogue import catalogue
from .default_documents import documents_create_defaults
from .models import Acknowledgement, Document, DocumentVersion
from .selectors.documents import confirmation_statement, school_members
from .services.documents import acknowledgement_confirm, document_save, version_publish

DEMO_STAFF = DEMO_STAFF_EMAIL

# The school's own policies, published on its website in the demo.
POLICY_VERSIONS = {
    "safeguarding-policy": ("September 2025", "Updated for KCSIE 2025; Prevent statement reviewed."),
    "report-a-concern": ("September 2025", "CPOMS categories for Prevent concerns added."),
    "prevent-lead": ("2025/26", "Rachel Adeyemi is the Prevent Lead/SPOC; Martin Cole is the DSL."),
    "e-safety-policy": ("March 2025", "Filtering and monitoring responsibilities added."),
}


def _at(date, hour=9):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, 0)))


def _backdate_version(version, published_on):
    DocumentVersion.objects.filter(pk=version.pk).update(published_at=_at(published_on, 8))


def _confirm_some(version, members, share, rng, start, by=None, leave_out=()):
    """Confirm ``version`` for about ``share`` of the people who must read it, dated from ``start``."""
    document = version.document
    for user, roles in members.items():
        if not document.is_for(roles) or rng.random() > share or user.email in leave_out:
            continue
        statement = confirmation_statement(document, version, document.reading_for(roles))
        on_behalf = by if rng.random() < 0.05 else None
        # Confirmations are append-only in the database: the demo's date is drawn as the row is
        # inserted (only if it is), never set by an update after.
        when = lambda: _at(start + datetime.timedelta(days=rng.randint(0, 20)), rng.randint(8, 17))  # noqa: E731
        with created_at(Acknowledgement, "confirmed_at", when):
            acknowledgement_confirm(
                user=user,
                version=version,
                statement=statement,
                on_behalf_by=on_behalf,
                note="Read a paper copy at the INSET day briefing and signed the register." if on_behalf else "",
            )


@transaction.atomic
def seed(school):
    """Add the demo documents to ``school`` unless it already has KCSIE."""
    if Document.objects.filter(school=school, slug="kcsie").exists():
        return
    leads = people_with_role(school, Role.PREVENT_LEAD)
    if not leads:
        return
    lead = leads[0]
    rng = random.Random(2025)
    members = school_members(school)

    entry = catalogue().get("kcsie")
    first = entry.edition("2024")
    kcsie = document_save(
        school=school,
        by=lead,
        title=entry.title,
        slug=entry.slug,
        kind=entry.kind,
        description=entry.description,
        audience=list(entry.audience),
        reading=dict(first.reading),
        references_prevent=entry.references_prevent,
        owner=lead,
        review_on=datetime.date(2026, 9, 1),
    )
    versions = {}
    for label, share, leave_out in [("2024", 0.97, ()), ("2025", 0.84, {DEMO_STAFF})]:
        edition = entry.edition(label)
        versions[label] = version_publish(
            document=kcsie,
            by=lead,
            label=edition.label,
            effective_on=edition.in_force,
            url=edition.url,
            summary=edition.summary,
            reading=dict(edition.reading),
        )
        _backdate_version(versions[label], max(edition.published, edition.in_force - datetime.timedelta(days=62)))
        # The demo's staff sign-in has KCSIE 2025 still to confirm, to try it.
        _confirm_some(versions[label], members, share, rng, edition.in_force, by=lead, leave_out=leave_out)

    documents_create_defaults(school=school, by=lead)
    for slug, (label, summary) in POLICY_VERSIONS.items():
        document = Document.objects.get(school=school, slug=slug)
        version = version_publish(
            document=document,
            by=lead,
            label=label,
            effective_on=datetime.date(2025, 9, 1),
            url=f"https://www.ortonmeadows.example/policies/{slug}.pdf",
            summary=summary,
        )
        _backdate_version(version, datetime.date(2025, 8, 28))
        _confirm_some(version, members, 0.9, rng, datetime.date(2025, 9, 3), by=lead)
    prevent = Document.objects.get(school=school, slug="prevent-duty-guidance")
    _confirm_some(prevent.current_version, members, 1.0, rng, datetime.date(2024, 1, 10))
