"""The 400 and 500 pages, which say truthfully what became of the person's change.

They run when something failed: perhaps the database is down. So they read nothing from it and
render without context processors; what happened to a POST comes from ``request.submission``,
which ``accounts.submissions.submit_once`` keeps up to date.
"""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import DatabaseError
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


def _session_problem(exception):
    """ "ended" when the session was deleted during the request (signed out in another tab),
    "not_saved" when the database refused to save it, "" when the session was not the problem."""
    if not isinstance(exception, SessionInterrupted):
        return ""
    update_error = exception.__context__
    failure = getattr(update_error, "__context__", None)
    # Django reports a session row that is gone as a plain DatabaseError ("Forced update did not
    # affect any rows"); a failing database raises one of the driver's subclasses instead.
    return "ended" if failure is None or type(failure) is DatabaseError else "not_saved"


def bad_request(request, exception):
    return HttpResponseBadRequest(_render("400.html", request, session=_session_problem(exception)))


def server_error(request):
    return HttpResponseServerError(_render("500.html", request))
