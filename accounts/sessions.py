"""Sessions: a fixed maximum length, and ending a person's sessions when their access changes.

Inactivity expiry is Django's own (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST). On top:
a session ends ``SESSION_MAX_HOURS`` after sign-in however active it is; changing a password
or disabling an account deletes that person's sessions (the one changing their own password
keeps going: ``update_session_auth_hash`` gives it a new key).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .models import User, UserSession

SIGNED_IN_AT = "signed_in_at"


class SessionMaxAgeMiddleware:
    """Signs out a session that began more than SESSION_MAX_HOURS ago, whatever its activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(
                    request,
                    f"For safety you are signed out {settings.SESSION_MAX_HOURS} hours after signing in. "
                    "Sign in again to carry on.",
                )
                return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


@receiver(user_logged_in)
def _remember_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SIGNED_IN_AT] = time.time()
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})


def end_sessions(user):
    """Delete every database session of ``user``; they must sign in again everywhere."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()


@receiver(pre_save, sender=User)
def _note_access_change(sender, instance, update_fields=None, **kwargs):
    instance._ends_sessions = False
    if instance.pk is None or (update_fields is not None and not {"password", "is_active"} & set(update_fields)):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is not None:
        instance._ends_sessions = before["password"] != instance.password or (
            before["is_active"] and not instance.is_active
        )


@receiver(post_save, sender=User)
def _end_sessions_on_access_change(sender, instance, **kwargs):
    if getattr(instance, "_ends_sessions", False):
        end_sessions(instance)
        instance._ends_sessions = False
