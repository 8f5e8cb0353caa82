"""Adding to a case: decisions, agency contacts, Channel, agreed actions, information sharing, closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from .. import services
from ..forms import (
    AgencyContactForm,
    AgreedActionForm,
    ChannelPanelForm,
    CloseCaseForm,
    DecisionForm,
    InformationSharingForm,
)
from ..guards import case_for, hidden_unless
from ..models import AgreedAction


def record_on_case(
    request, pk, *, form_class, service, title, done, with_case=False, with_school=False, when_closed=False, **extra
):
    """Show a form about the case; on a valid POST, call the service and go back to the case.

    ``when_closed``: the form is for a closed case too (reviews, legal holds, retention). ``extra``
    goes to the service as it is (e.g. the review being recorded).
    """
    case = case_for(request, pk, "record_referrals")
    if not case.is_open and not when_closed:
        messages.error(request, f"{case.reference} is closed: nothing more can be recorded on it.")
        return redirect("referrals:case-detail", pk=case.pk)
    kwargs = {}
    if with_case:
        kwargs["case"] = case
    if with_school:
        kwargs["school"] = request.school
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(case=case, by=request.user, **extra, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{done} on {case.reference}.")
            return redirect("referrals:case-detail", pk=case.pk)
    elif request.method == "GET":
        services.case_access_record(case=case, user=request.user, what=f"Opened the form: {title}")
    return render(request, "referrals/case_record_form.html", {"case": case, "form": form, "title": title})


def case_record_view(**options):
    """The page of one form about a case, for those who record referrals (``record_on_case``
    with these ``options``)."""

    @hidden_unless("record_referrals")
    @submit_once
    def view(request, pk):
        return record_on_case(request, pk, **options)

    return view


decision_add = case_record_view(
    form_class=DecisionForm,
    service=services.decision_record,
    title="Record a decision",
    done="The decision has been recorded",
    with_case=True,
)

agency_contact_add = case_record_view(
    form_class=AgencyContactForm,
    service=services.agency_contact_record,
    title="Log a contact with an agency",
    done="The agency contact has been logged",
)

channel_add = case_record_view(
    form_class=ChannelPanelForm,
    service=services.channel_panel_record,
    title="Record a Channel panel",
    done="The Channel panel has been recorded",
)

action_add = case_record_view(
    form_class=AgreedActionForm,
    service=services.agreed_action_add,
    title="Add an agreed action",
    done="The agreed action has been added",
    with_school=True,
)

sharing_add = case_record_view(
    form_class=InformationSharingForm,
    service=services.information_sharing_record,
    title="Log information shared",
    done="The information sharing has been logged",
)

case_close = case_record_view(
    form_class=CloseCaseForm,
    service=services.case_close,
    title="Close the case",
    done="The case has been closed",
    with_case=True,
)


@require_POST
@hidden_unless("record_referrals")
@submit_once
def action_done(request, pk, action_pk):
    case = case_for(request, pk, "record_referrals")
    action = for_school(request, AgreedAction.objects.select_related("case__school"), case=case, pk=action_pk)
    services.agreed_action_done(action=action, by=request.user)
    messages.success(request, f"“{action.description}” is marked done.")
    return redirect("referrals:case-detail", pk=case.pk)
