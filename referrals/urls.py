from django.urls import path

from .views import cases, channel, contacts, oversight, records, retention

app_name = "referrals"

urlpatterns = [
    path("report-a-concern/", contacts.report_concern, name="report-concern"),
    path("contacts/", contacts.contact_list, name="contact-list"),
    path("contacts/add/", contacts.contact_add, name="contact-add"),
    path("contacts/defaults/", contacts.contact_defaults, name="contact-defaults"),
    path("contacts/<int:pk>/", contacts.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact-delete"),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/add/", cases.case_add, name="case-add"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/export.csv", cases.case_export, name="case-export"),
    path("cases/<int:pk>/decisions/add/", records.decision_add, name="decision-add"),
    path("cases/<int:pk>/agency-contacts/add/", records.agency_contact_add, name="agency-contact-add"),
    path("cases/<int:pk>/channel/add/", records.channel_add, name="channel-add"),
    path("cases/<int:pk>/actions/add/", records.action_add, name="action-add"),
    path("cases/<int:pk>/actions/<int:action_pk>/done/", records.action_done, name="action-done"),
    path("cases/<int:pk>/information-sharing/add/", records.sharing_add, name="sharing-add"),
    path("cases/<int:pk>/close/", records.case_close, name="case-close"),
    path("cases/<int:pk>/category/", channel.category_set, name="category-set"),
    path("cases/<int:pk>/triage/add/", channel.triage_add, name="triage-add"),
    path("cases/<int:pk>/consent/add/", channel.consent_add, name="consent-add"),
    path("cases/<int:pk>/channel/exit/", channel.channel_exit_add, name="channel-exit-add"),
    path("cases/<int:pk>/reviews/<int:review_pk>/", channel.review_record, name="review-record"),
    path("cases/<int:pk>/legal-holds/add/", retention.legal_hold_add, name="legal-hold-add"),
    path("cases/<int:pk>/legal-holds/<int:hold_pk>/release/", retention.legal_hold_release, name="legal-hold-release"),
    path("cases/<int:pk>/retention-review/", retention.retention_review_add, name="retention-review-add"),
    path("reviews/", channel.review_list, name="review-list"),
    path("retention/", retention.retention_list, name="retention-list"),
    path("settings/", retention.referral_settings, name="settings"),
    path("access-log/", oversight.access_log, name="access-log"),
    path("statistics/", oversight.statistics, name="statistics"),
]
