from django.urls import path

from .views import decisions, due_diligence, letters, register, requests

app_name = "speakers"

urlpatterns = [
    path("", requests.request_list, name="request-list"),
    path("new/", requests.request_add, name="request-add"),
    path("new/<slug:kind>/", requests.request_add, name="request-add-kind"),
    path("<int:pk>/", requests.request_detail, name="request-detail"),
    path("<int:pk>/edit/", requests.request_edit, name="request-edit"),
    path("<int:pk>/outline/", requests.outline_file, name="outline-file"),
    path("<int:pk>/hire-agreement/", requests.hire_agreement_file, name="hire-agreement-file"),
    path("<int:pk>/insurance/", requests.insurance_file, name="insurance-file"),
    path("<int:pk>/dates/<int:date_id>/cancel/", letters.letting_date_cancel, name="letting-date-cancel"),
    path("<int:pk>/checks/<int:template_id>/", due_diligence.check_edit, name="check-edit"),
    path("<int:pk>/risk/", due_diligence.risk_edit, name="risk-edit"),
    path("<int:pk>/decide/", decisions.decide, name="decide"),
    path("<int:pk>/decisions/<int:decision_id>.pdf", decisions.decision_record, name="decision-record"),
    path("<int:pk>/letters/<int:decision_id>/", letters.letter_detail, name="letter-detail"),
    path("<int:pk>/letters/<int:decision_id>/edit/", letters.letter_edit, name="letter-edit"),
    path("<int:pk>/letters/<int:decision_id>/reviewed/", letters.letter_reviewed, name="letter-reviewed"),
    path("<int:pk>/letters/<int:decision_id>/sent/", letters.letter_sent, name="letter-sent"),
    path("<int:pk>/letters/<int:decision_id>.pdf", letters.letter_download, name="letter-pdf"),
    path("<int:pk>/evaluate/", decisions.evaluate, name="evaluate"),
    path("register/", register.register_list, name="register"),
    path("register.csv", register.register_export, name="register-csv"),
    path("checklist/", due_diligence.checklist, name="checklist"),
    path("checklist/<int:pk>/", due_diligence.checklist_edit, name="checklist-edit"),
]
