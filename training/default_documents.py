"""The documents a new school starts with, from the guidance catalogue (all editable after).

National guidance comes with the edition in force on the day, as a link to GOV.UK, ready for
staff to confirm, with what each role reads of that edition and a confirm-by date still ahead. The
school's own policies start without a version: the Lead publishes the school's file, and until
then nobody is asked to confirm something they cannot open.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .catalogue import catalogue
from .models.documents import Document, suggested_confirm_by
from .services.documents import document_save, version_publish


@dataclass
class DefaultVersion:
    label: str
    effective_on: datetime.date
    url: str
    summary: str = ""


@dataclass
class DefaultDocument:
    slug: str
    title: str
    kind: str
    description: str
    audience: list
    reading: dict = field(default_factory=dict)
    references_prevent: bool = False
    version: DefaultVersion | None = None


def default_documents(today):
    """The catalogue's documents as a school set up on ``today`` gets them: each national guidance
    with the edition in force that day and what each role reads of it."""
    defaults = []
    for item in catalogue().documents:
        edition = item.in_force_on(today)
        version = DefaultVersion(edition.label, edition.in_force, edition.url, edition.summary) if edition else None
        defaults.append(
            DefaultDocument(
                slug=item.slug,
                title=item.title,
                kind=item.kind,
                description=item.description,
                audience=list(item.audience),
                reading=dict(edition.reading) if edition else {},
                references_prevent=item.references_prevent,
                version=version,
            )
        )
    return defaults


@transaction.atomic
def documents_create_defaults(*, school, by, today=None):
    """Add the default documents the school does not have yet (matched by slug); returns those
    added. Running it again adds nothing."""
    today = today or timezone.localdate()
    existing = set(Document.objects.filter(school=school).values_list("slug", flat=True))
    added = []
    for default in default_documents(today):
        if default.slug in existing:
            continue
        document = document_save(
            school=school,
            by=by,
            title=default.title,
            slug=default.slug,
            kind=default.kind,
            description=default.description,
            audience=[str(r) for r in default.audience],
            reading={str(k): v for k, v in default.reading.items()},
            references_prevent=default.references_prevent,
            owner=by,
        )
        if default.version:
            v = default.version
            version_publish(
                document=document,
                by=by,
                label=v.label,
                effective_on=v.effective_on,
                url=v.url,
                summary=v.summary,
                confirm_by=suggested_confirm_by(v.effective_on, today),
            )
        added.append(document)
    return added
