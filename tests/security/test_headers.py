"""Security headers, cookies, the production settings and the error page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 60 + "production-like-key-for-the-check",
    "ALLOWED_HOSTS": "prevent.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://prevent.example.org",
}


def _production(code):
    """Run ``code`` under the real settings module with a production environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECURE", "DATABASE_URL", "SECURE_HSTS_SECONDS")}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="prevent_site.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("url_name", ["login", "home"])
def test_the_content_security_policy_allows_no_inline_script_or_style(client, staff, url_name):
    if url_name == "home":
        client.force_login(staff)
    csp = client.get(reverse(url_name))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_pages_may_not_be_framed_and_keep_the_referrer_to_this_site(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_https_responses_carry_hsts(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_httponly_and_samesite(client, staff):
    client.get(reverse("login"), secure=True)
    response = client.post(reverse("login"), {"username": staff.email, "password": PASSWORD}, secure=True)
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


def test_signed_in_pages_are_not_stored_but_the_sign_in_page_may_be(client, staff):
    client.force_login(staff)
    cache_control = client.get(reverse("home"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_production_settings_turn_on_https_everything():
    result = _production(
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'redirect': s.SECURE_SSL_REDIRECT,"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'httponly': s.SESSION_COOKIE_HTTPONLY, 'samesite': s.SESSION_COOKIE_SAMESITE, 'debug': s.DEBUG,"
        "'require_2fa': s.REQUIRE_2FA}))"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "hsts": 31536000,
        "sub": True,
        "redirect": True,
        "session_secure": True,
        "csrf_secure": True,
        "httponly": True,
        "samesite": "Lax",
        "debug": False,
        "require_2fa": True,
    }


def test_production_settings_pass_the_deployment_checklist():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="prevent_site.settings", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@override_settings(ROOT_URLCONF="tests.security.urls_boom", DEBUG=False)
def test_an_error_shows_a_generic_page_with_no_detail(staff):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    for leak in ["secret detail", "Traceback", "RuntimeError", "SELECT", "Ada", "SECRET_KEY", "/work/"]:
        assert leak not in html


# Issue 14 (Low): no Permissions-Policy header, and the admin always at /admin/.


@pytest.mark.parametrize("url_name", ["login", "home"])
def test_permissions_policy_turns_off_the_browser_features_the_app_never_uses(client, staff, url_name):
    if url_name == "home":
        client.force_login(staff)
    policy = client.get(reverse(url_name))["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert features[feature] == "()", feature


def test_permissions_policy_is_on_error_pages_too(client):
    assert "camera=()" in client.get("/no-such-page/")["Permissions-Policy"]


@pytest.fixture
def admin_at(settings):
    """Serve the URLs again with settings.ADMIN_URL as given, then as they were."""
    import importlib

    from django.urls import clear_url_caches

    import prevent_site.urls

    def serve(url):
        settings.ADMIN_URL = url
        importlib.reload(prevent_site.urls)
        clear_url_caches()

    yield serve
    settings.ADMIN_URL = "admin/"
    importlib.reload(prevent_site.urls)
    clear_url_caches()


def test_admin_url_is_taken_from_settings(client, admin_at):
    admin_at("site-office-7f3k/")
    assert reverse("admin:index") == "/site-office-7f3k/"
    response = client.get("/site-office-7f3k/")
    assert response.status_code == 302 and "/site-office-7f3k/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 404


def test_admin_url_is_read_from_the_environment_and_checked():
    ok = _production("import django; django.setup(); from django.conf import settings; print(settings.ADMIN_URL)")
    assert ok.stdout.strip().splitlines()[-1] == "admin/"
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "prevent_site.settings", "ADMIN_URL": "office/"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.ADMIN_URL)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "office/"
    env["ADMIN_URL"] = "/office"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "ADMIN_URL" in result.stderr
