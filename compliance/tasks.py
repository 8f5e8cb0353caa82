"""Background tasks of the reports: the trust/local-authority combined PDF, a school's headline
figures, the inspection evidence pack."""

import datetime

from django.utils import timezone
from django_tasks import task

from background.jobs import job_finish, job_progress, job_work
from core import periods

from .models import SchoolHeadline
from .reports.inspection_pack import inspection_pack_build
from .reports.overview_pdf import overview_pdf_build


@task()
def build_overview_pdf(job_id, period_key):
    """Build the combined PDF of the officer's schools for ``period_key``; the job offers it."""
    with job_work(job_id) as job:
        period = periods.parse(period_key) or periods.academic_year()
        pdf, filename = overview_pdf_build(user=job.started_by, period=period)
        job_finish(job, message=f"The combined PDF for {period.label} is ready.", result=pdf, result_name=filename)
    return {"bytes": len(pdf)}


@task()
def refresh_headline(school_id, changed_at):
    """Recompute a school's headline figures after a change committed at ``changed_at`` (ISO),
    unless they were recomputed since or lately (debounced: see headline_refresh_request)."""
    from .reports.headlines import REFRESH_INTERVAL, headline_refresh_request

    headline = headline_refresh_request(school_id, datetime.datetime.fromisoformat(changed_at))
    if headline is None and refresh_headline.get_backend().supports_defer:
        # Recomputed lately: once more when the interval is over, so the pending change shows.
        later = timezone.now() + REFRESH_INTERVAL
        if SchoolHeadline.objects.filter(school_id=school_id, stale_since__isnull=False).exists():
            refresh_headline.using(run_after=later).enqueue(school_id=school_id, changed_at=later.isoformat())
    return {"refreshed": headline is not None}


@task()
def build_inspection_pack(job_id):
    """Build the school's inspection evidence pack (a ZIP) for the Lead or head who asked; the job offers it."""
    with job_work(job_id) as job:
        pack = inspection_pack_build(
            job.school, by=job.started_by, progress=lambda done, total: job_progress(job, done, total)
        )
        files = len(pack.manifest["files"])
        job_finish(
            job,
            message=f"The inspection evidence pack is ready: {files} file{'' if files == 1 else 's'} and a manifest.",
            result=pack.data,
            result_name=pack.filename,
        )
    return {"bytes": len(pack.data), "files": files}
