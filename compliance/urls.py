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
    path("plan/actions/<int:action_id>/", plan_views.action_detail, name="action-detail"),
    path("plan/actions/<int:action_id>/edit/", plan_views.action_edit, name="action-edit"),
    path("plan/actions/<int:action_id>/evidence/", plan_views.evidence_add, name="evidence-add"),
    path("plan/evidence/<int:item_id>/file/", plan_views.evidence_download, name="evidence-download"),
]

# Dashboard, reports, snapshots, exports, trust overview (compliance/views/reports.py).
report_urls = []

urlpatterns = [*plan_urls, *report_urls]
