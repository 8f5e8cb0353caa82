"""How django-axes names the account being tried: the email address, case and spaces ignored.

Sign-in is by email and case-insensitive, so without this an attacker could try SAM@, Sam@
and sam@ each up to the failure limit.
"""

from django.conf import settings


def lockout_username(request, credentials=None):
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return (value or "").strip().lower() or None
