"""Filtering and monitoring: who is responsible, the providers, the yearly review and the check log."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required
from accounts.submissions import submit_once
from core.periods import academic_year_of

from .. import plan_link, selectors
from ..forms import FilteringCheckForm, FilteringRecordForm, FilteringReviewForm
from ..models import FilteringCheck, FilteringReview
from ..services import filtering as services
from . import loading


@capability_required("view_assurance")
def filtering_current(request):
    record = selectors.filtering_records_of(request.school).select_related("senior_leader", "governor").first()
    if record is None:
        return render(request, "assurance/filtering_empty.html", {"this_year": academic_year_of(timezone.localdate())})
    return _detail(request, record)


@capability_required("view_assurance")
def filtering_detail(request, pk):
    return _detail(request, loading.filtering_record(request, pk))


def _detail(request, record):
    today = timezone.localdate()
    reviews = list(FilteringReview.objects.filter(record=record).select_related("recorded_by"))
    checks = Paginator(FilteringCheck.objects.filter(record=record).select_related("recorded_by"), 25).get_page(
        request.GET.get("page")
    )
    linked_reviews = plan_link.linked_actions(request.school, "filtering-review", [r.pk for r in reviews])
    linked_checks = plan_link.linked_actions(request.school, "filtering-check", [c.pk for c in checks])
    can_raise = request.caps.edit_assurance and request.caps.edit_plan
    page_nonce = uuid.uuid4().hex
    for review in reviews:
        review.linked_actions = linked_reviews.get(review.pk, [])
        review.raise_url = plan_link.raise_url("filtering-review", review.pk) if can_raise else ""
        review.nonce = f"{page_nonce}-review-{review.pk}"
    for check in checks:
        check.nonce = f"{page_nonce}-check-{check.pk}"
        check.linked_actions = linked_checks.get(check.pk, [])
        check.raise_url = (
            plan_link.raise_url("filtering-check", check.pk)
            if can_raise and check.is_gap and not check.linked_actions
            else ""
        )
    context = {
        "record": record,
        "state": selectors.filtering_state(request.school, record, today),
        "reviews": reviews,
        "checks": checks,
        "records": selectors.filtering_records_of(request.school).only("pk", "academic_year"),
        "this_year": academic_year_of(today),
        "can_edit": request.caps.edit_assurance,
    }
    return render(request, "assurance/filtering.html", context)


@require_POST
@capability_required("edit_assurance")
@submit_once
def filtering_start(request):
    record = services.filtering_start(school=request.school, by=request.user)
    messages.success(request, f"Filtering and monitoring for {record.academic_year}: name who is responsible.")
    return redirect("assurance:filtering-detail", pk=record.pk)


@capability_required("edit_assurance")
@submit_once
def filtering_edit(request, pk):
    record = loading.filtering_record(request, pk)
    form = FilteringRecordForm(request.POST or None, instance=record, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.filtering_update(
                record=record, by=request.user, expected_version=form.expected_version, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Who is responsible and the providers have been saved.")
            return redirect("assurance:filtering-detail", pk=record.pk)
    return render(request, "assurance/filtering_form.html", {"form": form, "record": record})


@capability_required("edit_assurance")
@submit_once
def filtering_review_add(request, pk):
    record = loading.filtering_record(request, pk)
    form = FilteringReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.filtering_review_record(record=record, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The review of filtering and monitoring has been recorded.")
            return redirect("assurance:filtering-detail", pk=record.pk)
    return render(request, "assurance/filtering_review_form.html", {"form": form, "record": record})


@capability_required("edit_assurance")
@submit_once
def filtering_check_add(request, pk):
    record = loading.filtering_record(request, pk)
    form = FilteringCheckForm(
        request.POST or None, initial={"checked_on": timezone.localdate(), "done_by": request.user.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            check = services.filtering_check_record(record=record, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            note = " It is a gap: raise an action of the plan from the log below." if check.is_gap else ""
            messages.success(request, f"The check has been logged.{note}")
            return redirect("assurance:filtering-detail", pk=record.pk)
    return render(request, "assurance/filtering_check_form.html", {"form": form, "record": record})
