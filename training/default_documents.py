"""The documents a new school starts with (all editable).

National guidance comes with its current edition as a link to GOV.UK, ready for staff to
confirm. The school's own policies start without a version: the Lead publishes the school's
file, and until then nobody is asked to confirm something they cannot open.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import Role

from .models.documents import ALL_STAFF, Document
from .services.documents import document_save, version_publish

LEADERS = [Role.PREVENT_LEAD, Role.DSL, Role.HEADTEACHER]


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


KCSIE_URL = "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2"
PREVENT_GUIDANCE_URL = "https://www.gov.uk/government/publications/prevent-duty-guidance"

DEFAULT_DOCUMENTS = [
    DefaultDocument(
        slug="kcsie",
        title="Keeping children safe in education",
        kind=Document.Kind.STATUTORY_GUIDANCE,
        description=(
            "Statutory guidance for schools. Staff who work directly with children read Part one; "
            "staff who do not may read Annex A instead, as the governing body decides (change what "
            "each role reads here). Leaders also read Annex B."
        ),
        audience=list(ALL_STAFF),
        reading={
            Role.STAFF: "Part one",
            Role.PREVENT_LEAD: "Part one and Annex B",
            Role.DSL: "Part one and Annex B",
            Role.HEADTEACHER: "Part one and Annex B",
        },
        references_prevent=True,
        version=DefaultVersion(
            label="2025",
            effective_on=datetime.date(2025, 9, 1),
            url=KCSIE_URL,
            summary="KCSIE 2025, in force from 1 September 2025.",
        ),
    ),
    DefaultDocument(
        slug="prevent-duty-guidance",
        title="Prevent duty guidance: England and Wales",
        kind=Document.Kind.STATUTORY_GUIDANCE,
        description="The Home Office's statutory guidance on the Prevent duty, in force from 31 December 2023.",
        audience=list(LEADERS),
        references_prevent=True,
        version=DefaultVersion(
            label="2023",
            effective_on=datetime.date(2023, 12, 31),
            url=PREVENT_GUIDANCE_URL,
            summary="Replaced the 2015 guidance.",
        ),
    ),
    DefaultDocument(
        slug="safeguarding-policy",
        title="Safeguarding and Child Protection Policy",
        kind=Document.Kind.POLICY,
        description="The school's safeguarding policy, with its Prevent statement.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
    DefaultDocument(
        slug="report-a-concern",
        title="How to record and report a concern (on CPOMS)",
        kind=Document.Kind.PROCEDURE,
        description="What to do the same day you have a safeguarding or Prevent concern about a child.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
    DefaultDocument(
        slug="prevent-lead",
        title="Who our Prevent Lead/SPOC is",
        kind=Document.Kind.PROCEDURE,
        description="The Prevent Lead/SPOC and the DSL: who they are and how to reach them.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
    DefaultDocument(
        slug="e-safety-policy",
        title="E-safety policy",
        kind=Document.Kind.POLICY,
        description="Online safety, including filtering and monitoring and staff's part in it.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
    DefaultDocument(
        slug="acceptable-use-policy",
        title="Acceptable use policy",
        kind=Document.Kind.POLICY,
        description="How staff and pupils may use the school's IT.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
    DefaultDocument(
        slug="anti-bullying-policy",
        title="Anti-bullying policy",
        kind=Document.Kind.POLICY,
        description="Including prejudice-based bullying and online bullying.",
        audience=list(ALL_STAFF),
        references_prevent=True,
    ),
]


@transaction.atomic
def create_default_documents(school, by):
    """Add the default documents the school does not have yet (matched by slug); returns those
    added. Running it again adds nothing."""
    existing = set(Document.objects.filter(school=school).values_list("slug", flat=True))
    added = []
    for default in DEFAULT_DOCUMENTS:
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
                document=document, by=by, label=v.label, effective_on=v.effective_on, url=v.url, summary=v.summary
            )
        added.append(document)
    return added
