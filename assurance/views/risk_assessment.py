"""The Prevent risk assessment's pages: the year's assessment, its risks, reviews, sign-off and
governors' noting, the staff summary, and the exports in the template's layout."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required, require
from accounts.audit import AuditAction, record_event
from accounts.submissions import submit_once
from core.periods import academic_year_of

from .. import exports, plan_link, selectors
from ..forms import GovernorNoteForm, RiskAddForm, RiskAssessmentForm, RiskForm, RiskReviewForm, SignOffForm
from ..models import RiskReview, RiskSignOff
from ..services import risk_assessment as services
from . import loading


def _linked(request, risks):
    linked = plan_link.linked_actions(request.school, "risk", [r.pk for r in risks])
    for risk in risks:
        risk.linked_actions = linked.get(risk.pk, [])
    return risks


def _detail(request, assessment, *, sign_off_form=None, note_form=None, status=200):
    today = timezone.localdate()
    risks = _linked(request, list(selectors.risks_of(assessment)))
    is_open = not assessment.is_read_only
    context = {
        "assessment": assessment,
        "state": selectors.risk_assessment_state(assessment, today),
        "groups": selectors.risk_table(risks),
        "counts": selectors.rating_counts(risks),
        "risk_count": len(risks),
        "reviews": RiskReview.objects.filter(assessment=assessment).select_related("reviewed_by"),
        "sign_offs": RiskSignOff.objects.filter(assessment=assessment).select_related("signed_by"),
        "notes": assessment.governor_notes.select_related("noted_by"),
        "assessments": selectors.risk_assessments_of(request.school).only("pk", "academic_year", "closed_at"),
        "this_year": _this_year(),
        "can_edit": request.caps.edit_assurance and is_open,
        "sign_off_form": sign_off_form
        or (SignOffForm() if request.caps.sign_off_risk_assessment and is_open else None),
        "note_form": note_form or (GovernorNoteForm() if request.caps.note_risk_assessment else None),
    }
    return render(request, "assurance/risk_assessment.html", context, status=status)


def _this_year():
    return academic_year_of(timezone.localdate())


@capability_required("view_assurance")
def risk_assessment_current(request):
    assessment = selectors.current_risk_assessment(request.school)
    if assessment is None:
        return render(request, "assurance/risk_assessment_empty.html", {"this_year": _this_year()})
    return _detail(request, assessment)


@capability_required("view_assurance")
def risk_assessment_detail(request, pk):
    return _detail(request, loading.risk_assessment(request, pk))


@require_POST
@capability_required("edit_assurance")
@submit_once
def risk_assessment_start(request):
    assessment = services.risk_assessment_start(school=request.school, by=request.user)
    messages.success(request, f"The {assessment.academic_year} risk assessment is ready: fill in its header and risks.")
    return redirect("assurance:risk-assessment-detail", pk=assessment.pk)


def _refuse_closed(request, assessment):
    messages.error(
        request,
        f"The {assessment.academic_year} risk assessment was carried over to the next year: it is kept as it was.",
    )
    return redirect("assurance:risk-assessment-detail", pk=assessment.pk)


@capability_required("edit_assurance")
@submit_once
def risk_assessment_edit(request, pk):
    assessment = loading.risk_assessment(request, pk)
    if assessment.is_read_only:
        return _refuse_closed(request, assessment)
    form = RiskAssessmentForm(request.POST or None, instance=assessment, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_assessment_update(
                assessment=assessment, by=request.user, expected_version=form.expected_version, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The risk assessment's header and context have been saved.")
            return redirect("assurance:risk-assessment-detail", pk=assessment.pk)
    return render(request, "assurance/risk_assessment_form.html", {"form": form, "assessment": assessment})


@capability_required("edit_assurance")
@submit_once
def risk_add(request, pk):
    assessment = loading.risk_assessment(request, pk)
    if assessment.is_read_only:
        return _refuse_closed(request, assessment)
    form = RiskAddForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        nonce = data.pop("nonce")
        try:
            risk = services.risk_add(assessment=assessment, by=request.user, nonce=nonce, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The risk has been added to the assessment.")
            return redirect("assurance:risk-detail", pk=risk.pk)
    return render(request, "assurance/risk_form.html", {"form": form, "assessment": assessment, "risk": None})


@capability_required("view_assurance")
def risk_detail(request, pk):
    risk = loading.risk(request, pk)
    _linked(request, [risk])
    editable = request.caps.edit_assurance and not risk.assessment.is_read_only
    linkable = request.caps.edit_plan and editable
    context = {
        "risk": risk,
        "assessment": risk.assessment,
        "history": risk.history.select_related("by"),
        "can_edit": editable,
        "raise_url": plan_link.raise_url("risk", risk.pk) if linkable else "",
        "link_url": plan_link.link_url("risk", risk.pk) if linkable else "",
        "action_choices": plan_link.action_choices(request.school) if linkable else [],
        "page_nonce": uuid.uuid4().hex,
    }
    return render(request, "assurance/risk_detail.html", context)


@capability_required("edit_assurance")
@submit_once
def risk_edit(request, pk):
    risk = loading.risk(request, pk)
    if risk.assessment.is_read_only:
        return _refuse_closed(request, risk.assessment)
    form = RiskForm(request.POST or None, instance=risk, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(
                risk=risk, by=request.user, expected_version=form.expected_version, fields=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The risk has been saved.")
            return redirect("assurance:risk-detail", pk=risk.pk)
    return render(request, "assurance/risk_form.html", {"form": form, "assessment": risk.assessment, "risk": risk})


@capability_required("edit_assurance")
@submit_once
def risk_assessment_review(request, pk):
    assessment = loading.risk_assessment(request, pk)
    if assessment.is_read_only:
        return _refuse_closed(request, assessment)
    form = RiskReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.risk_review_record(assessment=assessment, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "The review has been recorded. The headteacher signs off the reviewed assessment."
            )
            return redirect("assurance:risk-assessment-detail", pk=assessment.pk)
    return render(request, "assurance/risk_review_form.html", {"form": form, "assessment": assessment})


@require_POST
@capability_required("view_assurance")
@submit_once
def risk_assessment_sign_off(request, pk):
    # Loaded first, so another school's assessment is a 404 whoever asks; then only the head signs.
    assessment = loading.risk_assessment(request, pk)
    require(request, "sign_off_risk_assessment")
    if assessment.is_read_only:
        return _refuse_closed(request, assessment)
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            services.risk_assessment_sign_off(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "You have signed off the risk assessment as it stands today.")
            return redirect("assurance:risk-assessment-detail", pk=assessment.pk)
    return _detail(request, assessment, sign_off_form=form, status=400)


@require_POST
@capability_required("view_assurance")
@submit_once
def risk_assessment_note(request, pk):
    assessment = loading.risk_assessment(request, pk)
    require(request, "note_risk_assessment")  # after loading: another school's is a 404 (see sign-off)
    form = GovernorNoteForm(request.POST)
    if form.is_valid():
        try:
            services.risk_assessment_note(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "It is recorded that governors have noted the risk assessment.")
            return redirect("assurance:risk-assessment-detail", pk=assessment.pk)
    return _detail(request, assessment, note_form=form, status=400)


@require_POST
@capability_required("edit_assurance")
@submit_once
def risk_assessment_publish(request):
    publish = request.POST.get("publish") == "yes"
    services.risk_assessment_summary_publish(school=request.school, by=request.user, publish=publish)
    messages.success(
        request,
        "Every member of staff can now read the risk assessment's summary."
        if publish
        else "Only leaders, the DSL and governors can read the risk assessment now.",
    )
    return redirect("assurance:risk-assessment")


@capability_required("view_risk_assessment_summary")
def risk_assessment_summary(request):
    """What every member of staff may read where the school publishes it: the risks and how they
    are managed, never the local picture (it comes from a police and local-authority briefing)."""
    assessment = selectors.current_risk_assessment(request.school)
    risks = list(selectors.risks_of(assessment)) if assessment else []
    context = {
        "assessment": assessment,
        "state": selectors.risk_assessment_state(assessment, timezone.localdate()) if assessment else None,
        "groups": selectors.risk_table(risks),
    }
    return render(request, "assurance/risk_assessment_summary.html", context)


def _export(request, assessment, what):
    record_event(
        action=AuditAction.EXPORT,
        by=request.user,
        school=request.school,
        obj=assessment,
        changes={"what": what},
    )


@capability_required("view_assurance")
def risk_assessment_pdf(request, pk):
    assessment = loading.risk_assessment(request, pk)
    _export(request, assessment, "pdf")
    risks = _linked(request, list(selectors.risks_of(assessment)))
    pdf = exports.risk_assessment_pdf(
        assessment, risks, selectors.risk_assessment_state(assessment, timezone.localdate())
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(assessment, "pdf")}"'
    return response


@capability_required("view_assurance")
def risk_assessment_xlsx(request, pk):
    assessment = loading.risk_assessment(request, pk)
    _export(request, assessment, "xlsx")
    risks = _linked(request, list(selectors.risks_of(assessment)))
    data = exports.risk_assessment_xlsx(
        assessment, risks, selectors.risk_assessment_state(assessment, timezone.localdate())
    )
    response = HttpResponse(data, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(assessment, "xlsx")}"'
    return response
