"""A piece of background work someone started, so that they can follow it and fetch its result.

The task queue (django-tasks) keeps its own records, differently per backend and not for long
(RQ drops results after minutes); a Job is the project's own: whose it is, in which school, how
far it has got, what to tell them and the file it made.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.uploads import upload_path


class Job(models.Model):
    class Kind(models.TextChoices):
        REMINDERS = "reminders", "Reminder emails"
        STAFF_IMPORT = "staff_import", "Staff list import"
        TRUST_PDF = "trust_pdf", "Combined PDF of your schools"
        INSPECTION_PACK = "inspection_pack", "Inspection evidence pack"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        RETRYING = "retrying", "Waiting to try again"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    FINISHED = (Status.DONE, Status.FAILED)

    # A random id: the job's address names nothing guessable.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey("accounts.School", on_delete=models.CASCADE, related_name="jobs")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    # What the task needs (e.g. the staff list's text): emptied when the job ends, as it may
    # hold personal data that is then saved in its proper place or not at all.
    payload = models.JSONField(default=dict, blank=True)
    result = models.FileField(upload_to=upload_path("jobs"), blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    # Where the person goes next when it is done (e.g. the staff list).
    next_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["started_by", "school", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("background:job-detail", kwargs={"job_id": self.pk})

    @property
    def is_finished(self):
        return self.status in self.FINISHED

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0
