"""Sign-ins and sign-outs go to the audit trail.

A sign-in or sign-out is recorded in the chain of the school the session is in (the one the
person lands in: as CurrentSchoolMiddleware chooses it), so that a school's chain holds its
people's sign-ins and an export of the school verifies on its own. Failed sign-ins name no
one for sure: they go to the site's chain.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .audit import AuditAction, current_ip, record_event
from .lockout import sign_in_name
from .models import AuditEvent
from .selectors import school_for

logger = logging.getLogger(__name__)

# A failed sign-in with a name that matches no account says little, and anyone can send any
# number of them: the append-only trail keeps at most one per client address in each window,
# and at most UNKNOWN_NAME_ROWS_PER_WINDOW from all addresses together, so that its growth is
# bounded by the clock, not by an attacker's effort. The rest go to the log only.
UNKNOWN_NAME_WINDOW = timedelta(hours=1)
UNKNOWN_NAME_ROWS_PER_WINDOW = 20


def _session_school(request, user):
    school = getattr(request, "school", None)
    if school is None and user is not None and user.is_authenticated:
        found = school_for(user, None)
        school = found[0] if found else None
    return school


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record_event(action=AuditAction.SIGN_IN, by=user, school=_session_school(request, user), obj=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action=AuditAction.SIGN_OUT, by=user, school=_session_school(request, user), obj=user)


def _account_named(typed):
    name = sign_in_name(typed)
    if not name or not name.isascii():
        return None
    return get_user_model().objects.filter(email__iexact=name).first()


def _unknown_name_recorded_recently():
    """True if this window already holds this address's row, or the ceiling of rows from all addresses."""
    recent = AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED,
        object_type="accounts.user",
        object_id="",
        at__gte=timezone.now() - UNKNOWN_NAME_WINDOW,
    )
    return recent.filter(ip_address=current_ip.get()).exists() or recent.count() >= UNKNOWN_NAME_ROWS_PER_WINDOW


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried is kept, never the password.
    typed = str(credentials.get("username", ""))[:254]
    account = _account_named(typed)
    if account is None:
        if _unknown_name_recorded_recently():
            logger.info("Failed sign-in with an unknown name from %s (not in the audit trail)", current_ip.get())
            return
        record_event(action=AuditAction.SIGN_IN_FAILED, object_type="accounts.user", changes={"email": typed})
        return
    record_event(action=AuditAction.SIGN_IN_FAILED, obj=account, changes={"email": typed})
