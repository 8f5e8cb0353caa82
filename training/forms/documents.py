"""Forms for documents, versions, confirmations and withdrawals."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Membership, Role, User
from core.concurrency import VersionedForm
from core.uploads import PDF, check_upload

from ..models import Document, DocumentVersion
from ..models.documents import ALL_STAFF, AUDIENCE_ROLES, suggested_confirm_by

ROLE_LABELS = dict(Role.choices)


class DocumentForm(VersionedForm):
    """A document's details, who must read it and what each role reads."""

    audience = forms.MultipleChoiceField(
        label="Who must read it",
        choices=[(r, ROLE_LABELS[r]) for r in AUDIENCE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every role that must read and confirm it. All staff: staff, Prevent Lead, DSL and headteacher.",
    )

    class Meta:
        model = Document
        fields = ["title", "slug", "kind", "description", "references_prevent", "owner", "review_on"]
        widgets = {
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"slug": "Short name"}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=Membership.objects.current().filter(school=school).values("user")
        ).order_by("full_name")
        self.fields["audience"].initial = self.instance.audience or [str(r) for r in ALL_STAFF]
        for role in AUDIENCE_ROLES:
            name = f"reading_{role}"
            self.fields[name] = forms.CharField(
                label=f"What {ROLE_LABELS[role].lower() if role == Role.STAFF else ROLE_LABELS[role]} read",
                required=False,
                max_length=200,
                initial=self.instance.reading.get(role, ""),
                help_text="e.g. Part one. Leave blank: the whole document.",
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        clash = Document.objects.filter(school=self.school, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Another document of this school already uses this short name.")
        return slug

    def document_fields(self):
        """The cleaned values the service saves."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["audience"] = list(self.cleaned_data["audience"])
        data["reading"] = {
            str(role): self.cleaned_data[f"reading_{role}"].strip()
            for role in AUDIENCE_ROLES
            if self.cleaned_data.get(f"reading_{role}", "").strip()
        }
        return data

    def validate_unique(self):
        # The school is not a form field: clean_slug checks the slug within the school.
        pass


class VersionForm(forms.ModelForm):
    """A new version: a PDF or a link, with what changed, its confirm-by date and what each role
    reads of it. Offered a catalogue edition, it starts filled in from the catalogue."""

    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Or a link, e.g. to the guidance on GOV.UK.",
    )

    class Meta:
        model = DocumentVersion
        fields = ["label", "effective_on", "file", "url", "summary", "confirm_by", "is_minor"]
        widgets = {
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "confirm_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"file": "PDF file"}
        help_texts = {
            "url": "Or a link, e.g. to the guidance on GOV.UK.",
            "summary": "Shown to staff with the document.",
            "confirm_by": (
                "Until this date, people who have not confirmed are shown as in progress, not outstanding. "
                "Leave blank for 1 October for an edition in force on 1 September, else 30 days after it comes "
                "into force (or 30 days from today if that has passed). A minor change keeps the current date."
            ),
        }

    def __init__(self, *args, has_current, document=None, edition=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if not has_current:
            del self.fields["is_minor"]
        reading = dict(edition.reading) if edition else dict(document.reading if document else {})
        if edition:
            self.initial.update(
                label=edition.label,
                effective_on=edition.in_force,
                url=edition.url,
                summary=edition.summary,
                confirm_by=suggested_confirm_by(edition.in_force, self.today),
            )
        for role in AUDIENCE_ROLES:
            if document is not None and role not in document.audience and role not in reading:
                continue
            self.fields[f"reading_{role}"] = forms.CharField(
                label=f"What {ROLE_LABELS[role].lower() if role == Role.STAFF else ROLE_LABELS[role]} read",
                required=False,
                max_length=200,
                initial=reading.get(role, ""),
                help_text="e.g. Part one, or Annex A where the governing body so decides. Blank: the whole document.",
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload, PDF)
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise ValidationError("Upload the PDF or give a link to the document.")
        if not data.get("confirm_by") and data.get("effective_on"):
            data["confirm_by"] = suggested_confirm_by(data["effective_on"], self.today)
        return data

    def reading(self):
        """{role: parts} as entered, or None when the form was posted without them (keep the current)."""
        names = [name for name in self.fields if name.startswith("reading_")]
        if not any(name in self.data for name in names):
            return None
        return {
            name.removeprefix("reading_"): self.cleaned_data[name].strip()
            for name in names
            if self.cleaned_data.get(name, "").strip()
        }

    def _post_clean(self):
        # The service builds and validates the version (it sets the document and what it amends).
        pass


class ConfirmForm(forms.Form):
    """The statement a person ticks to confirm they have read the current version."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        required=True, error_messages={"required": "Tick the statement to confirm you have read it."}
    )

    def __init__(self, *args, statement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agree"].label = statement


class OnBehalfForm(forms.Form):
    """The Lead records a confirmation for someone who read the document another way."""

    person = forms.ModelChoiceField(queryset=User.objects.none(), label="Who read it")
    note = forms.CharField(
        label="How they read it",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="e.g. Read a paper copy at the briefing on 3 September and signed the register.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by("full_name")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is this confirmation withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The person will have the document to read again.",
    )
