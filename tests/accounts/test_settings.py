import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _django(code, **env):
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE", "ALLOWED_HOSTS")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env, DJANGO_SETTINGS_MODULE="prevent_site.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _django("import django; django.setup()", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_in_debug_without_a_secret_key():
    result = _django("import django; django.setup(); print('ok')", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_it_reads_the_database_from_database_url():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = _django(code, DEBUG="0", SECRET_KEY="x" * 50, DATABASE_URL="postgres://u@db.example:5432/prevent")
    assert result.stdout.split() == ["django.db.backends.postgresql", "prevent", "60", "True"]


def test_sqlite_takes_the_write_lock_at_begin():
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['transaction_mode'])"
    result = _django(code, DEBUG="1", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert result.stdout.strip() == "IMMEDIATE"


def test_deployment_checklist_is_clean_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECURE")},
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
            "ALLOWED_HOSTS": "prevent.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_trusted_proxies_and_the_lockout_cool_off_are_read_from_the_environment():
    code = "from django.conf import settings as s; print(s.TRUSTED_PROXIES, s.AXES_COOLOFF_TIME.total_seconds())"
    result = _django(code, DEBUG="1", TRUSTED_PROXIES="127.0.0.1,10.0.0.0/24", AXES_COOLOFF_MINUTES="30")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['127.0.0.1', '10.0.0.0/24'] 1800.0"


def test_it_refuses_to_start_with_a_trusted_proxy_that_is_not_an_address():
    result = _django("import django; django.setup()", DEBUG="1", TRUSTED_PROXIES="proxy.example.org")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_it_refuses_a_lockout_cool_off_of_zero():
    result = _django("import django; django.setup()", DEBUG="1", AXES_COOLOFF_MINUTES="0")
    assert result.returncode != 0
    assert "AXES_COOLOFF_MINUTES" in result.stderr
