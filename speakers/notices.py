"""Who is told about speaker and letting requests: the deciders of a new request, the requester of
a decision. Called from the use cases in ``services`` (inside their transaction)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from notifications.models import Kind
from notifications.selectors import people_with_capability
from notifications.services import notify


def _link(speaker_request):
    return reverse("speakers:request-detail", kwargs={"pk": speaker_request.pk})


def request_raised_notify(speaker_request):
    """Tell the people who decide requests (not the requester) that a new one came in."""
    when = date_format(localtime(speaker_request.starts_at), "j F Y")
    text = (
        f"New request from {speaker_request.requested_by}: {speaker_request.get_kind_display().lower()} "
        f"“{speaker_request.event_title}” on {when}"
    )
    notify(
        school=speaker_request.school,
        recipients=people_with_capability(
            speaker_request.school, "decide_speakers", exclude=speaker_request.requested_by
        ),
        kind=Kind.SPEAKER_REQUEST,
        text=text,
        link=_link(speaker_request),
        key=f"speaker-request:{speaker_request.pk}",
    )


def decision_made_notify(decision):
    """Tell the requester (unless they decided it themselves) the outcome, never the justification."""
    speaker_request = decision.request
    if speaker_request.requested_by_id == decision.decided_by_id:
        return
    outcome = speaker_request.get_status_display().lower()  # "declined": the request's status, just refreshed
    text = (
        f"The decision on your request “{speaker_request.event_title}” was changed: {outcome}"
        if decision.supersedes_id
        else f"Your request “{speaker_request.event_title}” was decided: {outcome}"
    )
    notify(
        school=speaker_request.school,
        recipients=[speaker_request.requested_by],
        kind=Kind.SPEAKER_DECISION,
        text=text,
        link=_link(speaker_request),
        key=f"speaker-decision:{decision.pk}",
    )
