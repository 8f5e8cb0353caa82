"""Forms of the risk assessment, the self-assessment and filtering and monitoring."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from accounts.selectors import people_holding
from core.concurrency import VersionedForm

from .models import (
    FilteringCheck,
    FilteringRecord,
    FilteringReview,
    GovernorNote,
    RAGNote,
    Risk,
    RiskAssessment,
    RiskReview,
    RiskSignOff,
    SelfAssessment,
    StatementRating,
)
from .services.filtering import RECORD_FIELDS
from .services.risk_assessment import HEADER_FIELDS, RISK_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_ID_RANGE = range(1, 2**63)


class PersonField(forms.ModelChoiceField):
    """A person of the school, by name (and job title); an absurd id is "not one of the choices"."""

    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                if int(str(value)) not in _ID_RANGE:
                    raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            except ValueError:
                pass  # Django's own check answers for these
        return super().to_python(value)


class OnceForm(forms.ModelForm):
    """A form that creates a record: a one-time key makes a double submit save it once."""

    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nonce"].initial = uuid.uuid4().hex


class NotInFutureMixin:
    """Dates of things that have happened cannot be in the future."""

    past_dates = ()

    def clean(self):
        data = super().clean()
        for name in self.past_dates:
            value = data.get(name)
            if value and value > timezone.localdate():
                self.add_error(name, "This date cannot be in the future.")
        return data


# The risk assessment


class RiskAssessmentForm(NotInFutureMixin, VersionedForm):
    past_dates = ("implemented_on", "local_profile_briefing_on")

    class Meta:
        model = RiskAssessment
        fields = HEADER_FIELDS
        field_classes = {"completed_by": PersonField}
        widgets = {
            "implemented_on": DATE,
            "local_profile_briefing_on": DATE,
            "national_context": forms.Textarea(attrs={"rows": 6}),
            "local_context": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_by"].queryset = people_holding(school, Role.school_staff())


class RiskForm(VersionedForm):
    class Meta:
        model = Risk
        fields = RISK_FIELDS
        field_classes = {"lead": PersonField}
        labels = {"heading": "Heading", "lead": "Who leads"}
        widgets = {
            "risk": forms.Textarea(attrs={"rows": 2}),
            "hazard": forms.Textarea(attrs={"rows": 2}),
            "likelihood": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "controls": forms.Textarea(attrs={"rows": 4}),
            "further_action": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE,
        }
        help_texts = {
            "likelihood": "How likely it is to happen here, with the controls in place.",
            "impact": "How serious it would be for a child and the school.",
            "further_action": "What more is needed; it can become an action of the plan from the risk's page.",
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people_holding(school, Role.school_staff())

    def clean(self):
        data = super().clean()
        if data.get("further_action", "").strip() and not data.get("lead"):
            self.add_error("lead", "Name who leads the further action.")
        return data


class RiskAddForm(OnceForm, RiskForm):
    pass


class RiskReviewForm(NotInFutureMixin, OnceForm):
    past_dates = ("reviewed_on",)

    class Meta:
        model = RiskReview
        fields = ["reviewed_on", "reason", "notes"]
        labels = {"reviewed_on": "Reviewed on", "reason": "Why it was reviewed"}
        widgets = {"reviewed_on": DATE, "reason": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}


class SignOffForm(OnceForm):
    class Meta:
        model = RiskSignOff
        fields = ["comment"]
        labels = {"comment": "Comment (optional)"}
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}


class GovernorNoteForm(NotInFutureMixin, OnceForm):
    past_dates = ("meeting_on",)

    class Meta:
        model = GovernorNote
        fields = ["meeting_on", "comment"]
        labels = {"meeting_on": "Date of the governors' meeting (optional)", "comment": "Comment (optional)"}
        widgets = {"meeting_on": DATE, "comment": forms.Textarea(attrs={"rows": 2})}


# The self-assessment


class StatementRatingForm(OnceForm):
    level = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Level")

    class Meta:
        model = StatementRating
        fields = ["level", "evidence", "rag", "note"]
        labels = {"evidence": "Evidence", "rag": "RAG", "note": "RAG note"}
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "rag": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "note": "Red: the gaps. Amber: what is missing from the evidence. Green: what keeps it business as usual.",
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (level.number, f"{level.number}: {level.label}. {level.meaning}") for level in edition.levels
        ]
        self.fields["rag"].choices = RAGNote.choices


class SelfAssessmentSummaryForm(VersionedForm):
    class Meta:
        model = SelfAssessment
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


# Filtering and monitoring


class FilteringRecordForm(VersionedForm):
    class Meta:
        model = FilteringRecord
        fields = RECORD_FIELDS
        field_classes = {"senior_leader": PersonField, "governor": PersonField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senior_leader"].queryset = people_holding(school, Role.school_staff())
        self.fields["governor"].queryset = people_holding(school, [Role.GOVERNOR])


class FilteringReviewForm(NotInFutureMixin, OnceForm):
    past_dates = ("reviewed_on",)

    class Meta:
        model = FilteringReview
        fields = ["reviewed_on", "participants", "checked", "findings", "blocking_decisions"]
        widgets = {
            "reviewed_on": DATE,
            "checked": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "blocking_decisions": forms.Textarea(attrs={"rows": 4}),
        }


class FilteringCheckForm(NotInFutureMixin, OnceForm):
    past_dates = ("checked_on",)

    class Meta:
        model = FilteringCheck
        fields = ["checked_on", "category", "method", "done_by", "result", "notes"]
        labels = {"category": "What was tested"}
        widgets = {"checked_on": DATE, "result": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}
