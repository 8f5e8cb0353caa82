"""How views ask for a capability and load a school's object.

One way to ask: a view declares its capability with ``capability_required``; inside it asks
``request.caps.<capability>`` (``capability in request.caps`` for a name held in a variable) and
refuses with ``require(request, capability)``. All three read ``accounts/roles.py``'s table.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve


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


def for_school(request, queryset, **lookup):
    """The object of the current school that matches ``lookup``, or 404 (also for other schools)."""
    model_qs = queryset if hasattr(queryset, "filter") else queryset.objects.all()
    return get_object_or_404(model_qs.filter(school=request.school), **lookup)


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
