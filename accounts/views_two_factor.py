"""Setting up an authenticator app and entering its code after the password."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import two_factor
from .two_factor import CodeForm, ReplaceForm


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("home")
    return target


def two_factor_enrol(request):
    """Scan the QR code, type the first code; the recovery codes are shown once, on success."""
    if two_factor.has_authenticator(request.user) and not request.user.is_verified():
        # Replacing an authenticator needs the old one (or a recovery code) first.
        return redirect(f"{reverse('accounts:two-factor-verify')}?next={reverse('accounts:two-factor-enrol')}")
    replacing = two_factor.has_authenticator(request.user)
    form = ReplaceForm(request.POST or None, request=request) if replacing else CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.enrol(request, form.cleaned_data["code"])
        if codes is not None:
            messages.success(
                request, "Two-factor sign-in is set up. You will be asked for a code each time you sign in."
            )
            return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error(
            "code", "That code is not right. Check the app shows Prevent Duty Tracker and type the code it shows now."
        )
    key = two_factor.pending_key(request)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_data_uri(request.user, key),
        "secret": two_factor.secret_for_typing(key),
        "next": _next(request),
        "replacing": replacing,
        "required": two_factor.two_factor_required(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def two_factor_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if not two_factor.has_authenticator(request.user):
        return redirect(f"{reverse('accounts:two-factor-enrol')}?next={_next(request)}")
    if two_factor.second_factor_checked(request):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error(
            "code",
            "That code is not right, or it has been used already. Wait for the app to show a new code and "
            "try again; after several wrong codes you must wait a little longer each time.",
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})
