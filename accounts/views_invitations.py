"""Invitations: the invited person's link, and the Lead's resend and cancel; a person's own details."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from .access import capability_required, for_school
from .forms import InvitationPasswordForm, ProfileForm
from .invitations import (
    invitation_accept,
    invitation_cancel,
    invitation_for_token,
    invitation_renew_expired,
    invitation_resend,
)
from .models import Invitation
from .services import profile_update
from .submissions import submit_once

PASSWORD_BACKEND = "accounts.backends.EmailBackend"  # noqa: S105 - a class path, not a password


@login_not_required
def invitation(request, token):
    """Where the emailed link leads: set a password (new account) or accept the membership."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    context = {"invitation": invitation, "school": invitation.school}
    if not invitation.is_open:
        return render(request, "accounts/invitation_used.html", context, status=410)
    if invitation.is_expired:
        return render(request, "accounts/invitation_expired.html", {**context, "token": token}, status=410)
    person = invitation.user
    if request.user.is_authenticated and request.user != person:
        return render(request, "accounts/invitation_other_account.html", context, status=403)
    # No password yet (a new account, or an account never used): the link sets one, as a reset would.
    if not person.has_usable_password():
        # The school's provider, where it has one, is the other way in (accounts.sso accepts the
        # invitation at that sign-in); a school that turned passwords off offers only the provider.
        passwords = invitation.school.password_sign_in
        form = InvitationPasswordForm(person, request.POST or None)
        if passwords and request.method == "POST" and form.is_valid():
            with transaction.atomic():
                form.save()
                invitation_accept(invitation=invitation, user=person)
            login(request, person, backend=PASSWORD_BACKEND)
            messages.success(request, f"Welcome to {invitation.school.name}. Your password is set.")
            return redirect("home")
        return render(
            request, "accounts/invitation_set_password.html", {**context, "form": form, "passwords": passwords}
        )
    if not request.user.is_authenticated:
        login_url = reverse("login") + "?" + urlencode({"next": request.path})
        return render(request, "accounts/invitation_sign_in.html", {**context, "login_url": login_url})
    if request.method == "POST":
        if request.POST.get("answer") == "decline":
            invitation_cancel(invitation=invitation, by=request.user)
            messages.info(request, f"You have declined the invitation to join {invitation.school.name}.")
            return redirect("home")
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("home")
        messages.success(request, f"You have joined {invitation.school.name}. Switch to it from the top bar.")
        return redirect("home")
    return render(request, "accounts/invitation_accept.html", context)


@login_not_required
@require_POST
def invitation_renew(request, token):
    """An expired link: send a fresh one to the invited address (and nowhere else)."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    try:
        invitation_renew_expired(invitation=invitation, request=request)
    except ValidationError:
        return redirect("accounts:invitation", token=token)
    return render(request, "accounts/invitation_renewed.html", {"invitation": invitation}, status=200)


def _invitation_or_404(request, pk):
    return for_school(request, Invitation.objects.open().select_related("user"), pk=pk)


@require_POST
@capability_required("manage_members")
@submit_once
def invitation_resend_view(request, invitation_id):
    invitation = _invitation_or_404(request, invitation_id)
    invitation_resend(invitation=invitation, by=request.user, request=request)
    messages.success(request, f"A new invitation link has been sent to {invitation.email}.")
    return redirect("accounts:member-list")


@require_POST
@capability_required("manage_members")
@submit_once
def invitation_cancel_view(request, invitation_id):
    invitation = _invitation_or_404(request, invitation_id)
    invitation_cancel(invitation=invitation, by=request.user)
    messages.success(request, f"The invitation to {invitation.email} has been cancelled; its link no longer works.")
    return redirect("accounts:member-list")


@submit_once
def profile(request):
    """A person's own name, email, job title and phone, seen by every school they belong to."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "current_password"}
        try:
            profile_update(user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Your details have been saved.")
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
