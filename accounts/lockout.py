"""How an email address typed to sign in is named, for django-axes and for the account lookup.

Sign-in is by email and case-insensitive, so without a single form an attacker could try SAM@,
Sam@ and sam@ each up to the failure limit. Python's casefold() and the database's
case-insensitive match do not agree on every letter: PostgreSQL's UPPER() turns "ſ" (long s)
into "S" and "ı" (dotless i) into "I", so "ſam@" would find sam@'s account under a lockout key
of its own. Both the lockout and the lookup therefore use ``sign_in_name`` (NFKC + casefold), and
a name that is still not ASCII after it is refused (``accounts.backends.EmailBackend``).
"""

import unicodedata

from django.conf import settings


def sign_in_name(value):
    """The one form of a typed email address: NFKC-normalised, case-folded, trimmed."""
    folded = unicodedata.normalize("NFKC", value or "").casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def lockout_username(request, credentials=None):
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return sign_in_name(value) or None
