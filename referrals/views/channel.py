"""The type of concern, the police triage, Channel consent, leaving Channel and the reviews at 6 and 12 months."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from accounts.access import for_school
from accounts.submissions import submit_once

from .. import channel, services
from ..forms import CategoryForm, ChannelExitForm, ChannelReviewForm, ConsentForm, TriageForm
from ..guards import case_for, hidden_unless
from ..models import ChannelReview
from ..selectors import case_reviews_due
from ..services import case_list_access_record
from .records import case_record_view, record_on_case

REVIEWS_AHEAD_DAYS = 30  # the list shows reviews due within a month, and every overdue one


category_set = case_record_view(
    form_class=CategoryForm,
    service=services.case_category_set,
    title="Record the type of concern",
    done="The type of concern has been recorded",
)

triage_add = case_record_view(
    form_class=TriageForm,
    service=channel.triage_record,
    title="Record the police Prevent triage",
    done="The triage outcome has been recorded",
)

consent_add = case_record_view(
    form_class=ConsentForm,
    service=channel.consent_record,
    title="Record consent for Channel support",
    done="The consent has been recorded",
)

channel_exit_add = case_record_view(
    form_class=ChannelExitForm,
    service=channel.channel_exit_record,
    title="Record that the pupil left Channel",
    done="The exit from Channel has been recorded and the 6- and 12-month reviews scheduled",
)


@hidden_unless("record_referrals")
@submit_once
def review_record(request, pk, review_pk):
    case = case_for(request, pk, "record_referrals")
    review = for_school(request, ChannelReview.objects.select_related("exit"), case=case, pk=review_pk)
    review.case = case

    def record(*, case, by, **data):
        return channel.channel_review_record(review=review, by=by, **data)

    return record_on_case(
        request,
        pk,
        form_class=ChannelReviewForm,
        service=record,
        title=f"Record the {review.months}-month review (due {review.due_on:%-d %B %Y})",
        done=f"The {review.months}-month review has been recorded",
        when_closed=True,
    )


@hidden_unless("view_referrals")
def review_list(request):
    """Reviews after Channel due within a month or overdue: every case shown is logged as seen."""
    today = timezone.localdate()
    due = case_reviews_due(request.school, today + datetime.timedelta(days=REVIEWS_AHEAD_DAYS))
    page = Paginator(due, 25).get_page(request.GET.get("page"))
    case_list_access_record(school=request.school, cases=[r.case for r in page.object_list], user=request.user)
    return render(request, "referrals/review_list.html", {"page": page, "today": today, "days": REVIEWS_AHEAD_DAYS})
