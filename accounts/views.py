from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .access import capability_required
from .forms import MemberForm, StaffImportConfirmForm, StaffImportForm, SwitchSchoolForm
from .middleware import SESSION_SCHOOL_KEY
from .models import Membership, User
from .selectors import members_of
from .services import member_leave, member_save, staff_import
from .staff_import import COLUMNS, parse_staff_csv


@require_POST
def switch_school(request):
    form = SwitchSchoolForm(request.POST)
    if not form.is_valid():
        raise Http404
    school = next((s for s in request.school_options if s.pk == form.cleaned_data["school"]), None)
    if school is None:
        raise Http404("No such school among yours.")
    request.session[SESSION_SCHOOL_KEY] = school.pk
    messages.success(request, f"You are now working in {school.name}.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)


def _member_or_404(request, user_id):
    """A current member of this school; anyone else (other schools, former staff) is a 404."""
    membership = (
        Membership.objects.current().filter(school=request.school, user_id=user_id).select_related("user").first()
    )
    if membership is None:
        raise Http404("No such member of this school.")
    return membership.user


@capability_required("manage_members")
def member_list(request):
    page = Paginator(members_of(request.school), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/member_list.html", {"page": page})


@capability_required("manage_members")
def member_add(request):
    form = MemberForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        existing = User.objects.filter(email__iexact=data["email"]).first()
        if existing is not None:
            # Someone who already has an account (e.g. from another school of the trust) keeps
            # the details they have; this school only adds roles.
            roles = set(data["roles"]) | set(
                Membership.objects.current().filter(school=request.school, user=existing).values_list("role", flat=True)
            )
            data.update(
                full_name=existing.full_name, job_title=existing.job_title, phone=existing.phone, roles=sorted(roles)
            )
        try:
            user = member_save(school=request.school, by=request.user, user=existing, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{user.full_name} has been added to {request.school.name}.")
            return redirect("accounts:member-list")
    return render(request, "accounts/member_form.html", {"form": form, "adding": True})


@capability_required("manage_members")
def member_edit(request, user_id):
    member = _member_or_404(request, user_id)
    roles = list(Membership.objects.current().filter(school=request.school, user=member).values_list("role", flat=True))
    form = MemberForm(request.POST or None, instance=member, initial={"roles": roles})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member_save(school=request.school, by=request.user, user=member, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{member.full_name}'s details and roles have been saved.")
            return redirect("accounts:member-list")
    return render(request, "accounts/member_form.html", {"form": form, "member": member})


@require_POST
@capability_required("manage_members")
def member_remove(request, user_id):
    member = _member_or_404(request, user_id)
    try:
        member_leave(school=request.school, by=request.user, user=member)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{member.full_name} has left {request.school.name}. Their records are kept.")
    return redirect("accounts:member-list")


@capability_required("manage_members")
def member_import(request):
    """Upload a CSV, see every row checked, then import all rows or none."""
    context = {"columns": COLUMNS}
    if request.method == "POST" and "csv_text" in request.POST:
        confirm = StaffImportConfirmForm(request.POST)
        rows, problems = (
            parse_staff_csv(confirm.data.get("csv_text", ""))
            if confirm.is_valid()
            else ([], ["The import was not understood; upload the file again."])
        )
        if problems or any(r.errors for r in rows):
            messages.error(request, "The file has changed or has errors; nothing was imported. Upload it again.")
            return redirect("accounts:member-import")
        created, updated = staff_import(school=request.school, by=request.user, rows=rows)
        messages.success(request, f"Imported {len(rows)} people: {created} new, {updated} updated.")
        return redirect("accounts:member-list")
    form = StaffImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        rows, problems = parse_staff_csv(form.cleaned_data["file"])
        context.update(rows=rows, problems=problems, bad_rows=sum(1 for r in rows if r.errors))
        if rows and not problems and not context["bad_rows"]:
            context["confirm"] = StaffImportConfirmForm(initial={"csv_text": form.cleaned_data["file"]})
    context["form"] = form
    return render(request, "accounts/member_import.html", context)
