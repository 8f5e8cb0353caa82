from django import forms
from django.utils import timezone

from accounts.concurrency import VersionedForm
from accounts.dates import happened, retention
from accounts.models import Membership, Role, User
from accounts.plain_text import ACCOUNT

from .models import (
    AgencyContact,
    AgreedAction,
    Case,
    ChannelPanel,
    Decision,
    InformationSharing,
    LocalContact,
    Outcome,
)
from .services import RETENTION_BEFORE_CLOSING

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def school_people(school):
    """Current members of the school who work there (not governors), by name."""
    staff_roles = [Role.STAFF, Role.PREVENT_LEAD, Role.DSL, Role.HEADTEACHER]
    members = Membership.objects.current().filter(school=school, role__in=staff_roles).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("full_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


class LocalContactForm(VersionedForm):
    web_address = forms.URLField(label="Web address", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = LocalContact
        fields = ["name", "role", "purpose", "phone", "email", "web_address", "notes", "order"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class CaseForm(forms.ModelForm):
    raised_by = PersonChoiceField(queryset=User.objects.none(), label="Raised by")

    class Meta:
        model = Case
        fields = ["pupil_identifier", "year_group", "raised_on", "raised_by", "summary"]
        widgets = {"raised_on": DATE, "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by"].queryset = school_people(school)

    def clean_raised_on(self):
        raised_on = self.cleaned_data["raised_on"]
        if raised_on > timezone.localdate():
            raise forms.ValidationError("The date raised cannot be in the future.")
        return raised_on


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "rationale", "decided_on", "supersedes", "correction_reason"]
        labels = {"supersedes": "Corrects an earlier decision (optional)"}
        widgets = {
            "kind": forms.RadioSelect,
            "decided_on": DATE,
            "rationale": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"correction_reason": "Only for a correction: why the earlier decision was wrong."}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        earlier = Decision.objects.filter(case=case, superseded_by__isnull=True)
        if earlier.exists() or (self.is_bound and self.data.get("supersedes")):
            # Offered: the decisions nobody has corrected. Accepted: any decision of the case, so
            # that one corrected by someone else meanwhile gets the service's clear answer.
            self.fields["supersedes"].queryset = Decision.objects.filter(case=case) if self.is_bound else earlier
        else:  # nothing to correct yet
            del self.fields["supersedes"], self.fields["correction_reason"]

    def clean(self):
        data = super().clean()
        if data.get("supersedes") and not (data.get("correction_reason") or "").strip():
            self.add_error("correction_reason", "Say why the earlier decision is being corrected.")
        decided_on = data.get("decided_on")
        if decided_on and decided_on < self.case.raised_on:
            self.add_error("decided_on", "A decision cannot come before the date the concern was raised.")
        return data

    def validate_unique(self):
        pass  # the service checks supersession with the case loaded


class AgencyContactForm(forms.ModelForm):
    class Meta:
        model = AgencyContact
        fields = ["agency", "agency_detail", "contacted_on", "method", "their_reference", "response"]
        widgets = {"contacted_on": DATE, "response": forms.Textarea(attrs={"rows": 4})}


class ChannelPanelForm(forms.ModelForm):
    class Meta:
        model = ChannelPanel
        fields = ["panel_on", "adoption", "support_summary"]
        widgets = {
            "panel_on": DATE,
            "adoption": forms.RadioSelect,
            "support_summary": forms.Textarea(attrs={"rows": 4}),
        }


class AgreedActionForm(forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.none(), label="Owner")

    class Meta:
        model = AgreedAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = school_people(school)


class InformationSharingForm(forms.ModelForm):
    class Meta:
        model = InformationSharing
        fields = ["what", "shared_with", "lawful_basis", "shared_on"]
        widgets = {"shared_on": DATE, "lawful_basis": forms.RadioSelect}


class CloseCaseForm(forms.Form):
    """Closing: the outcome and when the record is to be reviewed (date of birth + 25 years)."""

    closed_on = forms.DateField(label="Date closed", widget=DATE, initial=timezone.localdate, validators=[happened])
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)
    outcome_note = forms.CharField(
        label="Note on the outcome (optional)",
        required=False,
        max_length=ACCOUNT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    birth_year = forms.IntegerField(
        label="Pupil's year of birth",
        required=False,
        min_value=1990,
        max_value=2030,
        help_text="The review date is then the end of that year plus 25 years.",
    )
    retention_review_on = forms.DateField(
        label="Or the retention review date the school gives",
        required=False,
        widget=DATE,
        validators=[retention],
        help_text="Leave empty to use the year of birth + 25 years. A legal hold overrides it.",
    )

    def clean_closed_on(self):
        closed_on = self.cleaned_data["closed_on"]
        if closed_on > timezone.localdate():
            raise forms.ValidationError("The date closed cannot be in the future.")
        return closed_on

    def clean(self):
        data = super().clean()
        if data.get("birth_year") is None and data.get("retention_review_on") is None:
            raise forms.ValidationError("Give the pupil's year of birth or the retention review date.")
        closed_on, review_on = data.get("closed_on"), data.get("retention_review_on")
        if closed_on and review_on and review_on < closed_on:
            self.add_error("retention_review_on", RETENTION_BEFORE_CLOSING)
        return data
