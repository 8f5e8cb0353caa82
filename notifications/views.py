"""A person's notifications: the list, marking them read, and their email settings.

Everyone with a home page has notifications; each sees only their own, in the current school
(another person's or another school's is a 404).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once

from .forms import SettingsForm
from .models import Notification
from .selectors import kinds_for, notifications_of, settings_of
from .services import notification_settings_save, notifications_mark_read

PER_PAGE = 20


@capability_required("view_home")
def notification_list(request):
    page = Paginator(notifications_of(request.school, request.user), PER_PAGE).get_page(request.GET.get("page"))
    unread = any(not n.is_read for n in page)
    return render(request, "notifications/list.html", {"page": page, "any_unread": unread})


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"


@require_POST
@capability_required("view_home")
@submit_once
def notification_read(request, pk):
    notification = for_school(request, Notification.objects.filter(recipient=request.user), pk=pk)
    notifications_mark_read(school=request.school, recipient=request.user, ids=[notification.pk])
    messages.success(request, "Marked as read.")
    return redirect(_back(request))


@require_POST
@capability_required("view_home")
@submit_once
def notification_read_all(request):
    count = notifications_mark_read(school=request.school, recipient=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect(_back(request))


@capability_required("view_home")
@submit_once
def notification_settings(request):
    current = settings_of(request.user)
    kinds = kinds_for(request.roles, request.school)
    initial = {"emails": [k.value for k in kinds if current.emails(k)], "frequency": current.frequency}
    form = SettingsForm(request.POST or None, initial=initial, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        notification_settings_save(
            user=request.user, emails_off=form.emails_off(current.emails_off), frequency=form.cleaned_data["frequency"]
        )
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form, "kinds": kinds})
