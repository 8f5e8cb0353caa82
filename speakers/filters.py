import django_filters
from django import forms

from .models import Decision, SpeakerRequest, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterFilter(django_filters.FilterSet):
    """The register's filters: status, kind, latest decision, organisation or speaker, and dates."""

    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    kind = django_filters.ChoiceFilter(choices=SpeakerRequest.Kind.choices, empty_label="Any kind")
    decision = django_filters.ChoiceFilter(
        label="Decision",
        choices=[*Decision.Outcome.choices, ("none", "Not decided yet")],
        empty_label="Any decision",
        method="filter_decision",
    )
    organisation = django_filters.CharFilter(label="Organisation", lookup_expr="icontains")
    speaker = django_filters.CharFilter(label="Speaker", field_name="speaker_names", lookup_expr="icontains")
    date_from = django_filters.DateFilter(label="From", field_name="starts_at", lookup_expr="date__gte", widget=DATE)
    date_to = django_filters.DateFilter(label="To", field_name="starts_at", lookup_expr="date__lte", widget=DATE)

    class Meta:
        model = SpeakerRequest
        fields = ["status", "kind", "decision", "organisation", "speaker", "date_from", "date_to"]

    def filter_decision(self, queryset, name, value):
        if value == "none":
            return queryset.filter(latest_outcome__isnull=True)
        return queryset.filter(latest_outcome=value)
