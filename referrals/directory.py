"""The contact directory (``referrals/data/contacts.yaml``): the national contacts and each area's
local ones, keyed by local authority, each with its source and date.

It is checked when loaded (the app refuses to start with a bad file: see ``referrals.checks``),
so a wrong purpose, a missing source or a local authority in two areas is found by the person
who edits the file, not by a member of staff who needs a number. How to add a local authority:
``docs/local-authorities.md``.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from core.yaml_files import read_yaml

from .models import LOCAL_PURPOSES, ContactPurpose

PATH = Path(__file__).resolve().parent / "data" / "contacts.yaml"

NATIONAL_PURPOSES = [p for p in ContactPurpose.values if p not in LOCAL_PURPOSES]

# What a plan says where a local contact is not known, never another authority's number.
MISSING_TEXT = {
    ContactPurpose.PREVENT_REFERRAL: "Prevent referral contact",
    ContactPurpose.PREVENT_ADVICE: "contact for advice on Prevent concerns",
    ContactPurpose.CHILDRENS_SOCIAL_CARE: "children's social care (MASH) referral contact",
}
MISSING_SENTENCE = "Your local authority's {what} is not yet recorded: the Prevent Lead should add it (Contacts)."

CONTACT_FIELDS = {"name", "role", "phone", "email", "web_address", "notes", "purposes", "source"}
AREA_FIELDS = {"name", "local_authorities", "source", "plan_text", "contacts"}
SOURCE_FIELDS = {"title", "url", "date"}

# Words around a local authority's name that people write or leave out ("City of", "Council").
_PREFIXES = ("city of ", "london borough of ", "royal borough of ", "metropolitan borough of ", "borough of ")
_SUFFIXES = (
    " metropolitan borough council",
    " metropolitan district council",
    " county council",
    " city council",
    " borough council",
    " district council",
    " council",
)


def authority_key(name):
    """A local authority's name as the directory compares it: "City of Peterborough Council"
    and "peterborough" are the same authority."""
    key = re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).strip()
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key.strip()


@dataclass(frozen=True)
class Source:
    title: str
    date: str  # "2019", "2026-11" or "2026-11-30": as precise as the source is
    url: str = ""

    def __str__(self):
        return f"{self.title}, {self.date}"


@dataclass(frozen=True)
class DefaultContact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    web_address: str = ""
    notes: str = ""
    purposes: tuple = ()
    source: Source | None = None

    @property
    def purpose(self):
        """The purpose a school's copy of this contact is stored with (its first)."""
        return self.purposes[0] if self.purposes else ""

    def details(self):
        return contact_details(self)


@dataclass(frozen=True)
class Area:
    name: str
    local_authorities: tuple
    source: Source
    plan_text: dict = field(default_factory=dict)
    contacts: tuple = ()

    def text_for(self, purpose):
        """The sentence a plan uses for ``{contact:<purpose>}``, or "" if the area has no such contact."""
        if self.plan_text.get(purpose):
            return self.plan_text[purpose]
        return describe(purpose, [c for c in self.contacts if purpose in c.purposes])


@dataclass(frozen=True)
class Directory:
    national: tuple
    areas: tuple

    def area_for(self, local_authority):
        """The area whose local authorities include ``local_authority``, or None."""
        key = authority_key(local_authority)
        return next((a for a in self.areas if key in {authority_key(n) for n in a.local_authorities}), None)

    def national_text(self, purpose):
        return "; ".join(c.details() for c in self.national if purpose in c.purposes)


def contact_details(contact):
    """ "Name, tel. 0800 ..., email, web address": a contact (of the directory or a school's) in one line."""
    parts = [contact.name]
    if contact.phone:
        parts.append(f"tel. {contact.phone}")
    parts += [value for value in (contact.email, contact.web_address) if value]
    return ", ".join(parts)


def describe(purpose, contacts):
    """A plan's sentence for contacts of a purpose: "Prevent referrals (the local route): name, tel. ...".
    "" when there are none."""
    if not contacts:
        return ""
    return f"{ContactPurpose(purpose).label}: {'; '.join(contact_details(c) for c in contacts)}."


def missing_sentence(purpose):
    return MISSING_SENTENCE.format(what=MISSING_TEXT[purpose])


def missing_purposes(text):
    """The local purposes whose "not yet recorded" sentence ``text`` holds."""
    return [purpose for purpose in MISSING_TEXT if missing_sentence(purpose) in (text or "")]


class _Errors(list):
    def check(self, condition, where, message):
        if not condition:
            self.append(f"{where}: {message}")
        return condition


def _date_text(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and 1900 < value < 2200:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    return None


def _source(data, where, errors):
    if not errors.check(isinstance(data, dict), where, "a source (title, url, date) is needed"):
        return None
    errors.check(not set(data) - SOURCE_FIELDS, where, f"unknown field(s) {sorted(set(data) - SOURCE_FIELDS)}")
    title, url, date = data.get("title"), data.get("url", ""), _date_text(data.get("date"))
    errors.check(isinstance(title, str) and title.strip(), where, "the source needs a title")
    errors.check(date is not None, where, "the source needs a date (2019, 2026-11 or 2026-11-30)")
    is_web = url == "" or str(url).startswith(("https://", "http://"))
    errors.check(is_web, where, "the source's url must be a web address")
    return Source(title=str(title or "").strip(), date=date or "", url=str(url or ""))


def _contact(data, where, errors, allowed_purposes):
    if not errors.check(isinstance(data, dict), where, "a contact must be a mapping"):
        return None
    errors.check(not set(data) - CONTACT_FIELDS, where, f"unknown field(s) {sorted(set(data) - CONTACT_FIELDS)}")
    name = data.get("name")
    errors.check(isinstance(name, str) and name.strip(), where, "a contact needs a name")
    purposes = data.get("purposes") or []
    if not errors.check(isinstance(purposes, list), where, "purposes must be a list"):
        purposes = []
    for purpose in purposes:
        errors.check(purpose in allowed_purposes, where, f"purpose {purpose!r} is not one of {allowed_purposes}")
    texts = {name: str(data.get(name) or "") for name in ("role", "phone", "email", "web_address", "notes")}
    return DefaultContact(
        name=str(name or "").strip(),
        purposes=tuple(purposes),
        source=_source(data.get("source"), f"{where}.source", errors),
        **texts,
    )


def _contacts(items, where, errors, allowed_purposes):
    contacts = [_contact(c, f"{where}[{i}]", errors, allowed_purposes) for i, c in enumerate(items or [])]
    return tuple(c for c in contacts if c)


def _plan_text(data, where, errors):
    if not errors.check(isinstance(data, dict), where, "plan_text must map purposes to sentences"):
        return {}
    for purpose, text in data.items():
        errors.check(purpose in LOCAL_PURPOSES, where, f"plan_text for {purpose!r}: not a local purpose")
        errors.check(isinstance(text, str) and text.strip(), where, f"plan_text for {purpose!r} is empty")
        errors.check("{" not in str(text), where, f"plan_text for {purpose!r} may not hold a placeholder")
    return {purpose: " ".join(str(text).split()) for purpose, text in data.items()}


def _area(data, where, errors, seen):
    """One area; ``seen`` maps each local authority met so far to its area's name."""
    where = f"{where} {data.get('name')!r}"
    errors.check(not set(data) - AREA_FIELDS, where, f"unknown field(s) {sorted(set(data) - AREA_FIELDS)}")
    errors.check(isinstance(data.get("name"), str) and data["name"].strip(), where, "an area needs a name")
    authorities = data.get("local_authorities")
    listed = isinstance(authorities, list) and authorities and all(isinstance(a, str) for a in authorities)
    if errors.check(listed, where, "local_authorities must list at least one local authority"):
        for authority in authorities:
            key = authority_key(authority)
            errors.check(key not in seen, where, f"{authority!r} is already in area {seen.get(key)!r}")
            seen[key] = data.get("name")
    return Area(
        name=str(data.get("name") or ""),
        local_authorities=tuple(authorities) if listed else (),
        source=_source(data.get("source"), f"{where}.source", errors),
        plan_text=_plan_text(data.get("plan_text") or {}, where, errors),
        contacts=_contacts(data.get("contacts"), f"{where}.contacts", errors, LOCAL_PURPOSES),
    )


def parse(data, name="contacts.yaml"):
    """A Directory from the file's data; ImproperlyConfigured listing every problem found."""
    errors = _Errors()
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"{name}: the directory must be a mapping with national and areas")
    unknown = sorted(set(data) - {"national", "areas"})
    errors.check(not unknown, name, f"unknown section(s) {unknown}")
    national = _contacts(data.get("national"), f"{name}: national", errors, NATIONAL_PURPOSES)
    covered = {p for c in national for p in c.purposes}
    for purpose in NATIONAL_PURPOSES:
        errors.check(purpose in covered, f"{name}: national", f"no national contact for {purpose!r}")
    areas, seen = [], {}
    for i, area in enumerate(data.get("areas") or []):
        if errors.check(isinstance(area, dict), f"{name}: areas[{i}]", "an area must be a mapping"):
            areas.append(_area(area, f"{name}: area", errors, seen))
    if errors:
        raise ImproperlyConfigured("The contact directory is not valid:\n" + "\n".join(errors))
    return Directory(national=national, areas=tuple(areas))


def load(path):
    return parse(read_yaml(path), Path(path).name)


@cache
def directory():
    """The directory of this deployment, loaded once."""
    return load(PATH)
