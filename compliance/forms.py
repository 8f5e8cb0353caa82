"""Forms of the action plan."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import User
from core.concurrency import VersionedForm
from core.form_fields import BoundedModelMultipleChoiceField, CappedJSONField
from core.periods import academic_year_label
from core.plain_text import NOTE
from core.uploads import IMAGES, OFFICE, PDF, check_upload

from . import measures, plan_templates
from .history import ACTION_FIELD_LABELS
from .models import Action, ActionPlan, EvidenceItem

EVIDENCE_FILE_KINDS = {**PDF, **OFFICE, **IMAGES}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(VersionedForm):
    measure_params = CappedJSONField(
        label=ACTION_FIELD_LABELS["measure_params"],
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='Settings the measure needs, written as JSON, for example {"document": "kcsie"}.',
    )
    measure_key = forms.ChoiceField(
        label=ACTION_FIELD_LABELS["measure_key"],
        required=False,
        help_text="A measure from the school's records that shows how far this action is met.",
    )

    class Meta:
        model = Action
        fields = [
            "text",
            "status",
            "owner",
            "owner_label",
            "people",
            "target_date",
            "review_date",
            "last_reviewed_on",
            "notes",
            "measure_key",
            "measure_params",
            "threshold_percent",
        ]
        labels = ACTION_FIELD_LABELS  # the same words as the action's history
        help_texts = {
            "owner_label": "Leave blank to show the owner's name above.",
            "threshold_percent": "The share the measure must reach; blank uses the measure's own default.",
        }
        field_classes = {"people": BoundedModelMultipleChoiceField}
        widgets = {
            "target_date": DATE,
            "review_date": DATE,
            "last_reviewed_on": DATE,
            "text": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_key"].choices = [("", "None"), *measures.choices()]
        self.fields["people"].queryset = (
            User.objects.filter(memberships__school=school, memberships__left_on__isnull=True, is_active=True)
            .distinct()
            .order_by("full_name")
        )
        self.fields["people"].required = False
        self.fields["threshold_percent"].widget.attrs.update(min=0, max=100)

    def clean_measure_params(self):
        params = self.cleaned_data.get("measure_params")
        if params in (None, ""):
            return {}
        if not isinstance(params, dict):
            raise ValidationError('Write the settings as a JSON object, for example {"document": "kcsie"}.')
        return params


class EvidenceItemForm(forms.ModelForm):
    link = forms.URLField(label="Web address", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = EvidenceItem
        fields = ["kind", "title", "file", "link", "text"]
        labels = {"kind": "Type of evidence", "link": "Web address", "text": "What shows this is done"}
        help_texts = {
            "file": "A PDF, Office document or image.",
            "title": 'A short name, for example "Staff briefing slides, September".',
        }
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload, EVIDENCE_FILE_KINDS)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {EvidenceItem.Kind.FILE: "file", EvidenceItem.Kind.LINK: "link", EvidenceItem.Kind.TEXT: "text"}
        name = needed.get(kind)
        if name and not data.get(name) and name not in self.errors:
            self.add_error(name, "Fill this in for the type of evidence you chose.")
        return data


class PlanForm(VersionedForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "statement", "status", "adopted_on", "next_review_on"]
        labels = {"statement": "The school's statement of its duty"}
        widgets = {"adopted_on": DATE, "next_review_on": DATE, "statement": forms.Textarea(attrs={"rows": 3})}


class PlanCreateForm(forms.Form):
    """The academic year and, for a new plan, the template: those offered to the school's local authority."""

    template = forms.ChoiceField(label="Template", widget=forms.RadioSelect)
    academic_year = forms.RegexField(
        label="Academic year", regex=r"^\d{4}/\d{2}$", help_text="For example 2026/27.", max_length=7
    )

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "template" in self.fields:
            local_authority = school.local_authority if school is not None else ""
            self.fields["template"].choices = plan_templates.offered_to(local_authority)
            self.fields["template"].initial = plan_templates.default_for(local_authority)

    def clean_academic_year(self):
        year = self.cleaned_data["academic_year"]
        if year != academic_year_label(int(year[:4])):
            raise ValidationError("The second year must follow the first, for example 2026/27.")
        return year


class RolloverForm(PlanCreateForm):
    template = None
