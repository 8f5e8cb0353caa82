"""The case list, opening a case, a case's page and its export. Every view and export is logged,
the list's too (a row per case it shows)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.submissions import submit_once
from core.form_errors import add_service_error
from core.spreadsheets import csv_response

from ..exports import case_table
from ..forms import CaseForm
from ..guards import case_for, hidden_unless
from ..models import ChannelPanel, Decision
from ..selectors import case_records, cases_of, overdue_actions
from ..services import case_access_record, case_list_access_record, case_open


@hidden_unless("view_referrals")
def case_list(request):
    page = Paginator(cases_of(request.school), 25).get_page(request.GET.get("page"))
    labels = dict(Decision.Kind.choices)
    for case in page.object_list:
        case.latest_decision_label = labels.get(case.latest_decision, "")
    overdue = list(overdue_actions(request.school)[:50])
    shown = [*page.object_list, *(action.case for action in overdue)]
    case_list_access_record(school=request.school, cases=shown, user=request.user)
    return render(request, "referrals/case_list.html", {"page": page, "overdue": overdue})


@hidden_unless("record_referrals")
@submit_once
def case_add(request):
    form = CaseForm(request.POST or None, school=request.school, initial={"raised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_open(school=request.school, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Case {case.reference} has been opened. Record the first decision next.")
            return redirect("referrals:case-detail", pk=case.pk)
    return render(request, "referrals/case_form.html", {"form": form})


@hidden_unless("view_referrals")
def case_detail(request, pk):
    case = case_for(request, pk)
    case_access_record(case=case, user=request.user, what="Viewed the case")
    records = case_records(case)
    superseded = {d.supersedes_id for d in records["decisions"] if d.supersedes_id}
    context = {
        "case": case,
        "superseded": superseded,
        "on_hold": any(h.is_active for h in records["holds"]),
        "consent": records["consents"][-1] if records["consents"] else None,
        "adopted": any(p.adoption == ChannelPanel.Adoption.ADOPTED for p in records["panels"]),
        **records,
    }
    return render(request, "referrals/case_detail.html", context)


@hidden_unless("view_referrals")
def case_export(request, pk):
    """The whole case as one CSV (section, date, what, detail, by), for the school's own file."""
    case = case_for(request, pk)
    case_access_record(case=case, user=request.user, what="Exported the case (CSV)", export=True)
    header, rows = case_table(case, case_records(case))
    return csv_response(f"{case.reference}.csv", header, rows)
