"""The governors' dashboard, the PDF report, exports, snapshots with their challenge log, and
the trust/local-authority overview. Every number comes from ``report_data.school_report``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.audit import AuditAction, record_event
from accounts.roles import can
from accounts.selectors import organisations_of, school_for
from accounts.submissions import submit_once
from background.jobs import job_start
from background.models import Job
from referrals.disclosure import sees_exact_counts

from ..models import ChallengeEntry, ReportSnapshot
from ..reports import headlines, snapshots
from ..reports import overview as overview_figures
from ..reports.exports import report_csv, report_xlsx
from ..reports.overview_pdf import overview_rows_for
from ..reports.report_data import school_report
from ..reports.report_forms import AnswerForm, ChallengeForm, PeriodForm, SnapshotForm
from ..reports.report_render import render_report_pdf, report_charts
from ..tasks import build_overview_pdf

OVERVIEW_SORTS = {
    "name": "School",
    "green_percent": "Actions green",
    "red": "Actions red",
    "confirmations": "Lowest confirmation rate",
    "training": "Lowest training rate",
    "kcsie": "KCSIE (current edition) confirmed",
    "speakers": "Speaker requests",
    "referrals": "Prevent concerns",
}


def _period_form(request):
    return PeriodForm(request.GET if "period" in request.GET else None)


def _exact(request):
    """True if the viewer sees exact referral counts in their own school's reports (they see the cases)."""
    return sees_exact_counts(request.caps)


def _dashboard(request, school, *, read_only):
    period_form = _period_form(request)
    # Read-only: an officer looking at a school of the trust, whose cases they never see.
    report = school_report(school, period_form.selected(), exact_referrals=not read_only and _exact(request))
    headlines.headline_store(report, if_changed=True)  # the overview's figures, fresh whenever a dashboard is seen
    context = {
        "report": report,
        "charts": report_charts(report),
        "period_form": period_form,
        "read_only": read_only,
        "snapshot_form": (
            SnapshotForm(initial={"period": report.period.key})
            if not read_only and request.caps.freeze_reports
            else None
        ),
    }
    return render(request, "compliance/dashboard.html", context)


def _audit_export(request, school, what, period):
    record_event(
        action=AuditAction.EXPORT,
        by=request.user,
        school=school,
        object_type="compliance.report",
        object_id=period.key,
        changes={"what": what},
    )


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@capability_required("view_dashboard")
def dashboard(request):
    return _dashboard(request, request.school, read_only=False)


@capability_required("download_reports")
def report_pdf(request):
    report = school_report(request.school, _period_form(request).selected(), exact_referrals=_exact(request))
    _audit_export(request, request.school, "pdf", report.period)
    return _pdf_response(
        render_report_pdf(report), snapshots.report_filename(request.school.name, timezone.localdate())
    )


@capability_required("download_reports")
def report_export(request, extension):
    report = school_report(request.school, _period_form(request).selected(), exact_referrals=_exact(request))
    _audit_export(request, request.school, extension, report.period)
    filename = snapshots.report_filename(request.school.name, timezone.localdate(), extension, "prevent-report-tables")
    return report_csv(report, filename) if extension == "csv" else report_xlsx(report, filename)


# Snapshots and the challenge log


@capability_required("view_dashboard")
def snapshot_list(request):
    page = Paginator(ReportSnapshot.objects.filter(school=request.school).select_related("created_by"), 20).get_page(
        request.GET.get("page")
    )
    form = SnapshotForm() if request.caps.freeze_reports else None
    return render(request, "compliance/snapshot_list.html", {"page": page, "form": form})


@capability_required("freeze_reports")
@submit_once
def snapshot_create(request):
    form = SnapshotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        snapshot = snapshots.snapshot_freeze(
            school=request.school,
            period=form.cleaned_data["period"],
            title=form.cleaned_data["title"],
            by=request.user,
        )
        messages.success(request, f"The report is frozen as “{snapshot.title}”. Governors can now download it.")
        return redirect("compliance:snapshot-detail", pk=snapshot.pk)
    return render(request, "compliance/snapshot_form.html", {"form": form})


def _snapshot(request, pk):
    return for_school(request, ReportSnapshot.objects.select_related("created_by"), pk=pk)


@capability_required("view_dashboard")
def snapshot_detail(request, pk):
    snapshot = _snapshot(request, pk)
    entries = list(snapshot.challenges.select_related("asked_by", "answered_by"))
    context = {
        "snapshot": snapshot,
        "entries": entries,
        "question_form": ChallengeForm() if request.caps.record_challenge else None,
        "can_answer": request.caps.answer_challenge,
    }
    return render(request, "compliance/snapshot_detail.html", context)


@capability_required("download_reports")
def snapshot_pdf(request, pk):
    snapshot = _snapshot(request, pk)
    record_event(action=AuditAction.EXPORT, by=request.user, school=request.school, obj=snapshot)
    return FileResponse(
        snapshot.file.open("rb"), content_type="application/pdf", as_attachment=True, filename=snapshot.filename
    )


@require_POST
@capability_required("record_challenge")
@submit_once
def challenge_create(request, pk):
    snapshot = _snapshot(request, pk)
    form = ChallengeForm(request.POST)
    if form.is_valid():
        snapshots.challenge_ask(snapshot=snapshot, question=form.cleaned_data["question"], by=request.user)
        messages.success(request, "Your question is recorded in the challenge log.")
        return redirect("compliance:snapshot-detail", pk=snapshot.pk)
    entries = list(snapshot.challenges.select_related("asked_by", "answered_by"))
    context = {
        "snapshot": snapshot,
        "entries": entries,
        "question_form": form,
        "can_answer": request.caps.answer_challenge,
    }
    return render(request, "compliance/snapshot_detail.html", context, status=400)


@require_POST
@capability_required("answer_challenge")
@submit_once
def challenge_answer(request, pk):
    entry = _entry(request, pk)
    form = AnswerForm(request.POST, instance=ChallengeEntry(question=entry.question))
    if form.is_valid():
        try:
            snapshots.challenge_answer(entry=entry, answer=form.cleaned_data["answer"], by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "The answer is recorded in the challenge log.")
    else:
        messages.error(request, "Write the answer before saving it.")
    return redirect("compliance:snapshot-detail", pk=entry.snapshot_id)


def _entry(request, pk):
    return for_school(request, ChallengeEntry.objects.select_related("snapshot__school"), pk=pk)


# The trust and local-authority overview


def _overview_rows(request, period):
    """Every school's headline with its dates, filtered by a figure and sorted as asked; (rows, sort, shown)."""
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in OVERVIEW_SORTS:
        sort = "name"
    rows = overview_rows_for(request.user, period, sort)
    # The dates that matter, worked out from what the rows hold already (no query per school).
    overview_figures.annotate(rows, {row["school"].pk: row["reviews"] for row in rows})
    shown = request.GET.get("show", "")
    return overview_figures.filter_rows(rows, shown), sort, shown if shown in overview_figures.FILTERS else ""


@capability_required("view_organisation_overview")
def overview(request):
    period_form = _period_form(request)
    period = period_form.selected()
    rows, sort, shown = _overview_rows(request, period)
    context = {
        "rows": rows,
        "totals": overview_figures.totals(rows),
        "missing": sum(1 for row in rows if row["headline"] is None),
        "stale": sum(1 for row in rows if row.get("stale")),
        "sort": sort,
        "sorts": OVERVIEW_SORTS,
        "shown": shown,
        "shown_label": overview_figures.FILTERS.get(shown, ""),
        "filters": overview_figures.FILTERS,
        "period": period,
        "period_form": period_form,
        "organisations": organisations_of(request.user),
    }
    return render(request, "compliance/overview.html", context)


@require_POST
@capability_required("view_organisation_overview")
@submit_once
def overview_pdf(request):
    """Start building the combined PDF (compliance.tasks); its page offers it when it is ready."""
    period = PeriodForm(request.POST).selected()
    job = job_start(
        kind=Job.Kind.TRUST_PDF,
        school=request.school,
        by=request.user,
        task=build_overview_pdf,
        next_url=reverse("compliance:overview"),
        period_key=period.key,
    )
    return redirect(job)


def _officer_school(request, school_id):
    """A school the user oversees from the overview: 404 if not theirs, 403 if their roles in
    that school (not only in the current one) do not hold the overview's capability."""
    found = school_for(request.user, school_id)  # by the membership and organisation keys
    if found is None:
        raise Http404
    school, roles = found
    if not can(roles, "view_organisation_overview", school):
        raise PermissionDenied("Only trust and local-authority officers see schools from the overview.")
    return school


@capability_required("view_organisation_overview")
def overview_school(request, school_id):
    """A school's dashboard, read-only, for an officer of its trust or local authority."""
    school = _officer_school(request, school_id)
    return _dashboard(request, school, read_only=True)


@capability_required("view_organisation_overview")
def overview_school_pdf(request, school_id):
    school = _officer_school(request, school_id)
    report = school_report(school, _period_form(request).selected())
    _audit_export(request, school, "pdf", report.period)
    return _pdf_response(render_report_pdf(report), snapshots.report_filename(school.name, timezone.localdate()))
