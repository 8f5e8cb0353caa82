from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Role, User

SCHOOL_ROLE_CHOICES = [c for c in Role.choices if c[0] != Role.TRUST_OFFICER]


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. Check both and try again.",
    }
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class MemberForm(forms.ModelForm):
    """A member of staff or governor: their details and the roles they hold in this school."""

    roles = forms.MultipleChoiceField(
        choices=SCHOOL_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="A person may hold several roles, e.g. staff and DSL.",
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title", "phone"]

    def __init__(self, *args, adding=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding

    def validate_unique(self):
        # Adding someone who already has an account adds them to this school instead.
        if not self.adding:
            super().validate_unique()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MemberRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(choices=SCHOOL_ROLE_CHOICES, widget=forms.CheckboxSelectMultiple)


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: name, email, job title, roles (roles separated by ';', e.g. 'staff;dsl').",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 2 MB; split it and import each part.")
        raw = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.") from None


class StaffImportConfirmForm(forms.Form):
    """Carries the checked CSV text from the preview to the import."""

    csv_text = forms.CharField(widget=forms.HiddenInput, max_length=2 * 1024 * 1024)


class SwitchSchoolForm(forms.Form):
    school = forms.IntegerField(widget=forms.HiddenInput)
