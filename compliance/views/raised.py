"""Raising an action of the plan from a risk, a self-assessment rating or a filtering review or
check, or linking one already in the plan (see compliance/raised_actions.py for why these live
on the plan's side)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school, require
from accounts.submissions import submit_once

from .. import raised_actions
from ..models import Action


def _source(request, kind, pk):
    model = raised_actions.SOURCE_MODELS.get(kind)
    if model is None:
        raise Http404("No such kind of record.")
    return for_school(request, model, pk=pk)


@require_POST
@capability_required("edit_plan")
@submit_once
def raise_action(request, kind, pk):
    require(request, "edit_assurance")
    source = _source(request, kind, pk)
    try:
        action = raised_actions.action_raise(
            school=request.school, kind=kind, source=source, by=request.user, nonce=request.POST.get("nonce", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{action.text}” is now an action of the {action.plan.academic_year} plan.")
    return redirect(raised_actions.source_page(kind, source))


@require_POST
@capability_required("edit_plan")
def link_action(request, kind, pk):
    require(request, "edit_assurance")
    source = _source(request, kind, pk)
    action_id = request.POST.get("action", "")
    valid = action_id.isdigit() and int(action_id) < 2**63
    action = Action.objects.filter(school=request.school, pk=int(action_id)).first() if valid else None
    if action is None:
        messages.error(request, "Choose an action of the plan to link.")
        return redirect(raised_actions.source_page(kind, source))
    try:
        raised_actions.action_link(school=request.school, kind=kind, source=source, action=action, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{action.text}” is linked; its progress shows here.")
    return redirect(raised_actions.source_page(kind, source))
