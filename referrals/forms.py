from django import forms
from django.utils import timezone

from accounts.models import Role, User
from accounts.selectors import people_holding
from core.concurrency import VersionedForm
from core.dates import happened, retention
from core.plain_text import ACCOUNT

from .identifiers import check_pupil_identifier, settings_for
from .models import (
    AgencyContact,
    AgreedAction,
    Case,
    ChannelConsent,
    ChannelExit,
    ChannelPanel,
    ChannelReview,
    ConcernCategory,
    Decision,
    InformationSharing,
    LegalHold,
    LocalContact,
    Outcome,
    PoliceTriage,
    ReferralSettings,
    RetentionReview,
)
from .outcomes import allowed_outcomes, facts_of
from .services import NO_DECISION_YET, RETENTION_BEFORE_CLOSING

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
    concern_category = forms.ModelChoiceField(
        queryset=ConcernCategory.objects.filter(in_use=True),
        label="Type of concern",
        help_text="As the Home Office's Prevent statistics classify referrals; 'Not yet known' until it is clear.",
    )

    class Meta:
        model = Case
        fields = ["pupil_identifier", "year_group", "concern_category", "raised_on", "raised_by", "summary"]
        widgets = {"raised_on": DATE, "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by"].queryset = people_holding(school, Role.school_staff())
        self.pattern = settings_for(school).pupil_identifier_pattern
        self.fields["pupil_identifier"].help_text = (
            "The reference of the pupil's record in CPOMS or MyConcern, in the form the school uses "
            f"(pattern {self.pattern}). Never the pupil's name: the full record stays there."
        )

    def clean_pupil_identifier(self):
        return check_pupil_identifier(self.cleaned_data["pupil_identifier"], pattern=self.pattern)

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
        self.fields["owner"].queryset = people_holding(school, Role.school_staff())


class InformationSharingForm(forms.ModelForm):
    class Meta:
        model = InformationSharing
        fields = ["what", "shared_with", "lawful_basis", "shared_on"]
        widgets = {"shared_on": DATE, "lawful_basis": forms.RadioSelect}


class CloseCaseForm(forms.Form):
    """Closing: the outcome and when the record is to be reviewed (date of birth + 25 years)."""

    closed_on = forms.DateField(label="Date closed", widget=DATE, initial=timezone.localdate, validators=[happened])
    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        help_text="Only the outcomes that follow from what is recorded on the case are offered.",
    )
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

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        facts = facts_of(case)
        self.has_decisions = bool(facts.decisions)
        allowed = set(allowed_outcomes(facts))
        self.fields["outcome"].choices = [(v, label) for v, label in Outcome.choices if v in allowed]
        self.fields["outcome"].error_messages["invalid_choice"] = (
            "That outcome does not follow from the decisions, triage, Channel panels and consent recorded on the "
            "case: choose one of those offered, or record what is missing first."
        )

    def clean_closed_on(self):
        closed_on = self.cleaned_data["closed_on"]
        if closed_on > timezone.localdate():
            raise forms.ValidationError("The date closed cannot be in the future.")
        return closed_on

    def clean(self):
        data = super().clean()
        if not self.has_decisions:
            raise forms.ValidationError(NO_DECISION_YET)
        if data.get("birth_year") is None and data.get("retention_review_on") is None:
            raise forms.ValidationError("Give the pupil's year of birth or the retention review date.")
        closed_on, review_on = data.get("closed_on"), data.get("retention_review_on")
        if closed_on and review_on and review_on < closed_on:
            self.add_error("retention_review_on", RETENTION_BEFORE_CLOSING)
        return data


class CategoryForm(forms.Form):
    concern_category = forms.ModelChoiceField(
        queryset=ConcernCategory.objects.filter(in_use=True),
        label="Type of concern",
        help_text="As the Home Office's Prevent statistics classify referrals.",
    )


class TriageForm(forms.ModelForm):
    class Meta:
        model = PoliceTriage
        fields = ["outcome", "triaged_on", "police_reference", "note"]
        widgets = {"outcome": forms.RadioSelect, "triaged_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class ConsentForm(forms.ModelForm):
    class Meta:
        model = ChannelConsent
        fields = ["status", "given_by", "on", "reason"]
        widgets = {
            "status": forms.RadioSelect,
            "given_by": forms.RadioSelect,
            "on": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = ChannelConsent.GivenBy.choices
        self.fields["given_by"].required = False


class ChannelExitForm(forms.ModelForm):
    class Meta:
        model = ChannelExit
        fields = ["left_on", "note"]
        widgets = {"left_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"left_on": "The reviews at 6 and 12 months are scheduled from this date."}

    def validate_unique(self):
        pass  # the service says clearly that the exit is already recorded


class ChannelReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label="Date of the review", widget=DATE, initial=timezone.localdate, validators=[happened]
    )
    outcome = forms.ChoiceField(choices=ChannelReview.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=ACCOUNT, widget=forms.Textarea(attrs={"rows": 3})
    )


class LegalHoldForm(forms.ModelForm):
    class Meta:
        model = LegalHold
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}


class LegalHoldReleaseForm(forms.Form):
    release_reason = forms.CharField(
        label="Why the hold is released", max_length=ACCOUNT, widget=forms.Textarea(attrs={"rows": 3})
    )


class RetentionReviewForm(forms.ModelForm):
    class Meta:
        model = RetentionReview
        fields = ["decision", "reviewed_on", "next_review_on", "note"]
        widgets = {
            "decision": forms.RadioSelect,
            "reviewed_on": DATE,
            "next_review_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"next_review_on": "Only when the record is kept."}

    def _post_clean(self):
        pass  # the service validates the review with the case loaded


class ReferralSettingsForm(forms.ModelForm):
    deputy_dsl_sees_referrals = forms.BooleanField(
        label="Deputy DSLs see and record referral cases",
        required=False,
        help_text="Deputy DSLs are trained to the DSL's standard. Off by default; every change is in the audit log.",
    )

    class Meta:
        model = ReferralSettings
        fields = ["pupil_identifier_pattern", "retention_years"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy_dsl_sees_referrals"].initial = school.deputy_dsl_sees_referrals
