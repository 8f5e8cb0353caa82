"""Access to cases: anyone who may not see them gets 404, so that not even their existence leaks.

``accounts.access.capability_required`` answers 403, which is right for most pages but would
tell a curious member of staff that a case number exists. Case pages use these instead.
"""

from functools import wraps

from django.http import Http404

from accounts.access import for_school

from .models import Case


def _allowed(request, capability):
    return request.school is not None and capability in request.caps


def hidden_unless(capability):
    """Run the view only for a user who holds ``capability`` in the current school; 404 for anyone else."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _allowed(request, capability):
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        wrapped.capability = capability
        return wrapped

    return decorator


def case_for(request, pk, capability="view_referrals"):
    """The case ``pk`` of the current school, for a user who holds ``capability``; else 404."""
    if not _allowed(request, capability):
        raise Http404("No such case.")
    case = for_school(request, Case.objects.select_related("raised_by", "closed_by", "concern_category"), pk=pk)
    case.school = request.school  # the same school, already loaded by the middleware
    return case
