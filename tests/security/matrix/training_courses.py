"""Access to courses, training needs, training records, briefings and the training matrix."""

from accounts.models import Role
from tests.training.factories_courses import (
    AssessmentFactory,
    BriefingFactory,
    CourseFactory,
    NamedGroupFactory,
    TrainingRecordFactory,
    pdf_file,
)
from training.models import TrainingRequirement

from . import LEADERS, Entry

IN_SCHOOL = {"staff", "lead", "dsl", "head", "governor"}
MATRIX = {"lead", "head", "dsl"}


def _course(w):
    return CourseFactory(school=w.school)


def _record(w):
    """A record of the staff member, with a certificate."""
    return TrainingRecordFactory(course=_course(w), user=w.staff, certificate=pdf_file())


def _assessment(w):
    return AssessmentFactory(school=w.school, recorded_by=w.lead)


def _requirement(w):
    assessment = _assessment(w)
    return TrainingRequirement.objects.create(
        school=w.school, assessment=assessment, course=_course(w), role=Role.STAFF, reason="All staff"
    )


def _briefing(w, **extra):
    return BriefingFactory(school=w.school, recorded_by=w.lead, **extra)


ENTRIES = {
    "training:my-training": Entry(allowed=IN_SCHOOL),
    "training:course-list": Entry(allowed=IN_SCHOOL),
    "training:course-defaults": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "training:course-add": Entry(allowed=LEADERS),
    "training:course-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"course_id": _course(w).pk}),
    "training:needs": Entry(allowed=MATRIX),
    "training:needs-add": Entry(allowed=LEADERS),
    "training:needs-detail": Entry(allowed=MATRIX, kwargs=lambda w: {"assessment_id": _assessment(w).pk}),
    "training:requirement-remove": Entry(
        allowed=LEADERS, method="post", ok=(302,), kwargs=lambda w: {"requirement_id": _requirement(w).pk}
    ),
    "training:group-add": Entry(allowed=LEADERS),
    "training:group-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"group_id": NamedGroupFactory(school=w.school).pk}),
    "training:record-add": Entry(allowed=IN_SCHOOL),
    "training:verify": Entry(allowed=LEADERS),
    # A staff member's record: the person themselves and those who see the matrix.
    # The record is staff's own: the deputy DSL, another member of staff, may not open it (deputy=).
    "training:record-detail": Entry(
        allowed={"staff"} | MATRIX, kwargs=lambda w: {"record_id": _record(w).pk}, deputy=403
    ),
    "training:record-certificate": Entry(
        allowed={"staff"} | MATRIX, kwargs=lambda w: {"record_id": _record(w).pk}, deputy=403
    ),
    "training:record-verify": Entry(
        allowed=LEADERS, method="post", ok=(302,), kwargs=lambda w: {"record_id": _record(w).pk}
    ),
    # Corrections: the person themselves, or the Lead and head.
    "training:record-correct": Entry(
        allowed={"staff"} | LEADERS, kwargs=lambda w: {"record_id": _record(w).pk}, deputy=403
    ),
    "training:matrix": Entry(allowed=MATRIX),
    "training:matrix-csv": Entry(allowed=MATRIX),
    "training:person": Entry(allowed=MATRIX, kwargs=lambda w: {"user_id": w.staff.pk}),
    "training:briefing-list": Entry(allowed=IN_SCHOOL),
    "training:briefing-add": Entry(allowed=LEADERS),
    "training:briefing-detail": Entry(allowed=IN_SCHOOL, kwargs=lambda w: {"briefing_id": _briefing(w).pk}),
    "training:briefing-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"briefing_id": _briefing(w).pk}),
    "training:briefing-confirm": Entry(
        allowed=IN_SCHOOL, method="post", ok=(302,), kwargs=lambda w: {"briefing_id": _briefing(w).pk}
    ),
    "training:briefing-mark": Entry(
        allowed=LEADERS,
        method="post",
        ok=(302,),
        kwargs=lambda w: {"briefing_id": _briefing(w).pk},
        data=lambda w: {"people": [w.staff.pk]},
    ),
    "training:briefing-materials": Entry(
        allowed=IN_SCHOOL, kwargs=lambda w: {"briefing_id": _briefing(w, materials=pdf_file("slides.pdf")).pk}
    ),
}
