"""The annual Prevent and safeguarding report to governors: the list of years, a report with its
sign-offs, the Lead's narrative, the head's and the chair's sign-off, and the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school, require
from accounts.audit import AuditAction, record_event
from accounts.submissions import submit_once

from ..models import AnnualReport
from ..reports import annual_report_services as services
from ..reports.annual_report import (
    NO_DATA,
    annual_report_filename,
    render_annual_report_pdf,
    shown_content,
    years_to_offer,
)
from ..reports.annual_report_forms import AnnualReportForm, AnnualReportStartForm


def _report(request, pk):
    queryset = AnnualReport.objects.select_related("school").prefetch_related("sign_offs__signed_by")
    return for_school(request, queryset, pk=pk)


def _message(exc):
    return " ".join(exc.messages)


@capability_required("download_reports")
def annual_report_list(request):
    reports = AnnualReport.objects.filter(school=request.school).prefetch_related("sign_offs__signed_by")
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    form = None
    if request.caps.edit_annual_report:
        years = years_to_offer(request.school)
        form = AnnualReportStartForm(years=years) if years else None
    return render(request, "compliance/annual_report_list.html", {"page": page, "form": form})


@capability_required("edit_annual_report")
@require_POST
@submit_once
def annual_report_start(request):
    form = AnnualReportStartForm(request.POST, years=years_to_offer(request.school))
    if not form.is_valid():
        messages.error(request, "Choose an academic year that has no report yet.")
        return redirect("compliance:annual-report-list")
    try:
        report = services.annual_report_start(
            school=request.school, academic_year=form.cleaned_data["academic_year"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, _message(exc))
        return redirect("compliance:annual-report-list")
    messages.success(request, f"The draft report for {report.academic_year} has been started. Write its sections next.")
    return redirect("compliance:annual-report-edit", pk=report.pk)


@capability_required("download_reports")
def annual_report_detail(request, pk):
    report = _report(request, pk)
    sign_offs = {s.stage: s for s in report.sign_offs.all()}
    context = {
        "report": report,
        "content": shown_content(report),
        "head_sign_off": sign_offs.get("head"),
        "chair_sign_off": sign_offs.get("chair"),
        "no_data": NO_DATA,
    }
    return render(request, "compliance/annual_report_detail.html", context)


@capability_required("edit_annual_report")
@submit_once
def annual_report_edit(request, pk):
    report = _report(request, pk)
    if not report.is_draft:
        messages.error(request, services.NOT_DRAFT)
        return redirect("compliance:annual-report-detail", pk=report.pk)
    form = AnnualReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_edit(
                report=report, narrative=form.cleaned_data, expected_version=form.expected_version, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The report's sections have been saved.")
            return redirect("compliance:annual-report-detail", pk=report.pk)
    return render(request, "compliance/annual_report_form.html", {"form": form, "report": report})


@require_POST
@capability_required("download_reports")
@submit_once
def annual_report_sign_head(request, pk):
    report = _report(request, pk)
    require(request, "sign_annual_report_as_head")  # after loading: another school's report is a 404 whoever asks
    try:
        services.annual_report_sign_as_head(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "You have signed off the report. The chair of governors signs it next.")
    return redirect("compliance:annual-report-detail", pk=report.pk)


@require_POST
@capability_required("download_reports")
@submit_once
def annual_report_sign_chair(request, pk):
    report = _report(request, pk)
    require(request, "sign_annual_report_as_chair")  # after loading: another school's report is a 404 whoever asks
    try:
        services.annual_report_sign_as_chair(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "You have signed off the report as chair of governors. It is now frozen.")
    return redirect("compliance:annual-report-detail", pk=report.pk)


@capability_required("download_reports")
def annual_report_pdf(request, pk):
    """The frozen PDF once the chair has signed; before that, a draft PDF of the report as it stands."""
    report = _report(request, pk)
    sign_offs = list(report.sign_offs.all())
    chair = next((s for s in sign_offs if s.stage == "chair"), None)
    record_event(
        action=AuditAction.EXPORT,
        by=request.user,
        school=request.school,
        obj=report,
        changes={"what": "pdf", "frozen": chair is not None},
    )
    if chair is not None:
        return FileResponse(chair.file.open("rb"), as_attachment=True, filename=chair.filename)
    signed = [(s.get_stage_display(), s.signed_by.full_name, s.signed_at) for s in sign_offs]
    pdf = render_annual_report_pdf(shown_content(report), signed, draft=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = annual_report_filename(report).replace(".pdf", "-draft.pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
