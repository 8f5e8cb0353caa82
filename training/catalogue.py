"""The guidance catalogue (``training/data/guidance_catalogue.yaml``): the documents a school should
hold, and the editions of national guidance with their publication and in-force dates, what each
role reads of each edition, and their sources.

Nothing here names an edition in code: a new school gets the edition in force on the day
(``CatalogueDocument.in_force_on``), and a newer one is offered to the Lead when the catalogue holds
it. The file is checked when loaded and when the project starts (``training.checks``).
How to add an edition: ``docs/guidance-catalogue.md``.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from core.yaml_files import read_yaml

PATH = Path(__file__).resolve().parent / "data" / "guidance_catalogue.yaml"

DOCUMENT_FIELDS = {
    "slug",
    "title",
    "kind",
    "publisher",
    "description",
    "audience",
    "references_prevent",
    "source",
    "editions",
}
EDITION_FIELDS = {"label", "published", "in_force", "url", "summary", "reading", "source", "note"}


@dataclass(frozen=True)
class Edition:
    label: str
    published: datetime.date
    in_force: datetime.date
    url: str
    summary: str = ""
    reading: dict = field(default_factory=dict)  # {role: "Part one"}
    source: dict = field(default_factory=dict)  # {"title", "url", "date"}
    note: str = ""


@dataclass(frozen=True)
class CatalogueDocument:
    slug: str
    title: str
    kind: str
    publisher: str
    description: str
    audience: tuple
    references_prevent: bool
    source: dict
    editions: tuple = ()  # oldest in force first

    def in_force_on(self, day):
        """The edition in force on ``day``, or None (before the first, or a school's own policy)."""
        in_force = [e for e in self.editions if e.in_force <= day]
        return in_force[-1] if in_force else None

    def newest_published(self, day):
        """The newest edition published by ``day`` (it may come into force later), or None."""
        published = [e for e in self.editions if e.published <= day]
        return max(published, key=lambda e: e.in_force) if published else None

    def edition(self, label):
        return next((e for e in self.editions if e.label == label), None)


@dataclass(frozen=True)
class Catalogue:
    documents: tuple

    def get(self, slug):
        return next((d for d in self.documents if d.slug == slug), None)


def _roles():
    from .models.documents import AUDIENCE_ROLES

    return [str(role) for role in AUDIENCE_ROLES]


def _kinds():
    from .models import Document

    return Document.Kind.values


class _Errors(list):
    def check(self, condition, where, message):
        if not condition:
            self.append(f"{where}: {message}")
        return condition


def _is_web(url):
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def _source(data, where, errors, dated):
    if not errors.check(isinstance(data, dict), where, "a source (title, url) is needed"):
        return {}
    errors.check(isinstance(data.get("title"), str) and data["title"].strip(), where, "the source needs a title")
    errors.check(_is_web(data.get("url")), where, "the source needs a url (a web address)")
    if dated:
        errors.check(isinstance(data.get("date"), datetime.date), where, "the source needs a date (2025-07-07)")
    return {**data, "date": data["date"].isoformat()} if isinstance(data.get("date"), datetime.date) else dict(data)


def _edition(data, where, errors):
    if not errors.check(isinstance(data, dict), where, "an edition must be a mapping"):
        return None
    unknown = sorted(set(data) - EDITION_FIELDS)
    errors.check(not unknown, where, f"unknown field(s) {unknown}")
    label = data.get("label")
    errors.check(isinstance(label, str) and label.strip(), where, 'an edition needs a label (quoted, "2025")')
    published, in_force = data.get("published"), data.get("in_force")
    dated = isinstance(published, datetime.date) and isinstance(in_force, datetime.date)
    if errors.check(dated, where, "an edition needs published and in_force dates (2025-07-07)"):
        errors.check(published <= in_force, where, "an edition comes into force after it is published")
    errors.check(_is_web(data.get("url")), where, "an edition needs a url (a web address)")
    reading = data.get("reading") or {}
    if errors.check(isinstance(reading, dict), where, "reading maps roles to parts"):
        for role, parts in reading.items():
            errors.check(role in _roles(), where, f"reading: unknown role {role!r} (one of {_roles()})")
            errors.check(isinstance(parts, str) and parts.strip(), where, f"reading for {role!r} is empty")
    source = _source(data.get("source"), f"{where}.source", errors, dated=True)
    if not dated or not isinstance(label, str) or not isinstance(reading, dict):
        return None
    return Edition(
        label=label,
        published=published,
        in_force=in_force,
        url=data["url"] if _is_web(data.get("url")) else "",
        summary=str(data.get("summary") or ""),
        reading=dict(reading),
        source=source,
        note=" ".join(str(data.get("note") or "").split()),
    )


def _document(data, where, errors):
    unknown = sorted(set(data) - DOCUMENT_FIELDS)
    errors.check(not unknown, where, f"unknown field(s) {unknown}")
    slug = data.get("slug")
    errors.check(isinstance(slug, str) and re.fullmatch(r"[a-z0-9-]+", slug), where, "a slug (kcsie) is needed")
    errors.check(isinstance(data.get("title"), str) and data["title"].strip(), where, "a document needs a title")
    errors.check(data.get("kind") in _kinds(), where, f"kind must be one of {_kinds()}")
    audience = data.get("audience")
    if errors.check(isinstance(audience, list) and audience, where, "audience must list at least one role"):
        for role in audience:
            errors.check(role in _roles(), where, f"audience: unknown role {role!r} (one of {_roles()})")
    errors.check(isinstance(data.get("references_prevent"), bool), where, "references_prevent is true or false")
    source = _source(data.get("source"), f"{where}.source", errors, dated=False)
    editions = [_edition(e, f"{where}.editions[{i}]", errors) for i, e in enumerate(data.get("editions") or [])]
    editions = sorted((e for e in editions if e), key=lambda e: e.in_force)
    labels = [e.label for e in editions]
    errors.check(len(labels) == len(set(labels)), where, "two editions share a label")
    if data.get("kind") == "statutory_guidance":
        errors.check(editions, where, "national guidance needs at least one edition")
    return CatalogueDocument(
        slug=str(slug or ""),
        title=str(data.get("title") or ""),
        kind=str(data.get("kind") or ""),
        publisher=str(data.get("publisher") or ""),
        description=" ".join(str(data.get("description") or "").split()),
        audience=tuple(audience or ()),
        references_prevent=bool(data.get("references_prevent")),
        source=source,
        editions=tuple(editions),
    )


def parse(data, name="guidance_catalogue.yaml"):
    """A Catalogue from the file's data; ImproperlyConfigured listing every problem found."""
    errors = _Errors()
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ImproperlyConfigured(f"{name}: the catalogue is a mapping with a list of documents")
    errors.check(set(data) == {"documents"}, name, f"unknown section(s) {sorted(set(data) - {'documents'})}")
    documents = []
    for i, item in enumerate(data["documents"]):
        if errors.check(isinstance(item, dict), f"{name}: documents[{i}]", "a document must be a mapping"):
            documents.append(_document(item, f"{name}: document {item.get('slug', i)!r}", errors))
    slugs = [d.slug for d in documents]
    errors.check(len(slugs) == len(set(slugs)), name, "two documents share a slug")
    if errors:
        raise ImproperlyConfigured("The guidance catalogue is not valid:\n" + "\n".join(errors))
    return Catalogue(documents=tuple(documents))


def load(path):
    return parse(read_yaml(path), Path(path).name)


@cache
def catalogue():
    """The catalogue of this deployment, loaded once."""
    return load(PATH)
