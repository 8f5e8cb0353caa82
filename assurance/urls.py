from django.urls import path

from .views import filtering, index, risk_assessment, self_assessment

app_name = "assurance"

urlpatterns = [
    path("", index.index, name="index"),
    # The Prevent risk assessment (views/risk_assessment.py).
    path("risk-assessment/", risk_assessment.risk_assessment_current, name="risk-assessment"),
    path("risk-assessment/start/", risk_assessment.risk_assessment_start, name="risk-assessment-start"),
    path("risk-assessment/summary/", risk_assessment.risk_assessment_summary, name="risk-assessment-summary"),
    path("risk-assessment/publish/", risk_assessment.risk_assessment_publish, name="risk-assessment-publish"),
    path("risk-assessment/<int:pk>/", risk_assessment.risk_assessment_detail, name="risk-assessment-detail"),
    path("risk-assessment/<int:pk>/edit/", risk_assessment.risk_assessment_edit, name="risk-assessment-edit"),
    path("risk-assessment/<int:pk>/risks/new/", risk_assessment.risk_add, name="risk-add"),
    path("risk-assessment/<int:pk>/review/", risk_assessment.risk_assessment_review, name="risk-assessment-review"),
    path(
        "risk-assessment/<int:pk>/sign-off/", risk_assessment.risk_assessment_sign_off, name="risk-assessment-sign-off"
    ),
    path("risk-assessment/<int:pk>/note/", risk_assessment.risk_assessment_note, name="risk-assessment-note"),
    path(
        "risk-assessment/<int:pk>/risk-assessment.pdf", risk_assessment.risk_assessment_pdf, name="risk-assessment-pdf"
    ),
    path(
        "risk-assessment/<int:pk>/risk-assessment.xlsx",
        risk_assessment.risk_assessment_xlsx,
        name="risk-assessment-xlsx",
    ),
    path("risks/<int:pk>/", risk_assessment.risk_detail, name="risk-detail"),
    path("risks/<int:pk>/edit/", risk_assessment.risk_edit, name="risk-edit"),
    # The self-assessment (views/self_assessment.py).
    path("self-assessment/", self_assessment.self_assessment_current, name="self-assessment"),
    path("self-assessment/start/", self_assessment.self_assessment_start, name="self-assessment-start"),
    path("self-assessment/<int:pk>/", self_assessment.self_assessment_detail, name="self-assessment-detail"),
    path(
        "self-assessment/<int:pk>/summary/",
        self_assessment.self_assessment_summary_edit,
        name="self-assessment-summary",
    ),
    path(
        "self-assessment/<int:pk>/statements/<slug:statement>/", self_assessment.statement_rate, name="statement-rate"
    ),
    # Filtering and monitoring (views/filtering.py).
    path("filtering/", filtering.filtering_current, name="filtering"),
    path("filtering/start/", filtering.filtering_start, name="filtering-start"),
    path("filtering/<int:pk>/", filtering.filtering_detail, name="filtering-detail"),
    path("filtering/<int:pk>/edit/", filtering.filtering_edit, name="filtering-edit"),
    path("filtering/<int:pk>/reviews/new/", filtering.filtering_review_add, name="filtering-review-add"),
    path("filtering/<int:pk>/checks/new/", filtering.filtering_check_add, name="filtering-check-add"),
]
