"""The inspection evidence pack: a page saying what it holds, and a button that builds the ZIP in
the background (compliance.tasks.build_inspection_pack); the job's page offers it when it is ready."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import capability_required
from accounts.submissions import submit_once
from background.jobs import job_start
from background.models import Job

from ..reports.inspection_pack import NO_CASE_DETAIL
from ..tasks import build_inspection_pack


@capability_required("download_inspection_pack")
def inspection_pack(request):
    return render(request, "compliance/inspection_pack.html", {"no_case_detail": NO_CASE_DETAIL})


@require_POST
@capability_required("download_inspection_pack")
@submit_once
def inspection_pack_build(request):
    """Start building the pack; its building is recorded in the audit trail when it is made."""
    job = job_start(
        kind=Job.Kind.INSPECTION_PACK,
        school=request.school,
        by=request.user,
        task=build_inspection_pack,
        next_url=reverse("compliance:inspection-pack"),
    )
    return redirect(job)
