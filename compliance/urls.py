from django.urls import path  # noqa: F401

app_name = "compliance"

# The action plan (compliance/views/plan.py).
plan_urls = []

# Dashboard, reports, snapshots, exports, trust overview (compliance/views/reports.py).
report_urls = []

urlpatterns = [*plan_urls, *report_urls]
