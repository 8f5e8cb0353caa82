from django.urls import path  # noqa: F401

app_name = "training"

# Documents, versions and acknowledgements (training/views/documents.py).
document_urls = []

# Courses, training needs, records, briefings and the matrix (training/views/courses.py).
course_urls = []

urlpatterns = [*document_urls, *course_urls]
