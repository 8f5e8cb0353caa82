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
course_urls = []

urlpatterns = [*document_urls, *course_urls]
