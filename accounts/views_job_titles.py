"""The school's job titles table: which roles a job title in the MIS staff list gives on import."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from .access import capability_required
from .audit import AuditAction, record_event
from .forms import JobTitleRoleFormSet
from .job_titles import DEFAULT_JOB_TITLE_ROLES
from .models import JobTitleRole, Role
from .submissions import submit_once


@capability_required("manage_members")
@submit_once
def job_titles(request):
    queryset = JobTitleRole.objects.filter(school=request.school)
    formset = JobTitleRoleFormSet(request.POST or None, queryset=queryset, prefix="titles")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.deleted_forms:
                if form.instance.pk:
                    record_event(action=AuditAction.DELETE, by=request.user, school=request.school, obj=form.instance)
                    form.instance.delete()
            for form in formset.forms:
                if form in formset.deleted_forms or not form.has_changed():
                    continue
                form.instance.school = request.school
                row = form.save()
                record_event(
                    action=AuditAction.UPDATE,
                    by=request.user,
                    school=request.school,
                    obj=row,
                    changes={"roles": row.roles},
                )
        messages.success(request, "The job titles table has been saved.")
        return redirect("accounts:job-titles")
    defaults = [(title, [Role(r).label for r in roles]) for title, roles in sorted(DEFAULT_JOB_TITLE_ROLES.items())]
    return render(request, "accounts/job_titles.html", {"formset": formset, "defaults": defaults})
