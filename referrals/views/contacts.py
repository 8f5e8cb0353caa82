"""How to report a concern (every member of staff) and the contact directory (the Prevent Lead)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from ..forms import LocalContactForm
from ..models import LocalContact
from ..selectors import contacts_for, local_contacts_state
from ..services import contact_delete as delete_contact
from ..services import contact_save, contacts_create_defaults


@capability_required("view_contacts")
def report_concern(request):
    local, national = contacts_for(request.school)
    context = {"local": local, "national": national, "state": local_contacts_state(request.school)}
    return render(request, "referrals/report_concern.html", context)


@capability_required("manage_contacts")
def contact_list(request):
    contacts = LocalContact.objects.filter(school=request.school)
    return render(
        request,
        "referrals/contact_list.html",
        {"contacts": contacts, "state": local_contacts_state(request.school)},
    )


@require_POST
@capability_required("manage_contacts")
@submit_once
def contact_defaults(request):
    created = contacts_create_defaults(school=request.school, by=request.user)
    if created:
        messages.success(request, f"{len(created)} default contact{'s' if len(created) != 1 else ''} added.")
    else:
        messages.info(request, "Every default contact is already in the list; nothing was added.")
    return redirect("referrals:contact-list")


def _contact_form(request, contact):
    form = LocalContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            saved = contact_save(
                school=request.school,
                by=request.user,
                contact=form.instance,
                expected_version=form.expected_version,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{saved.name} has been saved.")
            return redirect("referrals:contact-list")
    return render(request, "referrals/contact_form.html", {"form": form, "contact": contact})


@capability_required("manage_contacts")
@submit_once
def contact_add(request):
    return _contact_form(request, LocalContact(school=request.school))


@capability_required("manage_contacts")
@submit_once
def contact_edit(request, pk):
    return _contact_form(request, for_school(request, LocalContact, pk=pk))


@require_POST
@capability_required("manage_contacts")
@submit_once
def contact_delete(request, pk):
    contact = for_school(request, LocalContact, pk=pk)
    delete_contact(contact=contact, by=request.user)
    messages.success(request, f"{contact.name} has been removed from the contacts.")
    return redirect("referrals:contact-list")
