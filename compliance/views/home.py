from django.shortcuts import render

from accounts.access import capability_required
from notifications.selectors import unread_of

from ..home import key_people, lead_attention, staff_tasks


@capability_required("view_home")
def home(request):
    show_attention = request.caps.edit_plan or request.caps.view_referrals
    notifications, unread_count = unread_of(request.school, request.user)
    context = {
        "notifications": notifications,
        "unread_count": unread_count,
        "tasks": staff_tasks(request) if request.caps.read_documents else [],
        "show_attention": show_attention,
        "attention": lead_attention(request) if show_attention else [],
        **key_people(request.school),
    }
    return render(request, "compliance/home.html", context)
