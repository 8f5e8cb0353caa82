"""The case list, opening a case, a case's page and its export. Every view and export is logged,
the list's too (a row per case it shows)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.form_errors import add_service_error
from accounts.spreadsheets import csv_response
from accounts.submissions import submit_once

from ..forms import CaseForm
from ..guards import case_for, hidden_unless
from ..models import ChannelPanel, Decision
from ..selectors import cases_of, overdue_actions
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


def case_records(case):
    """Every part of a case, loaded in a fixed number of queries."""
    return {
        "decisions": list(case.decisions.select_related("decided_by", "supersedes")),
        "agency_contacts": list(case.agency_contacts.all()),
        "panels": list(case.channel_panels.all()),
        "actions": list(case.agreed_actions.select_related("owner")),
        "sharing": list(case.information_sharing.select_related("shared_by")),
        "triages": list(case.triages.select_related("recorded_by")),
        "consents": list(case.consents.select_related("recorded_by")),
        "exits": list(case.channel_exits.all()),
        "reviews": list(case.channel_reviews.select_related("reviewed_by")),
        "holds": list(case.legal_holds.select_related("placed_by", "released_by")),
        "retention_reviews": list(case.retention_reviews.select_related("reviewed_by")),
    }


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
    parts = case_records(case)
    rows = [
        ("Case", case.raised_on, "Concern raised", case.summary, case.raised_by),
        ("Case", "", "Pupil identifier", case.pupil_identifier, ""),
        ("Case", "", "Year group", case.get_year_group_display(), ""),
        ("Case", "", "Type of concern", str(case.concern_category or "Not recorded"), ""),
    ]
    rows += [("Decision", d.decided_on, d.get_kind_display(), d.rationale, d.decided_by) for d in parts["decisions"]]
    rows += [
        (
            "Agency contact",
            c.contacted_on,
            f"{c.get_agency_display()} {c.agency_detail}".strip(),
            f"{c.get_method_display()}; their reference {c.their_reference or 'none'}; {c.response}",
            "",
        )
        for c in parts["agency_contacts"]
    ]
    rows += [
        (
            "Police triage",
            t.triaged_on,
            t.get_outcome_display(),
            f"reference {t.police_reference or 'none'}; {t.note}",
            "",
        )
        for t in parts["triages"]
    ]
    rows += [("Channel panel", p.panel_on, p.get_adoption_display(), p.support_summary, "") for p in parts["panels"]]
    rows += [
        ("Channel consent", c.on, c.get_status_display(), f"{c.get_given_by_display()} {c.reason}".strip(), "")
        for c in parts["consents"]
    ]
    rows += [("Left Channel", e.left_on, "Left Channel", e.note, "") for e in parts["exits"]]
    rows += [
        (
            "Channel review",
            r.due_on,
            f"{r.months}-month review",
            r.get_outcome_display() or "not yet",
            r.reviewed_by or "",
        )
        for r in parts["reviews"]
    ]
    rows += [
        ("Agreed action", a.due_on, a.description, f"done {a.done_on}" if a.done_on else "not done", a.owner)
        for a in parts["actions"]
    ]
    rows += [
        ("Information shared", s.shared_on, f"{s.what} with {s.shared_with}", s.get_lawful_basis_display(), s.shared_by)
        for s in parts["sharing"]
    ]
    if case.closed_on:
        rows.append(("Closed", case.closed_on, case.get_outcome_display(), case.outcome_note, case.closed_by))
        rows.append(("Closed", "", "Retention review date", case.retention_review_on, ""))
    rows += [
        ("Legal hold", h.placed_at.date(), "Released" if h.released_at else "In place", h.reason, h.placed_by)
        for h in parts["holds"]
    ]
    return csv_response(f"{case.reference}.csv", ["Section", "Date", "What", "Detail", "By"], rows)
