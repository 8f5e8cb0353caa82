"""Submit once: a form sent twice (a double click, a retry after an error) is saved once.

Every form that creates something carries a random token (``{% submission_token %}``, from
``accounts/templatetags/submissions.py``), new each time the form is shown. The view that saves
it is decorated with ``@submit_once``, which runs it in one transaction together with the
insert of the token's row (unique). A second POST of the same form finds that row, or waits
for it and then finds it, and is sent to what the first one made ("This was already saved")
instead of saving again. A refused form (shown again with its errors) keeps no row.

What happened is kept on the request (``request.submission``), so that an error page shown
after the view ran (the session could not be saved, the connection died during the commit)
says truthfully whether the change was saved.
"""

import re
import secrets
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from core.storage import NO_ROOM_MESSAGE, files_written, is_no_room, remove_files

TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field name, not a secret
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")

ALREADY_SAVED = "This was already saved: the form was sent twice, and only the first was kept."
CLASHED = (
    "This could not be saved: it clashed with a change someone made at the same moment. Nothing was saved. "
    "Check the page below, then try again."
)
FORM_USED = "This form has already been used. Open the page again to start afresh."


class Submission(models.Model):
    """One sent form that saved something, and where its result is."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("accounts.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    result_url = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.token[:8]}… by {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"


def new_token():
    return secrets.token_urlsafe(24)


# What became of a POST, for the error pages: saved, not saved, or not known (see error_views).
SAVED, NOT_SAVED, UNKNOWN = "saved", "not_saved", "unknown"


@dataclass
class Outcome:
    state: str
    url: str = ""
    # True when a second send of the same form cannot save it twice.
    protected: bool = False


class _TokenTaken(Exception):
    """Another request holds (or has committed) this token."""


def _earlier(request, token):
    return Submission.objects.filter(token=token, user=request.user).first()


def _already_saved(request, earlier):
    messages.info(request, ALREADY_SAVED)
    url = earlier.result_url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("home")


def _back(request):
    """The page the form was on (a POST-only URL cannot be shown again)."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return request.get_full_path()


def _refused(request):
    """True when the view queued an error message: a redirect that saved nothing."""
    storage = getattr(request, "_messages", None)
    return any(m.level >= messages.ERROR for m in getattr(storage, "_queued_messages", ()))


def _run(request, view, args, kwargs, token):
    """The view in one transaction with the token's row; the outcome goes on the request.

    Files the view stored are removed again if the transaction does not commit.
    """
    request.submission = Outcome(NOT_SAVED, protected=bool(token))
    with files_written() as files:
        try:
            return _run_atomic(request, view, args, kwargs, token)
        except IntegrityError:
            request.submission = Outcome(NOT_SAVED, protected=bool(token))  # refused, even at the commit
            raise
        finally:
            if request.submission.state == NOT_SAVED:
                remove_files(files)


def _run_atomic(request, view, args, kwargs, token):
    with transaction.atomic():
        if token:
            try:
                with transaction.atomic():
                    row = Submission.objects.create(token=token, user=request.user, school=request.school)
            except IntegrityError as exc:
                raise _TokenTaken from exc
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseRedirectBase) or _refused(request):
            transaction.set_rollback(True)  # a refused form keeps nothing, not even its token
            return response
        url = response["Location"]
        if token:
            Submission.objects.filter(pk=row.pk).update(result_url=url[:500])
        # Until the commit returns, nobody can say whether it happened.
        request.submission = Outcome(UNKNOWN, url, protected=bool(token))
    request.submission = Outcome(SAVED, url, protected=bool(token))
    return response


def submit_once(view):
    """Save a POST at most once per form token; see the module's docstring."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(TOKEN_FIELD, "")
        # A POST without a token (a script, a page from before this check) is saved without the protection.
        token = token if _TOKEN.fullmatch(token) else None
        if token and (earlier := _earlier(request, token)) is not None:
            return _already_saved(request, earlier)
        try:
            return _run(request, view, args, kwargs, token)
        except _TokenTaken:
            # The same form sent twice at once: the other request has committed by now.
            earlier = _earlier(request, token)
            if earlier is not None:
                return _already_saved(request, earlier)
            messages.error(request, FORM_USED)
            return redirect(_back(request))
        except IntegrityError:
            # A rule the database keeps (one current decision, one plan a year...) refused a write
            # that the service did not expect, in the view or at the commit: everything was rolled back.
            messages.error(request, CLASHED)
            return redirect(_back(request))
        except OSError as error:
            if not is_no_room(error) or request.submission.state != NOT_SAVED:
                raise
            messages.error(request, NO_ROOM_MESSAGE)  # the disk is full: rolled back, files removed
            return redirect(_back(request))

    wrapped.submit_once = True
    return wrapped
