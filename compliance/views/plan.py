"""Pages of the action plan: the plan table, actions, evidence, my actions, years and rollover."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error
from core.periods import academic_year_of, next_academic_year
from core.uploads import serve_upload
from referrals.directory import missing_purposes
from referrals.selectors import local_contacts_state, plan_contact_texts

from .. import plan_templates, selectors, services
from ..filters import ActionFilter
from ..forms import ActionForm, EvidenceItemForm, PlanCreateForm, PlanForm, RolloverForm
from ..models import Action, ActionPlan, EvidenceItem


def _plan_page(request, plan):
    actions = selectors.attach_measures(request.school, list(selectors.plan_actions(plan)), request.caps)
    counts = selectors.rag_counts(actions)
    action_filter = ActionFilter(request.GET or None, queryset=selectors.plan_actions(plan), plan=plan)
    if action_filter.is_bound and action_filter.is_valid():
        # Area, status and owner filter in the database; RAG needs the measures, so in Python.
        filtered_ids = set(action_filter.qs.values_list("pk", flat=True))
        shown = action_filter.apply_rag([a for a in actions if a.pk in filtered_ids])
    else:
        shown = actions
    waiting, fillable = [], []
    if request.caps.edit_plan and not plan.is_read_only:
        waiting = [a for a in actions if missing_purposes(a.text)]
        if waiting:
            fillable = services.fillable_contact_purposes(waiting, plan_contact_texts(request.school))
    context = {
        "plan": plan,
        "template_source": plan_templates.sources().get(plan.template_key),
        "waiting_for_contacts": len(waiting),
        "contacts_fillable": bool(fillable),
        "tables": selectors.plan_table(shown),
        "shown_count": len(shown),
        "total_count": len(actions),
        "counts": counts,
        "filter": action_filter,
        "successor": getattr(plan, "successor", None) if plan.is_read_only else None,
        "plans": selectors.plans_of(request.school).only("pk", "academic_year", "closed_at"),
    }
    return render(request, "compliance/plan.html", context)


def _plan_empty_page(request, form, status=200):
    context = {"form": form, "contacts": local_contacts_state(request.school), "sources": plan_templates.sources()}
    return render(request, "compliance/plan_empty.html", context, status=status)


@capability_required("view_plan")
def plan_current(request):
    plan = selectors.current_plan(request.school)
    if plan is None:
        form = PlanCreateForm(initial={"academic_year": academic_year_of()}, school=request.school)
        return _plan_empty_page(request, form)
    return _plan_page(request, plan)


@capability_required("view_plan")
def plan_detail(request, plan_id):
    plan = for_school(request, ActionPlan.objects.select_related("successor"), pk=plan_id)
    return _plan_page(request, plan)


@capability_required("view_plan")
def plan_list(request):
    plans = selectors.plans_of(request.school).select_related("adopted_by")
    return render(request, "compliance/plan_list.html", {"plans": plans})


@require_POST
@capability_required("edit_plan")
@submit_once
def plan_create(request):
    form = PlanCreateForm(request.POST, school=request.school)
    if form.is_valid():
        try:
            plan = services.plan_create_from_template(
                school=request.school,
                by=request.user,
                template_key=form.cleaned_data["template"],
                academic_year=form.cleaned_data["academic_year"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Your action plan for {plan.academic_year} has been made from the template.")
            return redirect("compliance:plan")
    return _plan_empty_page(request, form, status=400)


@require_POST
@capability_required("edit_plan")
@submit_once
def plan_fill_contacts(request, plan_id):
    plan = for_school(request, ActionPlan, pk=plan_id)
    try:
        changed = services.plan_fill_contacts(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if changed:
            messages.success(
                request, f"The school's local contacts are now named in {len(changed)} line(s) of the plan."
            )
        else:
            messages.info(request, "No line of the plan was waiting for a contact the school has added.")
    return redirect("compliance:plan-detail", plan_id=plan.pk)


@capability_required("edit_plan")
@submit_once
def plan_edit(request, plan_id):
    plan = for_school(request, ActionPlan, pk=plan_id)
    if plan.is_read_only:
        messages.error(request, f"The {plan.academic_year} plan has been rolled over and can no longer be changed.")
        return redirect("compliance:plan-detail", plan_id=plan.pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, by=request.user, expected_version=form.expected_version, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The plan's details have been saved.")
            return redirect("compliance:plan-detail", plan_id=plan.pk)
    return render(request, "compliance/plan_form.html", {"form": form, "plan": plan})


@capability_required("edit_plan")
@submit_once
def plan_rollover(request, plan_id):
    plan = for_school(request, ActionPlan, pk=plan_id)
    if plan.is_read_only:
        messages.error(request, f"The {plan.academic_year} plan has already been rolled over.")
        return redirect("compliance:plan-detail", plan_id=plan.pk)
    form = RolloverForm(request.POST or None, initial={"academic_year": next_academic_year(plan.academic_year)})
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.plan_roll_over(
                plan=plan, by=request.user, academic_year=form.cleaned_data["academic_year"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f'The plan has been copied to {new_plan.academic_year}; every action is now "to review". '
                f"The {plan.academic_year} plan is kept, read-only.",
            )
            return redirect("compliance:plan")
    return render(request, "compliance/plan_rollover.html", {"form": form, "plan": plan})


def _action(request, action_id):
    return for_school(
        request, Action.objects.select_related("plan", "evidence__duty__area", "last_reviewed_by"), pk=action_id
    )


@capability_required("view_plan")
def action_detail(request, action_id):
    action = _action(request, action_id)
    selectors.attach_measures(request.school, [action], request.caps)
    context = {
        "action": action,
        "measure": action.measure_shown,
        "plan": action.plan,
        "evidence_items": selectors.evidence_items_for(action),
        "history": action.history.select_related("by"),
        "people": action.people.order_by("full_name"),
        "evidence_form": EvidenceItemForm() if request.caps.edit_plan and not action.plan.is_read_only else None,
    }
    return render(request, "compliance/action_detail.html", context)


@capability_required("edit_plan")
@submit_once
def action_edit(request, action_id):
    action = _action(request, action_id)
    if action.plan.is_read_only:
        messages.error(request, "This action belongs to a plan that has been rolled over: it can no longer be changed.")
        return redirect("compliance:action-detail", action_id=action.pk)
    form = ActionForm(request.POST or None, instance=action, school=request.school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = list(data.pop("people"))
        try:
            services.action_update(
                action=action, by=request.user, expected_version=form.expected_version, people=people, **data
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The action has been saved.")
            return redirect("compliance:action-detail", action_id=action.pk)
    return render(request, "compliance/action_form.html", {"form": form, "action": action})


@require_POST
@capability_required("edit_plan")
@submit_once
def evidence_add(request, action_id):
    action = _action(request, action_id)
    form = EvidenceItemForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The evidence has been added to the action.")
            return redirect("compliance:action-detail", action_id=action.pk)
    context = {"action": action, "form": form}
    return render(request, "compliance/action_evidence_form.html", context, status=400)


@capability_required("view_plan")
def evidence_download(request, item_id):
    item = for_school(request, EvidenceItem.objects.filter(kind=EvidenceItem.Kind.FILE), pk=item_id)
    if not item.file:
        raise Http404("No file.")
    return serve_upload(item.file, item.original_name or "evidence")


@capability_required("own_actions")
def my_actions(request):
    plan = selectors.current_plan(request.school)
    if plan is None:
        return render(request, "compliance/plan_my_actions.html", {"plan": None})
    mine = selectors.my_actions(plan, request.user, request.roles)
    action_filter = ActionFilter(request.GET or None, queryset=mine, plan=plan)
    queryset = action_filter.qs if action_filter.is_bound and action_filter.is_valid() else mine
    actions = action_filter.apply_rag(selectors.attach_measures(request.school, list(queryset), request.caps))
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(actions, 25).get_page(request.GET.get("page"))
    context = {"plan": plan, "page": page, "filter": action_filter, "query": query.urlencode()}
    return render(request, "compliance/plan_my_actions.html", context)
