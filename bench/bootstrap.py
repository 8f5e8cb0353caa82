"""Django set-up shared by the bench scripts: the bench settings and a production-like environment.

DATABASE_URL says which generated database to use (make bench passes prevent_bench_1, _10, _250,
and prevent_bench_1x1000 for the school of 1,000 staff; BENCH_DB_PREFIX changes the prefix).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "0",  # as in production: no query log growing in memory, cached templates
    "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "AUDIT_HMAC_KEY": "bench-only-audit-key",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE": "0",  # plain HTTP on the loopback; TLS would be the proxy's job
    "REQUIRE_2FA": "0",  # the bench signs in without a second factor
    "LOG_LEVEL": "WARNING",
    "CONN_MAX_AGE": "60",
}


def database_prefix():
    """The generated databases' names start with this: BENCH_DB_PREFIX, so that two people
    benching on one PostgreSQL server keep to their own (default prevent_bench_)."""
    return os.environ.get("BENCH_DB_PREFIX", "prevent_bench_")


def database_url(schools):
    return f"postgres://postgres@127.0.0.1:5432/{database_prefix()}{schools}"


def environment(**extra):
    """os.environ with the bench's settings (values already set win), for a child process."""
    env = dict(os.environ)
    for key, value in BENCH_ENV.items():
        env.setdefault(key, value)
    env.update(extra)
    return env


def setup():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for key, value in BENCH_ENV.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()
