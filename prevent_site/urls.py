from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import EmailAuthenticationForm
from accounts.password_reset import PasswordResetView
from background.health import health
from compliance.views.home import home

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    # Before Django's own: the reset request that answers alike for every address (accounts.password_reset).
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    # Single sign-on: allauth's OpenID Connect provider views only (/accounts/oidc/<provider>/login/
    # and .../login/callback/); its account and sign-up pages are not routed (accounts.sso).
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("training.urls")),
    path("speakers/", include("speakers.urls")),
    path("referrals/", include("referrals.urls")),
    path("assurance/", include("assurance.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("background.urls")),
    # For the load balancer: no sign-in, no school data (background/health.py).
    path("health/", health, name="health"),
    path("", home, name="home"),
    path("", include("compliance.urls")),
]

# Error pages that say truthfully whether a change was saved (accounts.error_views).
handler400 = "accounts.error_views.bad_request"
handler500 = "accounts.error_views.server_error"
