"""How views ask for a capability and load a school's object.

One way to ask: a view declares its capability with ``capability_required``; inside it asks
``request.caps.<capability>`` (``capability in request.caps`` for a name held in a variable) and
refuses with ``require(request, capability)``. All three read ``accounts/roles.py``'s table.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve

from .models import Membership


def capability_required(capability):
    """Let the view run only for a user whose roles in the current school hold ``capability``.

    A user with no school sees a page that says so (403); a user without the capability gets 403.
    Object views must still load their object through ``for_school`` so that another school's
    object is a 404.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.school is None:
                return render(request, "accounts/no_school.html", status=403)
            require(request, capability)
            return view(request, *args, **kwargs)

        wrapped.capability = capability
        return wrapped

    return decorator


def school_path(model):
    """The lookup from ``model`` to its school: its ``school_path`` (e.g. ``"case__school"`` for a
    record of a referral case), declared once on the model, else its own ``school`` field."""
    return getattr(model, "school_path", "school")


def for_school(request, queryset, /, **lookup):
    """The object of the current school that matches ``lookup``, or 404 (also for other schools).

    ``queryset`` is a model or a queryset of one; the school is reached through the model's
    ``school_path``, so a record that belongs to its school through a parent (a case's decision,
    a request's letting date) loads the same way as the parent.
    """
    model_qs = queryset if hasattr(queryset, "filter") else queryset.objects.all()
    return get_object_or_404(model_qs.filter(**{school_path(model_qs.model): request.school}), **lookup)


def member_for(request, user_id):
    """A current member of this school, as a person; anyone else (other schools, former staff) is a 404.

    A person is not school-owned (one account serves every school they belong to): their current
    membership here is what belongs to the school, so that is what is loaded.
    """
    membership = (
        Membership.objects.current().filter(school=request.school, user_id=user_id).select_related("user").first()
    )
    if membership is None:
        raise Http404("No such member of this school.")
    return membership.user


def require(request, capability):
    """Raise 403 unless the current user holds ``capability`` (for a second action in one view)."""
    if capability not in request.caps:
        raise PermissionDenied(f"Your role does not allow this ({capability}).")


def capability_of(url):
    """The capability the page at ``url`` asks for, or "" if it names none (or is not a page here).

    Links to pages computed at run time (a measure's details) ask this, then ``caps``, so that a
    link is shown only to people the page will let in.
    """
    if not url:
        return ""
    try:
        return getattr(resolve(urlsplit(url).path).func, "capability", "")
    except Resolver404:
        return ""
