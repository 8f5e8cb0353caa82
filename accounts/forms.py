from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from .mis_formats import decode
from .models import JobTitleRole, Role, School, User


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. Check both and try again.",
    }
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from .sso import password_sign_in_allowed, providers_for

        if not password_sign_in_allowed(user):
            names = " or ".join(name for _, name in providers_for(user)) or "your school's account"
            raise forms.ValidationError(
                f"Your school signs in with {names}, not a password: use the button above.",
                code="password_sign_in_off",
            )


class MemberForm(forms.ModelForm):
    """A member of staff or governor: their details and the roles they hold in this school.

    ``identity_locked``: the person belongs to another school too, so their details are shown
    but not editable here (only they, or a site administrator, change them).
    """

    roles = forms.MultipleChoiceField(
        choices=Role.in_school_choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text="A person may hold several roles, e.g. staff and DSL. Only the Prevent Lead can give the "
        "Prevent Lead, DSL or deputy DSL role, and nobody can give a role to themselves.",
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title", "phone"]

    def __init__(self, *args, adding=False, identity_locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding
        if adding:
            self.fields["email"].help_text = (
                "If this address already has an account (for example in another school of the trust), "
                "the person is sent an invitation to accept, and their own details are kept."
            )
        if identity_locked:
            for name in ("full_name", "email", "job_title", "phone"):
                self.fields[name].disabled = True
            self.fields["full_name"].help_text = (
                "This person also belongs to another school or trust: only they, or a site administrator, "
                "can change their name, email, job title and phone."
            )

    def validate_unique(self):
        # Adding someone who already has an account invites them instead (accounts.services).
        if not self.adding:
            super().validate_unique()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ProfileForm(forms.ModelForm):
    """A person's own details; a new email address needs their current password."""

    current_password = forms.CharField(
        label="Current password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Needed only to change your email address.",
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title", "phone"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if "email" in self.changed_data and not self.instance.check_password(cleaned.get("current_password") or ""):
            self.add_error("current_password", "Enter your current password to change your email address.")
        return cleaned


class MemberRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(choices=Role.in_school_choices(), widget=forms.CheckboxSelectMultiple)


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="Staff list (CSV)",
        help_text="Your MIS's staff export (Arbor, SIMS or Bromcom) as it comes, or a CSV with the columns "
        "name, email, job title, roles (roles separated by ';', e.g. 'staff;dsl').",
    )
    whole_list = forms.BooleanField(
        label="This file is the whole staff list",
        required=False,
        help_text="Then staff who are not in it are shown as leavers: they lose access, and their records stay.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 2 MB; split it and import each part.")
        return decode(upload.read())


class StaffImportConfirmForm(forms.Form):
    """Carries the checked file from the preview to the import, with what the preview showed."""

    csv_text = forms.CharField(widget=forms.HiddenInput, max_length=2 * 1024 * 1024)
    whole_list = forms.BooleanField(widget=forms.HiddenInput, required=False)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


class SwitchSchoolForm(forms.Form):
    school = forms.IntegerField(widget=forms.HiddenInput)


class InvitationPasswordForm(SetPasswordForm):
    """Choosing a password from an invitation link."""


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")], widget=forms.HiddenInput)


class SignInSettingsForm(forms.ModelForm):
    """How a school's people sign in: its provider (among those set up for the site), its email
    domains and Microsoft tenant, and whether passwords still work."""

    class Meta:
        model = School
        fields = ["sign_in_provider", "sign_in_domains", "sign_in_tenant", "password_sign_in"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .sso import configured_providers

        self.providers = {pid: (name, kind) for pid, name, kind in configured_providers()}
        choices = [("", "None: passwords only")] + [(pid, name) for pid, (name, _) in self.providers.items()]
        current = self.instance.sign_in_provider
        if current and current not in self.providers:
            choices.append((current, f"{current} (no longer set up on this site)"))
        self.fields["sign_in_provider"] = forms.ChoiceField(
            label="Single sign-on provider",
            choices=choices,
            required=False,
            help_text=self.Meta.model._meta.get_field("sign_in_provider").help_text,
        )

    def clean_sign_in_domains(self):
        domains = [
            d.strip().lower().lstrip("@") for d in self.cleaned_data["sign_in_domains"].replace(";", ",").split(",")
        ]
        domains = [d for d in domains if d]
        bad = [d for d in domains if "." not in d or " " in d or "@" in d]
        if bad:
            raise forms.ValidationError(f"Not a domain: {', '.join(bad)}. Write domains like school.org.uk.")
        return ", ".join(dict.fromkeys(domains))

    def clean_sign_in_tenant(self):
        return self.cleaned_data["sign_in_tenant"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        provider = cleaned.get("sign_in_provider")
        if provider:
            if not cleaned.get("sign_in_domains"):
                self.add_error("sign_in_domains", "Name at least one email domain that signs in with the provider.")
            is_microsoft = provider in self.providers and self.providers[provider][1] == "microsoft"
            if is_microsoft and not cleaned.get("sign_in_tenant"):
                self.add_error(
                    "sign_in_tenant", "Microsoft 365 needs your tenant ID: without it, any tenant could sign in."
                )
        elif not cleaned.get("password_sign_in"):
            self.add_error(
                "password_sign_in", "Choose a provider first: without one or a password, nobody could sign in."
            )
        return cleaned


class JobTitleRoleForm(forms.ModelForm):
    """One line of the school's job titles table: a title from the MIS and the roles it gives."""

    roles = forms.MultipleChoiceField(choices=Role.in_school_choices(), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = JobTitleRole
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = list(self.instance.roles or [])

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split()).lower()

    def save(self, commit=True):
        self.instance.roles = sorted(self.cleaned_data["roles"])
        return super().save(commit=commit)


JobTitleRoleFormSet = forms.modelformset_factory(JobTitleRole, form=JobTitleRoleForm, extra=3, can_delete=True)
