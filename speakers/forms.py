from django import forms

from accounts.models import Role
from accounts.selectors import people_holding
from core.concurrency import VersionedForm
from core.uploads import IMAGES, OFFICE, PDF, check_upload

from .models import (
    CheckTemplate,
    Condition,
    Decision,
    DueDiligenceCheck,
    Evaluation,
    Kind,
    Letter,
    LettingDate,
    SentLetter,
    SpeakerRequest,
)
from .services import KIND_FIELDS
from .speaker_letters import LETTER_FIELDS

OUTLINE_KINDS = PDF | OFFICE | IMAGES


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_STAFF_FIELDS = ("invited_by", "moderated_by", "previewed_by")
_FILE_FIELDS = ("outline_file", "hire_agreement", "insurance_certificate")


class _RequestForm(VersionedForm):
    """What every kind's form shares: staff to choose from, uploads checked by their content."""

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        staff = people_holding(school, Role.school_staff())
        for name in _STAFF_FIELDS:
            if name in self.fields:
                self.fields[name].queryset = staff
        self.fields["invited_by"].label = "Invited by"
        for name in _FILE_FIELDS:
            if name in self.fields:
                # No link to the storage's own URL (files are served only through a view that
                # checks access, linked from the request's page); say that one is there.
                field = self.fields[name]
                field.widget = forms.FileInput()
                if getattr(self.instance, name, None):
                    field.help_text = f"{field.help_text} A file is uploaded: choose another to replace it.".strip()

    def _upload(self, name, kinds):
        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload, kinds)
        return upload

    def clean_outline_file(self):
        return self._upload("outline_file", OUTLINE_KINDS)

    def clean_hire_agreement(self):
        return self._upload("hire_agreement", PDF | OFFICE)

    def clean_insurance_certificate(self):
        return self._upload("insurance_certificate", PDF | IMAGES)


def _fields(kind):
    return [name for name in KIND_FIELDS[kind] if name != "kind"]


# What a speaker in person and a speaker online are asked alike.
_SPEAKER_WIDGETS = {
    "starts_at": DATETIME,
    "outline": forms.Textarea(attrs={"rows": 6}),
    "biography": forms.Textarea(attrs={"rows": 3}),
}
_SPEAKER_LABELS = {"outline_file": "Outline as a file (optional)", "outline": "Outline"}
_CONTACT_HELP = {"contact_email": "Only the Prevent Lead and the headteacher see the contact's details."}


class SpeakerRequestForm(_RequestForm):
    """An external speaker who comes in person."""

    kind = Kind.SPEAKER

    class Meta:
        model = SpeakerRequest
        fields = _fields(Kind.SPEAKER)
        widgets = _SPEAKER_WIDGETS
        labels = _SPEAKER_LABELS
        help_texts = {
            "outline_file": "PDF, Word, PowerPoint or an image. Give the outline as text, as a file, or both.",
            **_CONTACT_HELP,
        }


class VirtualSessionForm(_RequestForm):
    """A speaker who joins online: the platform, live or recorded, who hosts and controls the chat."""

    kind = Kind.VIRTUAL

    class Meta:
        model = SpeakerRequest
        fields = _fields(Kind.VIRTUAL)
        widgets = {
            **_SPEAKER_WIDGETS,
            "delivery": forms.RadioSelect,
            "chat_controls": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {**_SPEAKER_LABELS, "place": "Where pupils watch", "moderated_by": "Hosted and moderated by"}
        help_texts = _CONTACT_HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].required = True
        self.fields["delivery"].required = True
        self.fields["delivery"].choices = SpeakerRequest.Delivery.choices


class RecordedMaterialForm(_RequestForm):
    """A video or recording shown in class: where it comes from, who previewed it and when."""

    kind = Kind.RECORDED

    class Meta:
        model = SpeakerRequest
        fields = _fields(Kind.RECORDED)
        widgets = {"starts_at": DATETIME, "previewed_on": DATE, "outline": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "event_title": "Title of the material",
            "starts_at": "First shown on",
            "place": "Class or room",
            "speaker_names": "Who appears or presents",
            "organisation": "Who made or published it",
            "previewed_on": "Previewed on",
            "outline": "What it shows, and why it is used",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True


class LettingForm(_RequestForm):
    """Premises hired by an organisation: the hirer, the agreement, insurance, one date or a series."""

    kind = Kind.LETTING

    class Meta:
        model = SpeakerRequest
        fields = _fields(Kind.LETTING)
        widgets = {
            "starts_at": DATETIME,
            "series_until": DATE,
            "insurance_expires": DATE,
            "repeat": forms.RadioSelect,
            "outline": forms.Textarea(attrs={"rows": 4}),
            "hire_conditions": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "event_title": "What the premises are hired for",
            "starts_at": "First date and time",
            "place": "Part of the premises",
            "year_groups": "Who attends",
            "organisation": "Hirer (organisation)",
            "contact_name": "Hirer's contact",
            "speaker_names": "Who runs the sessions",
            "outline": "Activities and who they are open to",
            "hire_agreement": "Hire agreement (signed)",
            "insurance_certificate": "Insurance certificate",
        }
        help_texts = {
            "series_until": "For a series: the last date. Each date is listed, and one may be cancelled later.",
            "hire_agreement": "PDF or Word. It can be added later, but not after the decision.",
            "insurance_certificate": "PDF or an image of the certificate.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["contact_name"].required = True


FORM_OF_KIND = {form.kind: form for form in (SpeakerRequestForm, VirtualSessionForm, RecordedMaterialForm, LettingForm)}


class LettingDateCancelForm(forms.ModelForm):
    class Meta:
        model = LettingDate
        fields = ["cancel_reason"]
        widgets = {"cancel_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancel_reason"].required = True


class LetterForm(VersionedForm):
    class Meta:
        model = Letter
        fields = LETTER_FIELDS
        widgets = {
            "addressee_address": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "conditions": forms.Textarea(attrs={"rows": 4}),
        }


class LetterSentForm(forms.ModelForm):
    class Meta:
        model = SentLetter
        fields = ["sent_how"]
        widgets = {"sent_how": forms.RadioSelect}


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
    kinds = forms.MultipleChoiceField(
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="For these kinds of request",
        help_text="Tick none for a check every kind of request needs.",
    )

    class Meta:
        model = CheckTemplate
        fields = ["name", "guidance", "kinds", "only_if_concerns", "active", "position"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": "Checks are listed in this order (smallest first)."}
