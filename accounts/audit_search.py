"""Searching one school's audit trail: the Lead's form and the query behind it."""

import datetime

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from .audit import AuditAction
from .models import AuditEvent, User


class AuditSearchForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="Anyone")
    action = forms.ChoiceField(required=False)
    object_type = forms.ChoiceField(label="Record type", required=False)
    object_id = forms.CharField(label="Record number", required=False, max_length=64)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Inclusive."
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Inclusive."
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone who has ever been a member of the school, including those who have left.
        self.fields["person"].queryset = (
            User.objects.filter(memberships__school=school).distinct().order_by("full_name", "email")
        )
        self.fields["action"].choices = [("", "Any action"), *AuditAction.choices]
        types = object_types(school)
        chosen = self.data.get("object_type") if self.is_bound else ""
        if chosen and chosen not in types:
            types = sorted({*types, chosen})  # a type first recorded since the list was cached
        self.fields["object_type"].choices = [("", "Any record")] + [(t, _type_label(t)) for t in types]
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data


# How long the list of record types a school's trail holds is kept: reading it means going over the
# school's whole trail (hundreds of thousands of events in a few years), so not on every view.
OBJECT_TYPES_SECONDS = 15 * 60
# The audit page counts up to this many events and then says "more than 10,000".
COUNT_LIMIT = 10_000


def object_types(school):
    """The record types in the school's audit trail, sorted: from the cache (a few minutes old at most)."""
    key = f"audit-object-types:{school.pk}"
    types = cache.get(key)
    if types is None:
        types = list(
            AuditEvent.objects.filter(school=school)
            .exclude(object_type="")
            .order_by("object_type")
            .values_list("object_type", flat=True)
            .distinct()
        )
        cache.set(key, types, OBJECT_TYPES_SECONDS)
    return types


class BoundedPaginator(Paginator):
    """Pages of events counted up to COUNT_LIMIT + 1: a view never counts the school's whole trail."""

    @cached_property
    def count(self):
        return self.object_list[: COUNT_LIMIT + 1].count()

    @property
    def more_than_limit(self):
        return self.count > COUNT_LIMIT

    @property
    def limit(self):
        return f"{COUNT_LIMIT:,}"


def _type_label(object_type):
    """'referrals.referralcase' -> 'Referrals: referralcase' (readable without a model lookup)."""
    app, _, model = object_type.partition(".")
    return f"{app.capitalize()}: {model}" if model else object_type


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def school_events(school, *, person=None, action="", object_type="", object_id="", date_from=None, date_to=None):
    """The school's audit events matching the filters, newest first.

    Sign-ins and sign-outs are in the school's chain (so that its export verifies) but would
    drown the list every morning: they are shown when the action filter asks for them.
    """
    events = AuditEvent.objects.filter(school=school)
    if person is not None:
        events = events.filter(actor=person)
    if action:
        events = events.filter(action=action)
    else:
        events = events.exclude(action__in=[AuditAction.SIGN_IN, AuditAction.SIGN_OUT])
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id.strip())
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return events.order_by("-at", "-pk")
