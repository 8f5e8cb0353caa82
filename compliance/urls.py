from django.urls import path  # noqa: F401

app_name = "compliance"

# The action plan (compliance/views/plan.py).
from .views import plan as plan_views  # noqa: E402

plan_urls = [
    path("plan/", plan_views.plan_current, name="plan"),
    path("plan/years/", plan_views.plan_list, name="plan-list"),
    path("plan/create/", plan_views.plan_create, name="plan-create"),
    path("plan/mine/", plan_views.my_actions, name="my-actions"),
    path("plan/<int:plan_id>/", plan_views.plan_detail, name="plan-detail"),
    path("plan/<int:plan_id>/edit/", plan_views.plan_edit, name="plan-edit"),
    path("plan/<int:plan_id>/rollover/", plan_views.plan_rollover, name="plan-rollover"),
    path("plan/<int:plan_id>/fill-contacts/", plan_views.plan_fill_contacts, name="plan-fill-contacts"),
    path("plan/actions/<int:action_id>/", plan_views.action_detail, name="action-detail"),
    path("plan/actions/<int:action_id>/edit/", plan_views.action_edit, name="action-edit"),
    path("plan/actions/<int:action_id>/evidence/", plan_views.evidence_add, name="evidence-add"),
    path("plan/evidence/<int:item_id>/file/", plan_views.evidence_download, name="evidence-download"),
]

# Dashboard, reports, snapshots, exports, trust overview (compliance/views/reports.py).
from .views import reports as report_views  # noqa: E402

report_urls = [
    path("dashboard/", report_views.dashboard, name="dashboard"),
    path("dashboard/report.pdf", report_views.report_pdf, name="report-pdf"),
    path("dashboard/report.csv", report_views.report_export, {"extension": "csv"}, name="report-csv"),
    path("dashboard/report.xlsx", report_views.report_export, {"extension": "xlsx"}, name="report-xlsx"),
    path("reports/snapshots/", report_views.snapshot_list, name="snapshot-list"),
    path("reports/snapshots/new/", report_views.snapshot_create, name="snapshot-create"),
    path("reports/snapshots/<int:pk>/", report_views.snapshot_detail, name="snapshot-detail"),
    path("reports/snapshots/<int:pk>/report.pdf", report_views.snapshot_pdf, name="snapshot-pdf"),
    path("reports/snapshots/<int:pk>/questions/", report_views.challenge_create, name="challenge-create"),
    path("reports/questions/<int:pk>/answer/", report_views.challenge_answer, name="challenge-answer"),
    path("overview/", report_views.overview, name="overview"),
    path("overview/report/", report_views.overview_pdf, name="overview-pdf"),
    path("overview/schools/<int:school_id>/", report_views.overview_school, name="overview-school"),
    path("overview/schools/<int:school_id>/report.pdf", report_views.overview_school_pdf, name="overview-school-pdf"),
]

# The setup checklist of a new school (compliance/views/setup.py).
from .views import setup as setup_views  # noqa: E402

setup_urls = [
    path("setup/", setup_views.setup_checklist, name="setup"),
]


# Actions raised from the risk assessment, self-assessment and filtering (compliance/views/raised.py).
from .views import raised as raised_views  # noqa: E402

raised_urls = [
    path("plan/raise/<slug:kind>/<int:pk>/", raised_views.raise_action, name="raise-action"),
    path("plan/link/<slug:kind>/<int:pk>/", raised_views.link_action, name="link-action"),
]

# The annual report to governors and the inspection evidence pack (views/annual_report.py, views/inspection_pack.py).
from .views import annual_report as annual_views  # noqa: E402
from .views import inspection_pack as pack_views  # noqa: E402

annual_urls = [
    path("reports/annual/", annual_views.annual_report_list, name="annual-report-list"),
    path("reports/annual/new/", annual_views.annual_report_start, name="annual-report-start"),
    path("reports/annual/<int:pk>/", annual_views.annual_report_detail, name="annual-report-detail"),
    path("reports/annual/<int:pk>/edit/", annual_views.annual_report_edit, name="annual-report-edit"),
    path("reports/annual/<int:pk>/sign/head/", annual_views.annual_report_sign_head, name="annual-report-sign-head"),
    path("reports/annual/<int:pk>/sign/chair/", annual_views.annual_report_sign_chair, name="annual-report-sign-chair"),
    path("reports/annual/<int:pk>/report.pdf", annual_views.annual_report_pdf, name="annual-report-pdf"),
    path("reports/inspection-pack/", pack_views.inspection_pack, name="inspection-pack"),
    path("reports/inspection-pack/build/", pack_views.inspection_pack_build, name="inspection-pack-build"),
]

urlpatterns = [*plan_urls, *report_urls, *setup_urls, *raised_urls, *annual_urls]
