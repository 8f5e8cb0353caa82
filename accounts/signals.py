"""Sign-ins and sign-outs go to the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import record_event


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record_event(action="sign_in", actor=user, obj=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(action="sign_out", actor=user, obj=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried is kept, never the password.
    record_event(
        action="sign_in_failed",
        object_type="accounts.user",
        changes={"email": str(credentials.get("username", ""))[:254]},
    )
