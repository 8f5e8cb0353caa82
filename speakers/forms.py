from django import forms
from django.contrib.auth import get_user_model

from accounts.concurrency import VersionedForm
from accounts.models import Membership
from accounts.roles import SCHOOL_PEOPLE
from accounts.uploads import IMAGES, OFFICE, PDF, check_upload

from .models import CheckTemplate, Condition, Decision, DueDiligenceCheck, Evaluation, SpeakerRequest
from .services import REQUEST_FIELDS

OUTLINE_KINDS = PDF | OFFICE | IMAGES


class SpeakerRequestForm(VersionedForm):
    class Meta:
        model = SpeakerRequest
        fields = REQUEST_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "outline": forms.Textarea(attrs={"rows": 6}),
            "biography": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"outline_file": "Outline as a file (optional)", "outline": "Outline"}
        help_texts = {
            "outline_file": "PDF, Word, PowerPoint or an image. Give the outline as text, as a file, or both.",
            "contact_email": "Only the Prevent Lead and the headteacher see the contact's details.",
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        staff_ids = Membership.objects.current().filter(school=school, role__in=SCHOOL_PEOPLE).values("user_id")
        self.fields["invited_by"].queryset = get_user_model().objects.filter(pk__in=staff_ids, is_active=True)
        self.fields["invited_by"].label = "Invited by"

    def clean_outline_file(self):
        upload = self.cleaned_data.get("outline_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload, OUTLINE_KINDS)
        return upload


class CheckForm(forms.ModelForm):
    class Meta:
        model = DueDiligenceCheck
        fields = ["result", "notes"]
        widgets = {"result": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 5})}


class RiskForm(forms.ModelForm):
    class Meta:
        model = SpeakerRequest
        fields = ["risk_rating", "risk_reason"]
        widgets = {"risk_rating": forms.RadioSelect, "risk_reason": forms.Textarea(attrs={"rows": 3})}
        labels = {"risk_rating": "Risk rating", "risk_reason": "Reason for the rating"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk_rating"].required = True
        self.fields["risk_reason"].required = True
        self.fields["risk_rating"].choices = SpeakerRequest.Risk.choices


class DecisionForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        choices=Condition.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Conditions"
    )
    supersedes = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Decision
        fields = ["outcome", "conditions", "other_conditions", "justification", "reason_for_change"]
        widgets = {
            "outcome": forms.RadioSelect,
            "other_conditions": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 5}),
            "reason_for_change": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "other_conditions": "Other conditions (optional)",
            "justification": "Justification",
            "reason_for_change": "Why the earlier decision is changed",
        }
        help_texts = {"conditions": "Only for 'Approve with conditions'."}

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supersedes"].initial = current.pk if current else None
        if current is None:
            del self.fields["reason_for_change"]
        else:
            self.fields["reason_for_change"].required = True


class EvaluationForm(forms.ModelForm):
    went_as_agreed = forms.TypedChoiceField(
        label="Did the event go as agreed?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Evaluation
        fields = ["went_as_agreed", "notes", "invite_again"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "invite_again": forms.RadioSelect}
        labels = {"invite_again": "Would you invite them again?"}


class CheckTemplateForm(forms.ModelForm):
    class Meta:
        model = CheckTemplate
        fields = ["name", "guidance", "only_if_concerns", "active", "position"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": "Checks are listed in this order (smallest first)."}
