"""The editions of the DfE's Prevent duty self-assessment tool, read from data/self_assessment/*.yaml.

Each file is one edition: its source and date, the four levels (strongest first), the level a
school is expected to reach, and the sections with their statements. ``check_all`` runs at
start-up (AssuranceConfig.ready) so that a broken file is found before anyone rates anything.
"""

import datetime
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

FOLDER = Path(__file__).resolve().parent / "data" / "self_assessment"
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REQUIRED = ("key", "title", "publisher", "source", "published", "levels", "expected_level", "sections")


@dataclass(frozen=True)
class Level:
    number: int
    label: str
    meaning: str

    def __str__(self):
        return f"{self.number}: {self.label}"


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    section: str  # the section's key
    number: str  # "2.3": the third statement of the second section


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    number: int
    statements: tuple


@dataclass(frozen=True)
class Edition:
    key: str
    title: str
    publisher: str
    source: str
    published: str
    wording: str
    levels: tuple  # strongest first
    expected_level: int
    sections: tuple

    def __str__(self):
        return f"{self.title} ({self.published_label})"

    @property
    def published_label(self):
        year, month = (int(part) for part in self.published.split("-")[:2])
        return datetime.date(year, month, 1).strftime("%B %Y")

    @property
    def statements(self):
        return [statement for section in self.sections for statement in section.statements]

    def statement(self, key):
        return next((s for s in self.statements if s.key == key), None)

    def section(self, key):
        return next((s for s in self.sections if s.key == key), None)

    def level(self, number):
        return next((level for level in self.levels if level.number == number), None)

    def strength(self, number):
        """0 for the strongest level, 3 for the weakest (the levels' order in the file)."""
        return [level.number for level in self.levels].index(number)

    def below_expected(self, number):
        """True for a level weaker than the one a school is expected to reach."""
        return self.strength(number) > self.strength(self.expected_level)

    @property
    def expected(self):
        return self.level(self.expected_level)


def _fail(path, message):
    raise ImproperlyConfigured(f"{path.name}: {message}")


def _parse(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [name for name in _REQUIRED if not data.get(name)]
    if missing:
        _fail(path, f"missing {', '.join(missing)}")
    if data["key"] != path.stem:
        _fail(path, f"its key {data['key']!r} must be the file's name")
    if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", str(data["published"])):
        _fail(path, "published must be written YYYY-MM or YYYY-MM-DD")
    levels = tuple(Level(int(lv["number"]), str(lv["label"]), str(lv.get("meaning", ""))) for lv in data["levels"])
    if len(levels) != 4 or len({lv.number for lv in levels}) != 4:
        _fail(path, "the tool has four levels, each with its own number")
    if data["expected_level"] not in {lv.number for lv in levels}:
        _fail(path, "expected_level must be one of the levels")
    sections, keys = [], set()
    for s, section in enumerate(data["sections"], start=1):
        if not _KEY.match(str(section.get("key", ""))) or not section.get("title") or not section.get("statements"):
            _fail(path, f"section {s} needs a key (lower case, hyphens), a title and statements")
        statements = []
        for n, statement in enumerate(section["statements"], start=1):
            key = str(statement.get("key", ""))
            if not _KEY.match(key) or not statement.get("text"):
                _fail(path, f"statement {s}.{n} needs a key (lower case, hyphens) and a text")
            if key in keys or key == section["key"]:
                _fail(path, f"the key {key!r} is used twice")
            keys.add(key)
            statements.append(
                Statement(key=key, text=str(statement["text"]).strip(), section=section["key"], number=f"{s}.{n}")
            )
        if section["key"] in keys:
            _fail(path, f"the key {section['key']!r} is used twice")
        keys.add(section["key"])
        sections.append(Section(key=section["key"], title=section["title"], number=s, statements=tuple(statements)))
    return Edition(
        key=data["key"],
        title=data["title"],
        publisher=data["publisher"],
        source=data["source"],
        published=str(data["published"]),
        wording=data.get("wording", ""),
        levels=levels,
        expected_level=data["expected_level"],
        sections=tuple(sections),
    )


@cache
def load(key):
    """The edition stored as ``<key>.yaml``."""
    path = FOLDER / f"{key}.yaml"
    if not _KEY.match(key) or not path.is_file():
        raise KeyError(f"No self-assessment edition {key!r} in {FOLDER}")
    return _parse(path)


def editions():
    """Every edition, oldest first by publication date."""
    return sorted((load(path.stem) for path in FOLDER.glob("*.yaml")), key=lambda e: e.published)


def current():
    """The newest edition: the one a new self-assessment follows."""
    found = editions()
    if not found:
        raise ImproperlyConfigured(f"No self-assessment edition in {FOLDER}")
    return found[-1]


def check_all():
    """Read every edition once, so a broken file stops start-up with its name and the problem."""
    current()
