"""Two-factor sign-in (TOTP, django-otp): who must use it, enrolment, checking a code.

When ``settings.REQUIRE_2FA`` is on, anyone holding a role in ``ROLES_REQUIRING_2FA`` in any
school, and every site administrator, must enter a code from an authenticator app after their
password before any other page opens. A single sign-on whose provider says it checked a second
factor (the ID token's ``amr``, see ``accounts.sso.MFA_AMR``) counts instead. Recovery codes
(django-otp static tokens) are shown once at enrolment; each works once.
"""

import base64
import io
import secrets
import time
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .audit import AuditAction, record_event
from .roles import ROLES_REQUIRING_2FA

RECOVERY_CODE_COUNT = 10
PENDING_KEY_SESSION = "two_factor_pending_key"
# Set at a single sign-on whose ID token says the provider checked a second factor (accounts.sso).
PROVIDER_MFA_SESSION = "sso_mfa"


def second_factor_checked(request):
    """True if this session passed a second factor: the app's (django-otp) or the provider's."""
    return request.user.is_verified() or bool(request.session.get(PROVIDER_MFA_SESSION))


def two_factor_required(request):
    """True if this signed-in user must use a second factor (roles in any school, or admin)."""
    if not settings.REQUIRE_2FA or not request.user.is_authenticated:
        return False
    if request.user.is_staff or request.user.is_superuser:
        return True
    options = getattr(request, "school_options", {})
    role_sets = options.role_sets() if hasattr(options, "role_sets") else options.values()
    return any(roles & ROLES_REQUIRING_2FA for roles in role_sets)


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TwoFactorMiddleware:
    """Sends a signed-in user who must use two-factor to enrol or to enter a code first.

    Runs after OTPMiddleware (which knows whether this session was verified) and
    CurrentSchoolMiddleware (which knows the user's roles in every school).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor_required(request) and not second_factor_checked(request) and not self._exempt(request.path):
            target = "accounts:two-factor-verify" if has_authenticator(request.user) else "accounts:two-factor-enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path):
        exempt = (
            reverse("accounts:two-factor-verify"),
            reverse("accounts:two-factor-enrol"),
            reverse("logout"),
            reverse("login"),
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}",
        )
        return path.startswith(exempt)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class ReplaceForm(CodeForm):
    """Setting up a new authenticator in place of the current one: first prove it is you."""

    current = forms.CharField(
        label="Your password, or the code your current app shows",
        strip=False,
        max_length=256,
        help_text="Replacing your authenticator changes how you sign in, so we check it is you first.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current", "code"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["code"].label = "Code from the new app"
        self.fields["code"].help_text = "The 6-digit code the app you are setting up shows now."
        self.fields["code"].widget.attrs.pop("autofocus", None)

    def clean_current(self):
        if not confirms_identity(self.request, self.cleaned_data["current"]):
            raise forms.ValidationError(
                "That is not your password or a current code from your authenticator app. Check it and try again."
            )
        return ""


def confirms_identity(request, secret):
    """True if ``secret`` is a current code of the user's authenticator or their password.

    The password goes through ``authenticate`` so that a wrong one counts as a failed sign-in,
    under the same lockout and in the audit trail.
    """
    user = request.user
    compact = "".join(secret.split())
    if len(compact) == 6 and compact.isdigit():  # a code: passwords are at least 12 characters
        return any(verify_device(d, compact) for d in TOTPDevice.objects.filter(user=user, confirmed=True))
    checked = authenticate(request, username=user.email, password=secret)
    return checked is not None and checked.pk == user.pk


def pending_key(request):
    """The secret of the authenticator being set up, kept in the session until it is confirmed."""
    key = request.session.get(PENDING_KEY_SESSION)
    if not key:
        key = default_key()
        request.session[PENDING_KEY_SESSION] = key
    return key


def qr_code_data_uri(user, key):
    """The enrolment QR code as an SVG data: URI for an <img> (the CSP allows data: images only)."""
    device = TOTPDevice(user=user, key=key, name="Authenticator app")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_typing(key):
    """The key as base32 in groups of four, for apps without a camera."""
    secret = base64.b32encode(unhexlify(key)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _totp_matches(key, code):
    """The time step of ``code`` for ``key`` (one step of clock drift allowed), or None."""
    if not code.isdigit():
        return None
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    return totp.t() if totp.verify(int(code), tolerance=1) else None


@transaction.atomic
def enrol(request, code):
    """Confirm the pending authenticator with a first code; returns the recovery codes, or None."""
    key = request.session.get(PENDING_KEY_SESSION)
    step = _totp_matches(key, code) if key else None
    if step is None:
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    # last_t: the code used to enrol may not be used again to sign in.
    device = TOTPDevice.objects.create(user=user, key=key, name="Authenticator app", confirmed=True, last_t=step)
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    del request.session[PENDING_KEY_SESSION]
    otp_login(request, device)
    record_event(action=AuditAction.CREATE, by=user, obj=device, changes={"two_factor": "enrolled"})
    return codes


def verify_device(device, code):
    """True if ``code`` is good for ``device`` (and is then used up).

    The device's row is locked and read afresh first, so that sessions sending the same code at
    once take turns: the first uses the code up (a recovery code deleted, the app's last time
    step recorded) before the next one looks for it.
    """
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        return locked.verify_token(code)


def verify(request, code):
    """Check a code against the user's authenticator, then their recovery codes; True if it matched."""
    user = request.user
    # Six digits: the app's code. Anything else: a recovery code. A recovery code tried against
    # the app would count as a failure there and slow the next genuine attempt.
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if verify_device(device, code):
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                record_event(
                    action=AuditAction.UPDATE, by=user, obj=device, changes={"two_factor": "recovery code used"}
                )
            return True
    return False
