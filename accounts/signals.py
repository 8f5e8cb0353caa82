"""Sign-ins and sign-outs go to the audit trail.

A sign-in or sign-out is recorded in the chain of the school the session is in (the one the
person lands in: as CurrentSchoolMiddleware chooses it), so that a school's chain holds its
people's sign-ins and an export of the school verifies on its own. Failed sign-ins name no
one for sure: they go to the site's chain.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import record_event
from .selectors import schools_and_roles


def _session_school(request, user):
    school = getattr(request, "school", None)
    if school is None and user is not None and user.is_authenticated:
        school = next(iter(schools_and_roles(user)), None)
    return school


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record_event(action="sign_in", actor=user, school=_session_school(request, user), obj=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action="sign_out", actor=user, school=_session_school(request, user), obj=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried is kept, never the password.
    record_event(
        action="sign_in_failed",
        object_type="accounts.user",
        changes={"email": str(credentials.get("username", ""))[:254]},
    )
