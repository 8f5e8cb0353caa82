"""Background tasks of the reports: the trust/local-authority combined PDF."""

from django_tasks import task

from background.jobs import job_finish, job_work

from . import periods
from .overview_pdf import overview_pdf_build


@task()
def build_overview_pdf(job_id, period_key):
    """Build the combined PDF of the officer's schools for ``period_key``; the job offers it."""
    with job_work(job_id) as job:
        period = periods.parse(period_key) or periods.academic_year()
        pdf, filename = overview_pdf_build(user=job.started_by, period=period)
        job_finish(job, message=f"The combined PDF for {period.label} is ready.", result=pdf, result_name=filename)
    return {"bytes": len(pdf)}
