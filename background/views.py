"""The page of a job someone started, and its result. Each person sees only their own jobs, in
the school they started them in: anyone else's is a 404."""

from django.http import Http404
from django.shortcuts import render

from accounts.access import capability_required, for_school
from core.uploads import serve_upload

from .models import Job

# While the job runs its page reloads itself every few seconds: a meta refresh, which the
# content security policy allows (no script), and the page says so for those who turn it off.
REFRESH_SECONDS = 3


def _own_job(request, job_id):
    return for_school(request, Job.objects.filter(started_by=request.user), pk=job_id)


@capability_required("view_home")
def job_detail(request, job_id):
    job = _own_job(request, job_id)
    return render(
        request, "background/job_detail.html", {"job": job, "refresh": None if job.is_finished else REFRESH_SECONDS}
    )


@capability_required("view_home")
def job_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404("This job has no file to download.")
    return serve_upload(job.result, job.result_name)
