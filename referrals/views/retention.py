"""Retention: the cases due for review, legal holds, the retention review; the referral settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from .. import retention
from ..forms import LegalHoldForm, LegalHoldReleaseForm, ReferralSettingsForm, RetentionReviewForm
from ..guards import case_for, hidden_unless
from ..identifiers import settings_for
from ..models import LegalHold
from ..selectors import retention_reviews_due
from ..services import case_list_access_record
from .records import case_record_view, record_on_case

legal_hold_add = case_record_view(
    form_class=LegalHoldForm,
    service=retention.legal_hold_place,
    title="Place a legal hold",
    done="The legal hold has been placed: the record cannot be deleted or anonymised",
    when_closed=True,
)


@hidden_unless("record_referrals")
@submit_once
def legal_hold_release(request, pk, hold_pk):
    case = case_for(request, pk, "record_referrals")
    hold = for_school(request, LegalHold, case=case, pk=hold_pk)
    hold.case = case

    def release(*, case, by, **data):
        return retention.legal_hold_release(hold=hold, by=by, **data)

    return record_on_case(
        request,
        pk,
        form_class=LegalHoldReleaseForm,
        service=release,
        title=f"Release the legal hold placed on {hold.placed_at:%-d %B %Y}",
        done="The legal hold has been released",
        when_closed=True,
    )


retention_review_add = case_record_view(
    form_class=RetentionReviewForm,
    service=retention.retention_review_record,
    title="Record the retention review",
    done="The retention review has been recorded",
    when_closed=True,
)


@hidden_unless("view_referrals")
def retention_list(request):
    """Closed cases whose retention review date has come: every case shown is logged as seen."""
    today = timezone.localdate()
    page = Paginator(retention_reviews_due(request.school, today), 25).get_page(request.GET.get("page"))
    case_list_access_record(school=request.school, cases=list(page.object_list), user=request.user)
    return render(request, "referrals/retention_list.html", {"page": page, "today": today})


@capability_required("manage_referral_settings")
@submit_once
def referral_settings(request):
    form = ReferralSettingsForm(request.POST or None, instance=settings_for(request.school), school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            retention.referral_settings_save(
                school=request.school, by=request.user, roles=request.roles, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The referral settings have been saved.")
            return redirect("referrals:settings")
    return render(request, "referrals/settings.html", {"form": form})
