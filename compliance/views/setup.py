"""The setup checklist page: what a new school sets up, step by step, with where to do each."""

from django.shortcuts import render

from accounts.access import capability_required
from accounts.roles import CAPABILITIES
from core.periods import academic_year_of

from ..forms import PlanCreateForm
from ..setup import setup_steps


@capability_required("set_up_school")
def setup_checklist(request):
    steps = setup_steps(request.school)
    for step in steps:
        # A step names its page's capability; one this version does not know is never offered.
        step.can_open = bool(step.url) and (not step.cap or (step.cap in CAPABILITIES and step.cap in request.caps))
    plan_form = None
    if request.caps.edit_plan and not steps[0].done:
        year = academic_year_of()
        plan_form = PlanCreateForm(initial={"academic_year": year}, school=request.school)
    context = {"steps": steps, "done": sum(1 for s in steps if s.done), "plan_form": plan_form}
    return render(request, "compliance/setup.html", context)
