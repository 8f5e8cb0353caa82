"""Forms for courses, training needs, training records and briefings."""

from django import forms
from django.conf import settings

from accounts.models import Role, User
from core.concurrency import VersionedForm
from core.form_fields import BoundedModelMultipleChoiceField
from core.plain_text import NOTE
from core.uploads import IMAGES, OFFICE, PDF, check_upload

from ..models import Briefing, Course, NamedGroup, TrainingNeedsAssessment, TrainingRecord, TrainingRequirement

# Certificates are small: a PDF or a photo of one.
CERTIFICATE_MAX_BYTES = min(settings.UPLOAD_MAX_BYTES, 5 * 1024 * 1024)
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _members_queryset(school):
    return User.objects.filter(memberships__school=school, memberships__left_on__isnull=True).distinct()


class CourseForm(VersionedForm):
    required_roles = forms.MultipleChoiceField(
        label="Required of these roles",
        choices=Role.in_school_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
            "provider",
            "link",
            "kind",
            "refresh_months",
            "required_roles",
            "required_groups",
            "description",
            "position",
        ]
        field_classes = {"required_groups": BoundedModelMultipleChoiceField}
        widgets = {"required_groups": forms.CheckboxSelectMultiple}
        labels = {"required_groups": "Required of these named groups"}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["required_groups"].queryset = NamedGroup.objects.filter(school=school)


class NamedGroupForm(forms.ModelForm):
    class Meta:
        model = NamedGroup
        fields = ["name", "description", "members"]
        field_classes = {"members": BoundedModelMultipleChoiceField}
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["members"].queryset = _members_queryset(school)


class NeedsAssessmentForm(forms.ModelForm):
    class Meta:
        model = TrainingNeedsAssessment
        fields = ["assessed_on", "risk", "summary"]
        widgets = {"assessed_on": DATE_INPUT}
        help_texts = {"risk": "From the school's Prevent risk assessment, e.g. online radicalisation of older pupils."}


class RequirementForm(forms.ModelForm):
    class Meta:
        model = TrainingRequirement
        fields = ["course", "role", "group", "person", "reason"]
        labels = {"role": "A role", "group": "or a named group", "person": "or one person"}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(school=school)
        self.fields["group"].queryset = NamedGroup.objects.filter(school=school)
        self.fields["person"].queryset = _members_queryset(school)

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("role", "group", "person") if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError("Choose exactly one of a role, a named group or a person.")
        return data

    def validate_constraints(self, exclude=None):
        pass  # the service checks the school and the constraint once assessment is set


class _CertificateCheck:
    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload and hasattr(upload, "content_type"):
            check_upload(upload, PDF | IMAGES, max_bytes=CERTIFICATE_MAX_BYTES)
        return upload


class TrainingRecordForm(_CertificateCheck, forms.ModelForm):
    """Record completed training: the person (only when the Lead records for someone else)."""

    user = forms.ModelChoiceField(label="Person", queryset=User.objects.none(), required=False)

    class Meta:
        model = TrainingRecord
        fields = ["course", "completed_on", "certificate", "notes"]
        widgets = {"completed_on": DATE_INPUT}
        labels = {"completed_on": "Completed on"}
        help_texts = {
            "certificate": "A PDF or an image of the certificate, up to 5 MB."
            " Keep it: providers keep records only briefly."
        }

    def __init__(self, *args, school, for_others=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(school=school)
        if for_others:
            self.fields["user"].queryset = _members_queryset(school)
            self.fields["user"].required = True
            self.order_fields(["user"])
        else:
            del self.fields["user"]


class CorrectionForm(_CertificateCheck, forms.ModelForm):
    """A correction of a record: the right date or certificate, and why."""

    correction_reason = forms.CharField(
        label="Why the record is corrected", max_length=NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = TrainingRecord
        fields = ["completed_on", "certificate", "notes"]
        widgets = {"completed_on": DATE_INPUT}
        labels = {"completed_on": "Completed on"}
        help_texts = {"certificate": "Leave empty to keep the certificate of the record you are correcting."}


class BriefingForm(VersionedForm):
    invited_roles = forms.MultipleChoiceField(
        label="Invited", choices=Role.in_school_choices(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Briefing
        fields = ["held_on", "title", "topics", "materials", "materials_link", "invited_roles"]
        widgets = {"held_on": DATE_INPUT}
        labels = {"held_on": "Date", "materials": "Materials (file)", "materials_link": "Materials (link)"}
        help_texts = {"materials": "The slides or handout as a PDF, image or Office file."}

    def clean_materials(self):
        """The new upload (checked), the stored file when none is chosen, or "" when cleared."""
        upload = self.cleaned_data.get("materials")
        if upload and hasattr(upload, "content_type"):
            check_upload(upload, PDF | IMAGES | OFFICE)
        return upload or ""


class MarkAttendanceForm(forms.Form):
    people = BoundedModelMultipleChoiceField(
        label="Mark as attended", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = User.objects.filter(pk__in=[u.pk for u in candidates])
