from django.urls import path

from . import views, views_audit, views_invitations, views_job_titles, views_sign_in, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("switch-school/", views.switch_school, name="switch-school"),
    path("people/", views.member_list, name="member-list"),
    path("people/add/", views.member_add, name="member-add"),
    path("people/import/", views.member_import, name="member-import"),
    path("people/job-titles/", views_job_titles.job_titles, name="job-titles"),
    path("people/sign-in/", views_sign_in.sign_in_settings, name="sign-in-settings"),
    path("people/<int:user_id>/", views.member_edit, name="member-edit"),
    path("people/<int:user_id>/remove/", views.member_remove, name="member-remove"),
    path(
        "people/invitations/<int:invitation_id>/resend/",
        views_invitations.invitation_resend_view,
        name="invitation-resend",
    ),
    path(
        "people/invitations/<int:invitation_id>/cancel/",
        views_invitations.invitation_cancel_view,
        name="invitation-cancel",
    ),
    path("invitation/<str:token>/", views_invitations.invitation, name="invitation"),
    path("invitation/<str:token>/renew/", views_invitations.invitation_renew, name="invitation-renew"),
    path("me/", views_invitations.profile, name="profile"),
    path("audit/", views_audit.audit_list, name="audit-list"),
    path("two-factor/", views_two_factor.two_factor_verify, name="two-factor-verify"),
    path("two-factor/set-up/", views_two_factor.two_factor_enrol, name="two-factor-enrol"),
]
