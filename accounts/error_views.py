"""The 400 and 500 pages, which say truthfully what became of the person's change.

They run when something failed: perhaps the database is down. So they read nothing from it and
render without context processors; what happened to a POST comes from ``request.submission``,
which ``accounts.submissions.submit_once`` keeps up to date.
"""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader

from .submissions import NOT_SAVED, SAVED, UNKNOWN, Outcome


def outcome_of(request):
    """What became of the request's change: SAVED, NOT_SAVED, UNKNOWN, or "" for a page that changes nothing."""
    if request is None or request.method in ("GET", "HEAD", "OPTIONS"):
        return Outcome("")
    outcome = getattr(request, "submission", None)
    # A POST to a view that keeps no record of its outcome: it may have committed before the failure.
    return outcome or Outcome(UNKNOWN)


def _render(template_name, request, **context):
    outcome = outcome_of(request)
    return loader.get_template(template_name).render(
        {"outcome": outcome, "SAVED": SAVED, "NOT_SAVED": NOT_SAVED, "UNKNOWN": UNKNOWN, **context}
    )


def bad_request(request, exception):
    session_ended = isinstance(exception, SessionInterrupted)
    return HttpResponseBadRequest(_render("400.html", request, session_ended=session_ended))


def server_error(request):
    return HttpResponseServerError(_render("500.html", request))
