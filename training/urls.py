from django.urls import path  # noqa: F401

from .views import documents

app_name = "training"

# Documents, versions and acknowledgements (training/views/documents.py).
document_urls = [
    path("documents/", documents.document_list, name="document-list"),
    path("documents/<int:pk>/", documents.document_detail, name="document-detail"),
    path("documents/versions/<int:pk>/file/", documents.version_file, name="version-file"),
    path("documents/progress/", documents.document_overview, name="document-overview"),
    path("documents/chase/", documents.chase_list, name="document-chase"),
    path("documents/remind/", documents.remind_outstanding, name="document-remind"),
    path("documents/defaults/", documents.document_defaults, name="document-defaults"),
    path("documents/add/", documents.document_form, name="document-add"),
    path("documents/<int:pk>/edit/", documents.document_form, name="document-edit"),
    path("documents/<int:pk>/retire/", documents.document_retire_view, name="document-retire"),
    path("documents/<int:pk>/publish/", documents.version_publish_view, name="version-publish"),
    path("documents/<int:pk>/progress/", documents.document_progress, name="document-progress"),
    path("documents/<int:pk>/progress.csv", documents.document_progress_csv, name="document-progress-csv"),
    path("documents/<int:pk>/on-behalf/", documents.acknowledgement_on_behalf, name="acknowledgement-on-behalf"),
    path(
        "acknowledgements/<int:pk>/withdraw/",
        documents.acknowledgement_withdraw_view,
        name="acknowledgement-withdraw",
    ),
]

# Courses, training needs, records, briefings and the matrix (training/views/courses.py).
from .views import courses  # noqa: E402

course_urls = [
    path("training/", courses.my_training, name="my-training"),
    path("training/courses/", courses.course_list, name="course-list"),
    path("training/courses/defaults/", courses.course_defaults, name="course-defaults"),
    path("training/courses/add/", courses.course_form, name="course-add"),
    path("training/courses/<int:course_id>/edit/", courses.course_form, name="course-edit"),
    path("training/needs/", courses.needs, name="needs"),
    path("training/needs/add/", courses.needs_add, name="needs-add"),
    path("training/needs/<int:assessment_id>/", courses.needs_detail, name="needs-detail"),
    path(
        "training/needs/requirements/<int:requirement_id>/remove/",
        courses.requirement_delete,
        name="requirement-remove",
    ),
    path("training/groups/add/", courses.group_form, name="group-add"),
    path("training/groups/<int:group_id>/edit/", courses.group_form, name="group-edit"),
    path("training/records/add/", courses.record_add, name="record-add"),
    path("training/records/verify/", courses.verify_list, name="verify"),
    path("training/records/<int:record_id>/", courses.record_detail, name="record-detail"),
    path("training/records/<int:record_id>/certificate/", courses.record_certificate, name="record-certificate"),
    path("training/records/<int:record_id>/verify/", courses.record_verify, name="record-verify"),
    path("training/records/<int:record_id>/correct/", courses.record_correct, name="record-correct"),
    path("training/matrix/", courses.matrix, name="matrix"),
    path("training/matrix.csv", courses.matrix_csv, name="matrix-csv"),
    path("training/people/<int:user_id>/", courses.person, name="person"),
    path("training/briefings/", courses.briefing_list, name="briefing-list"),
    path("training/briefings/add/", courses.briefing_form, name="briefing-add"),
    path("training/briefings/<int:briefing_id>/", courses.briefing_detail, name="briefing-detail"),
    path("training/briefings/<int:briefing_id>/edit/", courses.briefing_form, name="briefing-edit"),
    path("training/briefings/<int:briefing_id>/confirm/", courses.briefing_confirm, name="briefing-confirm"),
    path("training/briefings/<int:briefing_id>/mark/", courses.briefing_mark, name="briefing-mark"),
    path("training/briefings/<int:briefing_id>/materials/", courses.briefing_materials, name="briefing-materials"),
]

urlpatterns = [*document_urls, *course_urls]
