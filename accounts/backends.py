"""Signing in with an email address and password, under the same name the lockout counts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .lockout import sign_in_name


class EmailBackend(ModelBackend):
    """Django's ModelBackend, looking the account up by ``sign_in_name`` of what was typed.

    A name that is not ASCII once normalised is refused: the database would fold some of its
    letters onto ASCII ones (see ``accounts.lockout``) and so reach an account whose lockout it
    does not share. The password is still hashed, so a refusal takes as long as a wrong password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        name = sign_in_name(username if username is not None else kwargs.get(User.USERNAME_FIELD))
        if not name or password is None:
            return None
        if not name.isascii():
            User().set_password(password)
            return None
        return super().authenticate(request, username=name, password=password)
