"""The words an action's history is read in: labels, choices, names and dates, never stored values.

History is append-only, so every entry any version of the app wrote must still read, whatever
shape it has: a value may be text, a number, a date written as ISO text, a list (the people
named on an action, roles), ids of people, a dict (a measure's settings), or a change that is
not an ``[old, new]`` pair at all. Each becomes words; nothing here raises on a stored shape.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from django.utils.dateformat import format as format_date

from accounts.models import Role, User

from .measures import REGISTRY
from .models import Action, EvidenceItem

# How the fields of an action are named on its form and in its history.
ACTION_FIELD_LABELS = {
    "text": "Action",
    "owner": "Owner (by whom)",
    "owner_label": "Owner as written in the plan",
    "people": "Named people",
    "review_date": "Next review date",
    "measure_key": "Live evidence",
    "measure_params": "Measure settings",
    "threshold_percent": "Threshold (%)",
}

# Choices that history entries may name outside the action's own fields.
_OTHER_CHOICES = {
    "kind": EvidenceItem.Kind.choices,
    "role": Role.choices,
    "roles": Role.choices,
    "owner_roles": Role.choices,
}
# Fields whose numbers are people's ids (older entries, or a change written by hand).
_PEOPLE_FIELDS = {"people", "last_reviewed_by", "by", "adopted_by"}
_NOBODY = "someone no longer on record"


def readable_changes(changes):
    """(label, old, new) in words for each change of a history entry's ``changes``."""
    if not isinstance(changes, Mapping):
        return [("Change", "", _Words([]).of("", changes))]
    rows = [(name, *_pair(change)) for name, change in changes.items()]
    words = _Words([value for name, old, new in rows if name in _PEOPLE_FIELDS for value in (old, new)])
    return [(_label(name), words.of(name, old), words.of(name, new)) for name, old, new in rows]


def _pair(change):
    if isinstance(change, list | tuple) and len(change) == 2:
        return change[0], change[1]
    return None, change


def _label(name):
    name = str(name)
    if name in ACTION_FIELD_LABELS:
        return ACTION_FIELD_LABELS[name]
    try:
        return str(Action._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:  # a name of an older entry, or not a field: shown as words
        return name.replace("_", " ").capitalize()


def _choices(name):
    try:
        field = Action._meta.get_field(str(name))
    except FieldDoesNotExist:
        field = None
    return dict((field.choices if field is not None and field.choices else None) or _OTHER_CHOICES.get(name, ()))


def _ids_in(value):
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return {value}
    if isinstance(value, list | tuple | set):
        return set().union(*(_ids_in(v) for v in value)) if value else set()
    return set()


class _Words:
    """Turns stored values into words; looks up every person's id of one entry in one query."""

    def __init__(self, values):
        ids = _ids_in(list(values) if isinstance(values, list | tuple) else [values])
        self.names = dict(User.objects.filter(pk__in=ids).values_list("pk", "full_name")) if ids else {}

    def of(self, name, value):
        if value is None or value == "" or value == [] or value == {}:
            return ""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, list | tuple | set):
            return ", ".join(filter(None, (self.of(name, item) for item in value)))
        if isinstance(value, Mapping):  # in key order: PostgreSQL's jsonb keeps no order of its own
            return "; ".join(
                f"{str(k).replace('_', ' ')}: {self.of(k, v)}"
                for k, v in sorted(value.items(), key=lambda item: str(item[0]))
            )
        if name in _PEOPLE_FIELDS and isinstance(value, int):
            return self.names.get(value) or _NOBODY
        if isinstance(value, str | int):
            label = _choices(name).get(value)
            if label is not None:
                return str(label)
        if name == "measure_key" and value in REGISTRY:
            return REGISTRY[value].label
        if name == "threshold_percent" and isinstance(value, int):
            return f"{value}%"
        if isinstance(value, str):
            return _date_words(value)
        return str(value)


def _date_words(text):
    """An ISO date ("2026-11-01") as "1 November 2026"; any other text as it is."""
    if len(text) == 10:
        try:
            return format_date(datetime.date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    return text
