"""Settings for Prevent Duty Tracker, read from the environment.

Every value comes from one reader (django-environ). Development defaults are safe ones;
secrets have no default outside DEBUG, and start-up fails with a clear message instead.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's own settings may live in a .env file (never committed); the process
# environment always wins over it.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "Only a DEBUG=1 development run may start without one."
        )
    SECRET_KEY = "development-only-insecure-key"  # noqa: S105 - DEBUG only, never production

# The audit trail's HMAC key: kept outside the database, so that whoever can write the database
# cannot re-hash a chain they changed. A key of its own (not SECRET_KEY, which is rotated for
# other reasons); required like SECRET_KEY. Older keys still accepted when verifying (after a
# rotation, or a school imported from another deployment) go in AUDIT_HMAC_PREVIOUS_KEYS.
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", default="")
if not AUDIT_HMAC_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "AUDIT_HMAC_KEY is not set. Set it to a long random value, different from SECRET_KEY, and "
            "keep it out of the database and its backups (see docs/operations.md, 'The audit trail'). "
            "Only a DEBUG=1 development run may start without one."
        )
    AUDIT_HMAC_KEY = "development-only-audit-key"  # noqa: S105 - DEBUG only, never production
AUDIT_HMAC_PREVIOUS_KEYS = env.list("AUDIT_HMAC_PREVIOUS_KEYS", default=[])
# Where `anchor_audit_chain` appends each chain's head: a file the app's user may only append to
# (chattr +a, or another host's mount); every anchor also goes to the log. Empty: not anchored.
AUDIT_ANCHOR_FILE = env.str("AUDIT_ANCHOR_FILE", default="")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "accounts",
    "notifications",
    "training",
    "speakers",
    "referrals",
    "assurance",
    "compliance",
    # Background work (background/): Django's tasks API, its database queue, and RQ on Redis.
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "background",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Control characters out of every text a form sends (core/plain_text.py).
    "core.plain_text.PlainTextInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionMaxAgeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "accounts.middleware.CurrentSchoolMiddleware",
    # Whole-school reads computed once per GET and shared by the page's parts (core/per_request.py).
    "core.per_request.PerRequestMemoMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prevent_site.urls"
# Where the Django admin is served: a path of one's own keeps it out of every scanner's list.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured(f"ADMIN_URL must be a path such as 'office-7f3k/' (no leading slash): {ADMIN_URL!r}")
WSGI_APPLICATION = "prevent_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.current_school",
            ],
        },
    },
]

# Database: one URL. SQLite (the default) for trying it out, PostgreSQL in production and CI.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock at BEGIN, so concurrent confirmations queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    # Persistent connections: without them every PostgreSQL page pays a new connection.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Timeouts, each inside gunicorn's worker timeout (60 s, docs/operations.md), so that a slow
    # or unreachable database gives the error page instead of a killed worker: connecting, one
    # statement (waiting for a lock included), and a transaction left open and idle. 0 turns one off
    # (e.g. DATABASE_STATEMENT_TIMEOUT=0 for a long migration run by hand).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    _options["options"] = " ".join(
        [
            _options.get("options", ""),
            f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT', default=30)}s",
            f"-c idle_in_transaction_session_timeout={env.int('DATABASE_IDLE_TRANSACTION_TIMEOUT', default=60)}s",
            # No JIT compilation: the app's queries run in milliseconds, and PostgreSQL compiles a
            # query whose estimated cost is high (a count with several subqueries at 1,000 staff)
            # for 400+ ms to save a few (docs/performance.md, "A school of 1,000 staff").
            "-c jit=off",
        ]
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database so that any number of app processes share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is then an inactivity timeout
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

REQUIRE_2FA = env.bool("REQUIRE_2FA", default=True)

# `manage.py seed_demo` makes accounts with a published password: it runs only with DEBUG on, or
# where this is True. Not read from the environment, so no production setting can turn it on;
# only the test settings do.
DEMO_ALLOWED = False
OTP_TOTP_ISSUER = "Prevent Duty Tracker"

# The TLS-terminating proxies in front of the app (addresses or networks, e.g. 127.0.0.1 or
# 10.0.0.0/24): only their X-Forwarded-For header is believed (core/client_address.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/24)."
        ) from None

# django-axes: lock the pair (username, client address), since a whole school signs in from one
# address. The lock lifts by itself after the cool-off, counted from the failure that set it:
# trying again while locked does not prolong it, so the real person is never kept out for good.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
_cooloff_minutes = env.int("AXES_COOLOFF_MINUTES", default=15)
if _cooloff_minutes < 1:
    raise ImproperlyConfigured("AXES_COOLOFF_MINUTES must be at least 1 (0 would turn the lockout off).")
AXES_COOLOFF_TIME = timedelta(minutes=_cooloff_minutes)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"  # never served directly: files go through views that check access
STORAGES = {
    # Whole files or none: no part left when the disk fills up (core/storage.py).
    "default": {"BACKEND": "core.storage.WholeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# The cache holds the password-reset throttles' counts: with several app processes, point it at
# one they share (e.g. dbcache://prevent_cache after `manage.py createcachetable`, or redis://).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", default=3)
PASSWORD_RESET_PER_CLIENT_PER_HOUR = env.int("PASSWORD_RESET_PER_CLIENT_PER_HOUR", default=20)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The address links in emails point at (e.g. https://prevent.example.org); without it, the
# address the request came to (commands that send mail then need it).
SITE_URL = env.str("SITE_URL", default="")
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Prevent Duty Tracker <noreply@localhost>")
# Seconds the SMTP connection waits for the server at each step (connect, each reply): a mail
# server that never answers costs this long, not a hung worker or a held transaction.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Background work through Django's tasks API (the django-tasks backport; docs/operations.md).
# TASKS_BACKEND=database (the default: a table in the app's own database, SQLite or PostgreSQL,
# and `manage.py worker` beside the web server) or rq (RQ on Redis at REDIS_URL, for
# deployments whose workers run on several machines).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
_TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}: {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# A task running longer than this is stopped by RQ (the database worker has no such limit).
TASK_TIMEOUT_SECONDS = env.int("TASK_TIMEOUT_SECONDS", default=1800)
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": TASK_TIMEOUT_SECONDS}}
# Reminder emails go out in batches of this many, each batch on one SMTP connection.
EMAIL_BATCH_SIZE = env.int("EMAIL_BATCH_SIZE", default=100)
# A staff list that changes more people than this is imported by a task, not in the request.
STAFF_IMPORT_BACKGROUND_ROWS = env.int("STAFF_IMPORT_BACKGROUND_ROWS", default=200)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. HTTPS settings follow SECURE (on unless DEBUG) so that a plain-HTTP
# development run still works.
SECURE = env.bool("SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE
# The load balancer's health check comes over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Browser features no page of the app uses: none may be asked for (accounts.middleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every sign-in at INFO; the audit trail records them already.
        "axes": {"level": "WARNING"},
    },
}


# ---------------------------------------------------------------------------------------------
# Single sign-on (OpenID Connect through django-allauth's openid_connect provider).
# Providers are configured per deployment; each school chooses one of them, names its email
# domains (and its Microsoft tenant) and may turn password sign-in off (accounts.sso). allauth
# never opens sign-up and its own account pages are not routed: the project's sign-in page stays.
# ---------------------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "accounts.sso.ClosedAccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.sso.SchoolSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"  # the provider's email_verified claim is checked instead
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # accounts.sso matches the person, with its own rules
SOCIALACCOUNT_STORE_TOKENS = False  # the app calls no provider API after sign-in
SOCIALACCOUNT_LOGIN_ON_GET = False  # sign-in starts with a POST (CSRF-protected), never a link
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)


def _oidc_app(provider_id, name, kind, server_url, client_id, secret):
    return {
        "provider_id": provider_id,
        "name": name,
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": server_url,
            "oauth_pkce_enabled": True,
            "scope": ["openid", "email", "profile"],
            "kind": kind,  # read by accounts.sso (which claims to check), ignored by allauth
        },
    }


SIGN_IN_APPS = []
if env.str("OIDC_MICROSOFT_CLIENT_ID", default=""):
    _tenant = env.str("OIDC_MICROSOFT_TENANT", default="")
    if not _tenant:
        raise ImproperlyConfigured(
            "OIDC_MICROSOFT_TENANT is not set. Set it to the Directory (tenant) ID of the Entra ID "
            "tenant the app is registered in (see README: Single sign-on)."
        )
    SIGN_IN_APPS.append(
        _oidc_app(
            "microsoft",
            "Microsoft 365",
            "microsoft",
            f"https://login.microsoftonline.com/{_tenant}/v2.0",
            env.str("OIDC_MICROSOFT_CLIENT_ID"),
            env.str("OIDC_MICROSOFT_CLIENT_SECRET"),
        )
    )
if env.str("OIDC_GOOGLE_CLIENT_ID", default=""):
    SIGN_IN_APPS.append(
        _oidc_app(
            "google",
            "Google",
            "google",
            "https://accounts.google.com",
            env.str("OIDC_GOOGLE_CLIENT_ID"),
            env.str("OIDC_GOOGLE_CLIENT_SECRET"),
        )
    )
if env.str("OIDC_LOCAL_SERVER_URL", default=""):
    # A provider on this machine for development and the tests (oidc-provider-mock).
    SIGN_IN_APPS.append(
        _oidc_app(
            "local",
            env.str("OIDC_LOCAL_NAME", default="Local test provider"),
            "oidc",
            env.str("OIDC_LOCAL_SERVER_URL"),
            env.str("OIDC_LOCAL_CLIENT_ID", default="prevent-local"),
            env.str("OIDC_LOCAL_CLIENT_SECRET", default="prevent-local-secret"),
        )
    )
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": SIGN_IN_APPS}}
# The browser follows the sign-in form's redirect to the provider: CSP's form-action must allow it.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [
    "/".join(app["settings"]["server_url"].split("/")[:3]) for app in SIGN_IN_APPS
]
