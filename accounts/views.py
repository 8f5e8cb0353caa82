from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from background.jobs import job_start
from background.models import Job

from .access import capability_required, member_for
from .forms import MemberForm, StaffImportConfirmForm, StaffImportForm, SwitchSchoolForm
from .job_titles import job_title_table
from .memberships import current_roles, identity_is_shared
from .middleware import SESSION_SCHOOL_KEY
from .selectors import joined_states, members_of, open_invitations, school_for
from .services import member_add as member_add_service
from .services import member_leave, member_update, staff_list_apply
from .staff_changes import staff_import_summary, staff_plan_of_file
from .staff_import import COLUMNS
from .submissions import submit_once
from .tasks import apply_staff_list


@require_POST
def switch_school(request):
    form = SwitchSchoolForm(request.POST)
    if not form.is_valid():
        raise Http404
    found = school_for(request.user, form.cleaned_data["school"])
    if found is None:
        raise Http404("No such school among yours.")
    school = found[0]
    request.session[SESSION_SCHOOL_KEY] = school.pk
    messages.success(request, f"You are now working in {school.name}.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)


@capability_required("manage_members")
def member_list(request):
    page = Paginator(members_of(request.school), 50).get_page(request.GET.get("page"))
    states = joined_states(request.school, [member for member, _ in page.object_list])
    context = {
        "page": page,
        "rows": [(member, memberships, states[member.pk]) for member, memberships in page.object_list],
        "invitations": open_invitations(request.school),
    }
    return render(request, "accounts/member_list.html", context)


@capability_required("manage_members")
@submit_once
def member_add(request):
    form = MemberForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        try:
            result = member_add_service(school=request.school, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            email = form.cleaned_data["email"]
            if result.outcome == "created":
                text = f"{result.user.full_name} has been added and invited by email ({email}) to set a password."
            elif result.outcome == "invited":
                text = (
                    f"{email} already has an account, so they have been invited by email to join "
                    f"{request.school.name}. They appear among your people once they accept."
                )
            else:
                text = f"The roles have been added to {result.user.full_name}."
            messages.success(request, text)
            return redirect("accounts:member-list")
    return render(request, "accounts/member_form.html", {"form": form, "adding": True})


@capability_required("manage_members")
@submit_once
def member_edit(request, user_id):
    member = member_for(request, user_id)
    roles = current_roles(request.school, member)
    locked = identity_is_shared(member, request.school) and member != request.user
    form = MemberForm(request.POST or None, instance=member, initial={"roles": roles}, identity_locked=locked)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member_update(school=request.school, by=request.user, user=member, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{member.full_name}'s details and roles have been saved.")
            return redirect("accounts:member-list")
    return render(request, "accounts/member_form.html", {"form": form, "member": member, "locked": locked})


@require_POST
@capability_required("manage_members")
@submit_once
def member_remove(request, user_id):
    member = member_for(request, user_id)
    try:
        member_leave(school=request.school, by=request.user, user=member)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{member.full_name} has left {request.school.name}. Their records are kept.")
    return redirect("accounts:member-list")


def _staff_plan(request, text, whole_list):
    return staff_plan_of_file(
        school=request.school, by=request.user, text=text, whole_list=whole_list, table=job_title_table(request.school)
    )


@capability_required("manage_members")
@submit_once
def member_import(request):
    """Upload a staff list, see joiners, changes and leavers, then apply them all in one step."""
    context = {"columns": COLUMNS}
    if request.method == "POST" and "csv_text" in request.POST:
        confirm = StaffImportConfirmForm(request.POST)
        plan = None
        if confirm.is_valid():
            _, plan = _staff_plan(request, confirm.cleaned_data["csv_text"], confirm.cleaned_data["whole_list"])
        if plan is None:
            messages.error(request, "The file has changed or has errors; nothing was imported. Upload it again.")
            return redirect("accounts:member-import")
        if plan.digest() != confirm.cleaned_data["digest"]:
            messages.error(
                request, "The school's people changed since the preview; nothing was imported. Check the new preview."
            )
            return redirect("accounts:member-import")
        if len(plan.changes) + len(plan.leavers) > settings.STAFF_IMPORT_BACKGROUND_ROWS:
            # Too long for a web request: a task applies it, still all or nothing (accounts.tasks).
            job = job_start(
                kind=Job.Kind.STAFF_IMPORT,
                school=request.school,
                by=request.user,
                task=apply_staff_list,
                payload=confirm.cleaned_data,
                next_url=reverse("accounts:member-list"),
                base_url=request.build_absolute_uri("/")[:-1],
            )
            return redirect(job)
        try:
            counts = staff_list_apply(school=request.school, by=request.user, plan=plan, request=request)
        except ValidationError as exc:
            messages.error(request, f"Nothing was imported. {' '.join(exc.messages)}")
            return redirect("accounts:member-import")
        messages.success(request, staff_import_summary(plan, counts))
        return redirect("accounts:member-list")
    form = StaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        whole_list = form.cleaned_data["whole_list"]
        parsed, plan = _staff_plan(request, form.cleaned_data["file"], whole_list)
        context.update(parsed=parsed, rows=parsed.rows, problems=parsed.problems, plan=plan)
        context["bad_rows"] = sum(1 for r in parsed.rows if r.errors)
        if plan is not None:
            context["confirm"] = StaffImportConfirmForm(
                initial={"csv_text": form.cleaned_data["file"], "whole_list": whole_list, "digest": plan.digest()}
            )
    context["form"] = form
    return render(request, "accounts/member_import.html", context)
