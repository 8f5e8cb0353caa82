"""Pages for courses, training needs, training records, briefings and the training matrix."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school, member_for, require
from accounts.audit import AuditAction, record_event
from accounts.submissions import submit_once
from core.form_errors import add_service_error
from core.spreadsheets import csv_response
from core.uploads import serve_upload

from ..courses_filters import MatrixFilterForm
from ..exports import MATRIX_TEXT_COLUMNS, matrix_table
from ..forms.courses import (
    BriefingForm,
    CorrectionForm,
    CourseForm,
    MarkAttendanceForm,
    NamedGroupForm,
    NeedsAssessmentForm,
    RequirementForm,
    TrainingRecordForm,
)
from ..models import Briefing, Course, NamedGroup, TrainingNeedsAssessment, TrainingRecord, TrainingRequirement
from ..selectors.courses import (
    briefing_register,
    briefings_to_confirm,
    coverage_of,
    person_training,
    records_to_verify,
    training_matrix,
)
from ..services.courses import (
    briefing_attendance_mark,
    briefing_attendance_record,
    briefing_save,
    course_save,
    courses_create_defaults,
    named_group_save,
    needs_assessment_record,
    requirement_add,
    requirement_remove,
    training_record_correct,
    training_record_create,
    training_record_verify,
)

PEOPLE_PER_PAGE = 25


# Courses


@capability_required("record_own_training")
def course_list(request):
    courses = Course.objects.filter(school=request.school).prefetch_related("required_groups")
    return render(request, "training/course_list.html", {"courses": courses})


@require_POST
@capability_required("manage_training")
@submit_once
def course_defaults(request):
    created = courses_create_defaults(school=request.school, by=request.user)
    messages.success(request, f"{len(created)} default course{'s' if len(created) != 1 else ''} added.")
    return redirect("training:course-list")


@capability_required("manage_training")
@submit_once
def course_form(request, course_id=None):
    course = for_school(request, Course, pk=course_id) if course_id else None
    form = CourseForm(request.POST or None, instance=course, school=request.school)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "required_groups"}
        try:
            course_save(
                school=request.school,
                by=request.user,
                course=course,
                expected_version=form.expected_version,
                groups=form.cleaned_data["required_groups"],
                **data,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Course “{data['title']}” saved.")
            return redirect("training:course-list")
    return render(request, "training/course_form.html", {"form": form, "course": course})


# Training needs assessment and named groups


@capability_required("view_training_matrix")
def needs(request):
    assessments = TrainingNeedsAssessment.objects.filter(school=request.school).select_related("recorded_by")
    page = Paginator(assessments, 20).get_page(request.GET.get("page"))
    requirements = TrainingRequirement.objects.filter(school=request.school).select_related(
        "course", "group", "person", "assessment"
    )
    groups = NamedGroup.objects.filter(school=request.school).prefetch_related("members")
    return render(request, "training/needs.html", {"page": page, "requirements": requirements, "groups": groups})


@capability_required("manage_training")
@submit_once
def needs_add(request):
    form = NeedsAssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        assessment = needs_assessment_record(school=request.school, by=request.user, **form.cleaned_data)
        messages.success(request, "Training needs assessment recorded. Now say who needs which course, and why.")
        return redirect("training:needs-detail", assessment_id=assessment.pk)
    return render(request, "training/needs_form.html", {"form": form})


@capability_required("view_training_matrix")
@submit_once
def needs_detail(request, assessment_id):
    assessment = for_school(request, TrainingNeedsAssessment.objects.select_related("recorded_by"), pk=assessment_id)
    form = None
    if request.caps.manage_training:
        form = RequirementForm(request.POST or None, school=request.school)
        if request.method == "POST" and form.is_valid():
            try:
                requirement_add(assessment=assessment, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Requirement added.")
                return redirect("training:needs-detail", assessment_id=assessment.pk)
    elif request.method == "POST":
        raise PermissionDenied
    requirements = assessment.requirements.select_related("course", "group", "person")
    return render(
        request, "training/needs_detail.html", {"assessment": assessment, "requirements": requirements, "form": form}
    )


@require_POST
@capability_required("manage_training")
@submit_once
def requirement_delete(request, requirement_id):
    requirement = for_school(request, TrainingRequirement.objects.select_related("course"), pk=requirement_id)
    assessment_id = requirement.assessment_id
    requirement_remove(requirement=requirement, by=request.user)
    messages.success(request, "Requirement removed.")
    return redirect("training:needs-detail", assessment_id=assessment_id)


@capability_required("manage_training")
@submit_once
def group_form(request, group_id=None):
    group = for_school(request, NamedGroup, pk=group_id) if group_id else None
    form = NamedGroupForm(request.POST or None, instance=group, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            named_group_save(school=request.school, by=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Group “{form.cleaned_data['name']}” saved.")
            return redirect("training:needs")
    return render(request, "training/needs_group_form.html", {"form": form, "group": group})


# Training records


@capability_required("record_own_training")
def my_training(request):
    context = {
        "items": person_training(request.school, request.user),
        "briefings": briefings_to_confirm(request.school, request.user),
    }
    return render(request, "training/training_mine.html", context)


@capability_required("record_own_training")
@submit_once
def record_add(request):
    for_others = request.caps.manage_training
    initial = {"completed_on": timezone.localdate(), "user": request.user.pk}
    if request.GET.get("course"):
        initial["course"] = request.GET["course"]
    form = TrainingRecordForm(
        request.POST or None, request.FILES or None, school=request.school, for_others=for_others, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data.get("user") or request.user
        try:
            training_record_create(
                school=request.school,
                by=request.user,
                user=person,
                course=form.cleaned_data["course"],
                completed_on=form.cleaned_data["completed_on"],
                certificate=form.cleaned_data.get("certificate"),
                notes=form.cleaned_data["notes"],
                verify=for_others and person != request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Training recorded for {person.full_name}.")
            if person == request.user:
                return redirect("training:my-training")
            return redirect("training:person", user_id=person.pk)
    return render(request, "training/training_record_form.html", {"form": form})


def _record_for(request, record_id, *, manage_capability="view_training_matrix"):
    """A record of this school that the user may see: their own, or anyone's with the capability."""
    record = for_school(
        request,
        TrainingRecord.objects.select_related("user", "course", "recorded_by", "verified_by", "supersedes"),
        pk=record_id,
    )
    if record.user_id != request.user.pk:
        require(request, manage_capability)
    return record


@capability_required("record_own_training")
def record_detail(request, record_id):
    record = _record_for(request, record_id)
    superseded_by = TrainingRecord.objects.filter(supersedes=record).first()
    return render(request, "training/training_record_detail.html", {"record": record, "superseded_by": superseded_by})


@capability_required("record_own_training")
def record_certificate(request, record_id):
    record = _record_for(request, record_id)
    if not record.certificate:
        raise Http404("No certificate was uploaded for this record.")
    ext = record.certificate.name.rsplit(".", 1)[-1]
    return serve_upload(record.certificate, f"certificate-{record.course.slug}-{record.completed_on:%Y-%m-%d}.{ext}")


@require_POST
@capability_required("manage_training")
@submit_once
def record_verify(request, record_id):
    record = for_school(request, TrainingRecord.objects.select_related("user", "course"), pk=record_id)
    try:
        training_record_verify(record=record, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{record.user.full_name}'s {record.course.title} record is verified.")
    if request.POST.get("next") == "verify":
        return redirect("training:verify")
    return redirect("training:record-detail", record_id=record.pk)


@capability_required("manage_training")
def verify_list(request):
    page = Paginator(records_to_verify(request.school), 50).get_page(request.GET.get("page"))
    return render(request, "training/training_verify.html", {"page": page})


@capability_required("record_own_training")
@submit_once
def record_correct(request, record_id):
    record = _record_for(request, record_id, manage_capability="manage_training")
    form = CorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial={"completed_on": record.completed_on, "notes": record.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = training_record_correct(
                record=record,
                by=request.user,
                reason=form.cleaned_data["correction_reason"],
                completed_on=form.cleaned_data["completed_on"],
                certificate=form.cleaned_data.get("certificate"),
                notes=form.cleaned_data["notes"],
                verify=request.caps.manage_training and record.user_id != request.user.pk,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The correction is recorded; the earlier record is kept and no longer counts.")
            return redirect("training:record-detail", record_id=new.pk)
    return render(request, "training/training_record_correct.html", {"form": form, "record": record})


# The matrix and each person's record


def _filtered_matrix(request):
    """(the filter form, the whole matrix, the matrix narrowed by the filters)."""
    whole = training_matrix(request.school, plain_people=True)
    form = MatrixFilterForm(request.GET or None, courses=whole.courses)
    return form, whole, form.apply(whole) if form.is_bound else whole


@capability_required("view_training_matrix")
def matrix(request):
    form, whole, narrowed = _filtered_matrix(request)
    page = Paginator(narrowed.rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "matrix": narrowed,
        "page": page,
        "query": query.urlencode(),
        "coverage": coverage_of(whole),
    }
    return render(request, "training/matrix.html", context)


@capability_required("view_training_matrix")
def matrix_csv(request):
    _, _, narrowed = _filtered_matrix(request)
    header, rows = matrix_table(narrowed)
    record_event(
        action=AuditAction.EXPORT,
        by=request.user,
        school=request.school,
        object_type="training.matrix",
        changes={"filters": request.GET.dict(), "rows": len(rows)},
    )
    filename = f"training-matrix-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(filename, header, rows, text_columns=MATRIX_TEXT_COLUMNS)


@capability_required("view_training_matrix")
def person(request, user_id):
    user = member_for(request, user_id)
    return render(
        request, "training/person_training.html", {"person": user, "items": person_training(request.school, user)}
    )


# Briefings


@capability_required("record_own_training")
def briefing_list(request):
    briefings = Briefing.objects.filter(school=request.school)
    page = Paginator(briefings, 20).get_page(request.GET.get("page"))
    confirmed = set(
        request.user.briefing_attendances.filter(briefing__school=request.school).values_list("briefing_id", flat=True)
    )
    return render(request, "training/briefing_list.html", {"page": page, "confirmed": confirmed})


@capability_required("manage_training")
@submit_once
def briefing_form(request, briefing_id=None):
    briefing = for_school(request, Briefing, pk=briefing_id) if briefing_id else None
    form = BriefingForm(request.POST or None, request.FILES or None, instance=briefing)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = briefing_save(
                school=request.school,
                by=request.user,
                briefing=briefing,
                expected_version=form.expected_version,
                **data,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Briefing “{saved.title}” saved.")
            return redirect("training:briefing-detail", briefing_id=saved.pk)
    return render(request, "training/briefing_form.html", {"form": form, "briefing": briefing})


@capability_required("record_own_training")
def briefing_detail(request, briefing_id):
    briefing = for_school(request, Briefing.objects.select_related("recorded_by"), pk=briefing_id)
    attended = briefing.attendances.filter(user=request.user).exists()
    context = {"briefing": briefing, "attended": attended, "held": briefing.held_on <= timezone.localdate()}
    if request.caps.view_training_matrix:
        attendances, absentees = briefing_register(request.school, briefing)
        context.update(attendances=attendances, absentees=absentees)
        if request.caps.manage_training and absentees and context["held"]:
            context["mark_form"] = MarkAttendanceForm(candidates=absentees)
    return render(request, "training/briefing_detail.html", context)


@require_POST
@capability_required("record_own_training")
@submit_once
def briefing_confirm(request, briefing_id):
    briefing = for_school(request, Briefing, pk=briefing_id)
    try:
        _, created = briefing_attendance_record(briefing=briefing, user=request.user, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Thank you: your attendance is confirmed." if created else "You had already confirmed."
        )
    return redirect("training:briefing-detail", briefing_id=briefing.pk)


@require_POST
@capability_required("manage_training")
@submit_once
def briefing_mark(request, briefing_id):
    briefing = for_school(request, Briefing, pk=briefing_id)
    _, absentees = briefing_register(request.school, briefing)
    form = MarkAttendanceForm(request.POST, candidates=absentees)
    if form.is_valid():
        try:
            count = briefing_attendance_mark(briefing=briefing, users=form.cleaned_data["people"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{count} attendance{'s' if count != 1 else ''} marked.")
    else:
        messages.error(request, "Choose at least one person to mark as attended.")
    return redirect("training:briefing-detail", briefing_id=briefing.pk)


@capability_required("record_own_training")
def briefing_materials(request, briefing_id):
    briefing = for_school(request, Briefing, pk=briefing_id)
    if not briefing.materials:
        raise Http404("This briefing has no materials file.")
    ext = briefing.materials.name.rsplit(".", 1)[-1]
    return serve_upload(briefing.materials, f"briefing-{briefing.held_on:%Y-%m-%d}.{ext}")
