"""Access to background jobs (each person's own, in the school they started it in) and the
load balancer's health check (public, no school data)."""

from django.core.files.base import ContentFile

from . import Entry


def _job(world, done=False):
    from background.models import Job

    job = Job.objects.create(school=world.school, started_by=world.lead, kind=Job.Kind.TRUST_PDF)
    if done:
        job.status = Job.Status.DONE
        job.result_name = "overview.pdf"
        job.result.save("overview.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {"job_id": job.pk}


ENTRIES = {
    # Someone else's job is a 404 to everyone, in the school or not: its existence is theirs.
    "background:job-detail": Entry(allowed={"lead"}, kwargs=_job, denied=404),
    "background:job-download": Entry(allowed={"lead"}, kwargs=lambda w: _job(w, done=True), denied=404),
    "health": Entry(public=True),
}
