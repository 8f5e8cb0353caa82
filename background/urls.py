from django.urls import path

from . import views

app_name = "background"

urlpatterns = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="job-download"),
]
