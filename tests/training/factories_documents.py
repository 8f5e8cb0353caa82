"""Documents with a published version, and confirmations, for the documents tests."""

import datetime

from accounts.models import Role
from training.models import Document
from training.models.documents import ALL_STAFF
from training.services.documents import acknowledgement_confirm, document_save, version_publish


def document(
    school,
    by=None,
    *,
    slug="kcsie",
    title="Keeping children safe in education",
    audience=None,
    reading=None,
    label="2025",
):
    """A document of ``school`` with one published version (a link)."""
    doc = document_save(
        school=school,
        by=by,
        title=title,
        slug=slug,
        kind=Document.Kind.STATUTORY_GUIDANCE,
        audience=[str(r) for r in (audience or ALL_STAFF)],
        reading=reading
        if reading is not None
        else {str(Role.STAFF): "Part one", str(Role.PREVENT_LEAD): "Part one and Annex B"},
        references_prevent=True,
    )
    if label:
        publish(doc, by, label)
    doc.refresh_from_db()
    return doc


def publish(doc, by=None, label="2026", *, minor=False):
    version = version_publish(
        document=doc,
        by=by,
        label=label,
        effective_on=datetime.date(2025, 9, 1),
        url="https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
        summary=f"Edition {label}",
        is_minor=minor,
    )
    doc.refresh_from_db()
    return version


def confirm(user, doc, **kwargs):
    doc.refresh_from_db()
    ack, _ = acknowledgement_confirm(user=user, version=doc.current_version, statement="I have read it.", **kwargs)
    return ack
