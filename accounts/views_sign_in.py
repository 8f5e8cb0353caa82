"""A school's sign-in settings: its single sign-on provider, email domains, tenant and passwords."""

from django.contrib import messages
from django.shortcuts import redirect, render

from .access import capability_required
from .forms import SignInSettingsForm
from .services import school_sign_in_update
from .sso import provider_name
from .submissions import submit_once


@capability_required("manage_sign_in")
@submit_once
def sign_in_settings(request):
    form = SignInSettingsForm(request.POST or None, instance=request.school)
    if request.method == "POST" and form.is_valid():
        school_sign_in_update(school=request.school, by=request.user, **form.cleaned_data)
        messages.success(request, "The sign-in settings have been saved.")
        return redirect("accounts:sign-in-settings")
    context = {"form": form, "provider": provider_name(request.school.sign_in_provider)}
    return render(request, "accounts/sign_in_settings.html", context)
