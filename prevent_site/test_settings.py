"""Settings for the test suite: the real settings with test-only secrets and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("AUDIT_HMAC_KEY", "test-only-audit-key")
# pytest-django holds each test's transaction open while the test waits on threads or
# subprocesses: PostgreSQL must not end that session as an idle transaction.
os.environ.setdefault("DATABASE_IDLE_TRANSACTION_TIMEOUT", "0")
os.environ.setdefault("SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="prevent-test-media-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
REQUIRE_2FA = False  # the 2FA tests switch it on where they need it
AXES_ENABLED = True
DEMO_ALLOWED = True  # the tests seed the demo with DEBUG off
# Tasks run at once, in the test's own process; tests/background runs them on the real backends
# (the database queue, and RQ on Redis database 15 with a queue of its own: REDIS_TEST_URL).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
