"""Asking for a password reset by email, without telling anyone whether an address has an account.

The request does the same work for any address: check the throttles, look the address up (one
query) and hand what it found to a background thread, which makes the link, renders the email
and sends it. The answer is the same page, as fast, whether or not an account exists, and a slow
mail server delays nobody's page. A few requests an hour per address and per client are honoured
(``PASSWORD_RESET_PER_*_PER_HOUR``); more get the same page and no email. The counts live in the
cache (``CACHE_URL``), which must be shared where several app processes serve the site.
"""

import hashlib
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect

from core.client_address import client_ip
from core.links import absolute_url

from .lockout import sign_in_name

logger = logging.getLogger(__name__)
HOUR = 60 * 60


def _counted(key, limit):
    """Count one more request under ``key`` this hour; True while the count is within ``limit``."""
    cache.add(key, 0, timeout=HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=HOUR)
        count = 1
    return count <= limit


def reset_allowed(request, email):
    """True if another reset email may go to ``email`` for this client now (both are counted)."""
    address = hashlib.sha256(sign_in_name(email).encode()).hexdigest()
    per_address = _counted(f"password-reset:address:{address}", settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR)
    per_client = _counted(f"password-reset:client:{client_ip(request)}", settings.PASSWORD_RESET_PER_CLIENT_PER_HOUR)
    return per_address and per_client


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with the accounts looked up in the request and the emails made elsewhere."""

    accounts = ()

    def load_accounts(self):
        self.accounts = list(super().get_users(self.cleaned_data["email"]))

    def get_users(self, email):
        return iter(self.accounts)


def _send(form, options):
    try:
        form.save(**options)
    except Exception:
        logger.exception("A password reset email could not be sent")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    html_email_template_name = "registration/password_reset_email_body.html"  # a text and an HTML part

    def form_valid(self, form):
        if reset_allowed(self.request, form.cleaned_data["email"]):
            form.load_accounts()
        site = urlsplit(absolute_url("/", self.request))  # SITE_URL, or the address of the request
        options = {
            "domain_override": site.netloc,
            "use_https": site.scheme == "https",
            "token_generator": self.token_generator,
            "from_email": self.from_email,
            "email_template_name": self.email_template_name,
            "subject_template_name": self.subject_template_name,
            "html_email_template_name": self.html_email_template_name,
            "extra_email_context": self.extra_email_context,
        }
        # Started for every request, with or without an account to write to, so that the
        # request's work does not depend on it. The thread reads no database.
        threading.Thread(target=_send, args=(form, options), name="password-reset-mail", daemon=True).start()
        return HttpResponseRedirect(self.get_success_url())
