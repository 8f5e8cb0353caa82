"""Use cases for courses, training needs, training records, briefings and reminders.

Each runs in one transaction, validates with full_clean() and writes the audit trail.
Training records and attendance are evidence: never edited, corrected by a new record.
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import AuditAction, diff, record_event
from accounts.invitations import invitation_links_for_reminders, site_base_url
from accounts.models import Membership
from core.concurrency import refused_on_clash, save_versioned
from core.emails import MailNotSent, build_templated_email, send_each

from ..default_courses import DEFAULT_COURSES
from ..expiry import EXPIRED, EXPIRING, MISSING
from ..models import (
    Briefing,
    BriefingAttendance,
    Course,
    NamedGroup,
    TrainingNeedsAssessment,
    TrainingRecord,
    TrainingReminder,
    TrainingRequirement,
)
from ..selectors.courses import training_matrix


def courses_create_defaults(*, school, by):
    """Give the school the default courses (and the named group of staff who may refer); skips any it has."""
    with transaction.atomic():
        have = set(Course.objects.filter(school=school).values_list("slug", flat=True))
        created = []
        for position, spec in enumerate(DEFAULT_COURSES, start=1):
            if spec["slug"] in have:
                continue
            fields = {k: v for k, v in spec.items() if k != "groups"}
            fields["required_roles"] = [str(r) for r in fields["required_roles"]]
            course = Course(school=school, position=position, **fields)
            course.full_clean()
            course.save()
            for name in spec.get("groups", []):
                group, _ = NamedGroup.objects.get_or_create(school=school, name=name)
                course.required_groups.add(group)
            record_event(action=AuditAction.CREATE, by=by, school=school, obj=course, changes={"default": True})
            created.append(course)
    return created


def course_save(*, school, by, course=None, expected_version=None, groups=(), **fields):
    """Add a course, or change one (a second editor gets StaleEdit)."""
    with transaction.atomic():
        if course is None:
            course = Course(school=school, **fields)
            course.full_clean()
            with refused_on_clash({"slug": "Another course of this school already uses this short name."}):
                course.save()
            course.required_groups.set(groups)
            record_event(action=AuditAction.CREATE, by=by, school=school, obj=course, changes=fields)
            return course
        before = Course.objects.get(pk=course.pk)
        for name, value in fields.items():
            setattr(course, name, value)
        course.full_clean(exclude=["version"])
        save_versioned(course, expected_version, list(fields))
        course.required_groups.set(groups)
        record_event(
            action=AuditAction.UPDATE, by=by, school=school, obj=course, changes=diff(before, course, list(fields))
        )
        return course


def named_group_save(*, school, by, group=None, name, description="", members=()):
    """Add or change a named group of people (e.g. staff who may refer) and set its members."""
    members = list(members)
    foreign = [m for m in members if not Membership.objects.current().filter(school=school, user=m).exists()]
    if foreign:
        raise ValidationError("Everyone in a group must be a current member of the school.")
    with transaction.atomic():
        created = group is None
        group = group or NamedGroup(school=school)
        before = sorted(group.members.values_list("pk", flat=True)) if not created else []
        group.name, group.description = name, description
        group.full_clean()
        with refused_on_clash({"name": "The school already has a group with this name."}):
            group.save()
        group.members.set(members)
        record_event(
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            by=by,
            school=school,
            obj=group,
            changes={"name": name, "members": [before, sorted(m.pk for m in members)]},
        )
    return group


def needs_assessment_record(*, school, by, assessed_on, risk, summary):
    """Record the school's training needs assessment."""
    with transaction.atomic():
        assessment = TrainingNeedsAssessment(
            school=school, assessed_on=assessed_on, risk=risk, summary=summary, recorded_by=by
        )
        assessment.full_clean()
        assessment.save()
        record_event(
            action=AuditAction.CREATE, by=by, school=school, obj=assessment, changes={"assessed_on": assessed_on}
        )
    return assessment


def requirement_add(*, assessment, by, course, reason, role="", group=None, person=None):
    """Decide that a role, a named group or a person needs a course, and why."""
    school = assessment.school
    if course.school_id != school.pk or (group is not None and group.school_id != school.pk):
        raise ValidationError("That course or group belongs to another school.")
    if sum(bool(x) for x in (role, group, person)) != 1:
        raise ValidationError("Choose exactly one of a role, a named group or a person.")
    with transaction.atomic():
        requirement = TrainingRequirement(
            school=school, assessment=assessment, course=course, role=role, group=group, person=person, reason=reason
        )
        requirement.full_clean()
        requirement.save()
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=school,
            obj=requirement,
            changes={"course": course.slug, "for": requirement.target_label, "reason": reason},
        )
    return requirement


def requirement_remove(*, requirement, by):
    """Withdraw a requirement (the audit trail keeps what it was)."""
    with transaction.atomic():
        record_event(
            action=AuditAction.DELETE,
            by=by,
            school=requirement.school,
            obj=requirement,
            changes={"course": requirement.course.slug, "for": requirement.target_label},
        )
        requirement.delete()


def training_record_create(
    *,
    school,
    by,
    user,
    course,
    completed_on,
    certificate=None,
    notes="",
    verify=False,
    supersedes=None,
    correction_reason="",
):
    """Record that ``user`` completed ``course``; verified at once when the Lead records it (``verify``)."""
    if course.school_id != school.pk:
        raise ValidationError("That course belongs to another school.")
    if not Membership.objects.current().filter(school=school, user=user).exists():
        raise ValidationError("Training can be recorded only for current members of the school.")
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date cannot be in the future."})
    now = timezone.now()
    with transaction.atomic():
        record = TrainingRecord(
            school=school,
            user=user,
            course=course,
            completed_on=completed_on,
            certificate=certificate or "",
            notes=notes,
            recorded_by=by,
            recorded_at=now,
            verified_by=by if verify else None,
            verified_at=now if verify else None,
            supersedes=supersedes,
            correction_reason=correction_reason,
        )
        record.full_clean()
        record.save()
        record_event(
            action=AuditAction.CREATE,
            by=by,
            school=school,
            obj=record,
            changes={
                "user": user.pk,
                "course": course.slug,
                "completed_on": completed_on,
                "certificate": bool(certificate),
                "verified": verify,
                "supersedes": supersedes.pk if supersedes else None,
                "reason": correction_reason,
            },
        )
    return record


def training_record_verify(*, record, by):
    """The Lead confirms a record (e.g. has seen the certificate). Set once; never on one's own record."""
    if record.user_id == by.pk:
        raise ValidationError("Someone else must verify your own training record.")
    with transaction.atomic():
        now = timezone.now()
        updated = TrainingRecord.objects.filter(
            pk=record.pk, verified_at__isnull=True, superseded_by__isnull=True
        ).update(verified_by=by, verified_at=now)
        if not updated:
            raise ValidationError("This record has already been verified or corrected.")
        record.verified_by, record.verified_at = by, now
        record_event(action=AuditAction.UPDATE, by=by, school=record.school, obj=record, changes={"verified_by": by.pk})
    return record


def training_record_correct(*, record, by, reason, completed_on, certificate=None, notes="", verify=False):
    """A correction: a new record that supersedes ``record``, with the reason. The old one stays."""
    if not reason.strip():
        raise ValidationError({"correction_reason": "Say why the record is being corrected."})
    with transaction.atomic():
        locked = TrainingRecord.objects.select_for_update().get(pk=record.pk)
        if TrainingRecord.objects.filter(supersedes=locked).exists():
            raise ValidationError("This record has already been corrected: correct the newer record.")
        try:
            with transaction.atomic():
                return training_record_create(
                    school=record.school,
                    by=by,
                    user=record.user,
                    course=record.course,
                    completed_on=completed_on,
                    certificate=certificate or record.certificate.name or None,
                    notes=notes,
                    verify=verify,
                    supersedes=locked,
                    correction_reason=reason,
                )
        except IntegrityError as exc:
            raise ValidationError("This record has already been corrected: correct the newer record.") from exc


def briefing_save(*, school, by, briefing=None, expected_version=None, **fields):
    """Record a briefing, or change its details (a second editor gets StaleEdit)."""
    with transaction.atomic():
        if briefing is None:
            briefing = Briefing(school=school, recorded_by=by, **fields)
            briefing.full_clean()
            briefing.save()
            record_event(action=AuditAction.CREATE, by=by, school=school, obj=briefing, changes=_loggable(fields))
            return briefing
        before = Briefing.objects.get(pk=briefing.pk)
        for name, value in fields.items():
            setattr(briefing, name, value)
        briefing.full_clean(exclude=["version"])
        if briefing.materials and not briefing.materials._committed:
            # save_versioned writes with update(), which stores a file's name, never the file.
            briefing.materials.save(briefing.materials.name, briefing.materials.file, save=False)
        save_versioned(briefing, expected_version, list(fields))
        record_event(
            action=AuditAction.UPDATE,
            by=by,
            school=school,
            obj=briefing,
            changes=_loggable(diff(before, briefing, list(fields))),
        )
        return briefing


def _loggable(changes):
    return {k: (str(v) if k == "materials" else v) for k, v in changes.items()}


def briefing_attendance_record(*, briefing, user, by):
    """``user`` attended ``briefing``: confirmed by themselves or marked by the Lead (``by``). Once only."""
    if not Membership.objects.current().filter(school=briefing.school, user=user).exists():
        raise ValidationError("Only current members of the school can attend a briefing.")
    if briefing.held_on > timezone.localdate():
        raise ValidationError("Attendance can be recorded once the briefing has been held.")
    with transaction.atomic():
        attendance, created = BriefingAttendance.objects.get_or_create(
            briefing=briefing, user=user, defaults={"confirmed_by": by}
        )
        if created:
            record_event(
                action=AuditAction.CREATE,
                by=by,
                school=briefing.school,
                obj=attendance,
                changes={"briefing": briefing.pk, "user": user.pk, "self": by.pk == user.pk},
            )
    return attendance, created


def briefing_attendance_mark(*, briefing, users, by):
    """The Lead marks several people present; returns how many were newly marked."""
    return sum(briefing_attendance_record(briefing=briefing, user=u, by=by)[1] for u in users)


def training_reminders_send(*, school, today=None, base_url="", deadline=None, progress=None):
    """Email each person whose required training is missing, expired or expiring within 60 days.

    One email per person listing every course; the reminder log, committed before any mail goes
    (and removed for a person whose mail could not be sent), makes a second run on the same day
    send nothing more. Mail is sent after the commit, never inside the transaction. Returns the
    number of emails sent; raises MailNotSent if the mail server failed or did not answer.
    ``progress(sent, of)`` is told after each batch. Runs in a background task (training/tasks.py).
    """
    today = today or timezone.localdate()
    matrix = training_matrix(school, today)
    already = set(
        TrainingReminder.objects.filter(school=school, sent_on=today).values_list("user_id", "course_id", "reason")
    )
    due = defaultdict(list)
    for row in matrix.rows:
        for cell in row.required_cells:
            if (
                cell.status in (MISSING, EXPIRED, EXPIRING)
                and (row.user.pk, cell.course.pk, cell.status) not in already
            ):
                due[row.user].append(cell)
    claimed, rows_of = [], {}
    with transaction.atomic():
        for user, cells in due.items():
            try:
                with transaction.atomic():
                    rows = TrainingReminder.objects.bulk_create(
                        [
                            TrainingReminder(school=school, user=user, course=c.course, reason=c.status, sent_on=today)
                            for c in cells
                        ]
                    )
                    # Someone who has not joined cannot record training: the email carries a fresh link.
                    invite = invitation_links_for_reminders(school=school, users=[user], base_url=base_url)
            except IntegrityError:
                continue  # another run reminded this person today
            claimed.append((user, cells, invite.get(user.pk)))
            rows_of[user.pk] = [row.pk for row in rows]
    link = site_base_url(base_url) + reverse("training:my-training")
    messages = [
        (
            user.pk,
            build_templated_email(
                "training/email/training_reminder",
                to=[user.email],
                context={
                    "user": user,
                    "school": school,
                    "cells": cells,
                    "link": link,
                    "today": today,
                    "invite_link": invite_link,
                    "days": settings.INVITATION_DAYS,
                },
            ),
        )
        for user, cells, invite_link in claimed
    ]
    sent, unsent, problem = send_each(
        messages, deadline=deadline, progress=progress and (lambda done: progress(done, len(messages)))
    )
    if unsent:  # the next run tries them again
        TrainingReminder.objects.filter(pk__in=[pk for user_pk in unsent for pk in rows_of[user_pk]]).delete()
    if problem:
        raise MailNotSent(sent=len(sent), not_sent=len(unsent), reason=problem)
    return len(sent)
