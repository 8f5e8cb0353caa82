"""Large staff lists are applied by a background task: a 2,000-row import takes longer than a
web request may. Still all or nothing: ``staff_list_apply`` is one transaction, in the task as
in the request, and the invitations go out after it commits."""

from django.core.exceptions import ValidationError
from django_tasks import task

from background.jobs import SiteAddress, job_finish, job_work

from .job_titles import job_title_table
from .services import staff_list_apply
from .staff_changes import staff_import_summary, staff_plan_of_file


@task()
def apply_staff_list(job_id, base_url=""):
    """Apply the staff list the job carries, if it still does what the preview showed."""
    with job_work(job_id) as job:
        school, by = job.school, job.started_by
        _, plan = staff_plan_of_file(
            school=school,
            by=by,
            text=job.payload["csv_text"],
            whole_list=job.payload["whole_list"],
            table=job_title_table(school),
        )
        if plan is None or plan.digest() != job.payload["digest"]:
            job_finish(
                job,
                message="The school's people changed since the preview; nothing was imported. Upload the file again.",
                failed=True,
            )
            return {"imported": 0}
        try:
            counts = staff_list_apply(school=school, by=by, plan=plan, request=SiteAddress(base_url))
        except ValidationError as exc:
            job_finish(job, message=f"Nothing was imported. {' '.join(exc.messages)}", failed=True)
            return {"imported": 0}
        job_finish(job, message=staff_import_summary(plan, counts))
        return {"imported": len(plan.changes)}
