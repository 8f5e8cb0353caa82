"""The app runs as a PostgreSQL user that may only insert and read evidence (issue 16, item 7).

The tables' owner runs migrations; ``manage.py db_grant_app_user ROLE`` grants the app's role
SELECT and INSERT on the append-only tables. Before, the app connected as the owner, so it could
also disable the triggers (ALTER TABLE ... DISABLE TRIGGER) and rewrite history.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import Role
from core.append_only import append_only_models
from tests.factories import member
from tests.training.factories_courses import CourseFactory
from tests.training.factories_documents import document
from training.services.courses import training_record_create

from .conftest import postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "app-role-test-only"


def _owner_sql(*statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def app_role():
    """A login role that is not the owner, granted as the operations guide says."""
    name = connection.settings_dict["NAME"].removeprefix("test_") + "_app_t"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        if cursor.fetchone():  # left by an interrupted run
            _owner_sql(f"DROP OWNED BY {name}", f"DROP ROLE {name}")
    _owner_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    call_command("db_grant_app_user", name, stdout=open(os.devnull, "w"))  # noqa: SIM115
    yield name
    _owner_sql(f"DROP OWNED BY {name}", f"DROP ROLE {name}")


def _settings(role):
    s = connection.settings_dict
    return {
        "dbname": s["NAME"],
        "user": role,
        "password": PASSWORD,
        "host": s["HOST"] or "127.0.0.1",
        "port": s["PORT"] or 5432,
    }


def _attempt(role, sql):
    """Run ``sql`` as ``role``; the error PostgreSQL gave, or None if it was allowed."""
    db = psycopg2.connect(**_settings(role))
    try:
        with db.cursor() as cursor:
            cursor.execute(sql)
        db.rollback()  # never keep what an allowed attempt did
        return None
    except psycopg2.Error as error:
        return str(error)
    finally:
        db.close()


@pytest.fixture
def evidence(school):
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD, email="lee@school.example")
    staff = member(school, Role.STAFF, email="sam@school.example")
    document(school, lead)
    record = training_record_create(
        school=school, by=staff, user=staff, course=CourseFactory(school=school), completed_on=datetime.date(2026, 9, 3)
    )
    return {"lead": lead, "staff": staff, "record": record}


def test_the_app_user_cannot_change_delete_or_unprotect_evidence(evidence, app_role):
    for model in append_only_models():
        table = model._meta.db_table
        assert _attempt(app_role, f"SELECT count(*) FROM {table}") is None  # noqa: S608
        for sql in (
            f"UPDATE {table} SET id = id",  # noqa: S608
            f"DELETE FROM {table}",  # noqa: S608
            f"TRUNCATE {table} CASCADE",
        ):
            assert "permission denied" in (_attempt(app_role, sql) or ""), sql
        for sql in (
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"DROP TRIGGER {table}_no_update ON {table}",
        ):
            assert "must be owner" in (_attempt(app_role, sql) or ""), sql


def test_the_app_user_may_change_what_is_not_evidence(evidence, app_role):
    assert _attempt(app_role, "UPDATE accounts_user SET full_name = full_name") is None
    assert _attempt(app_role, "UPDATE training_document SET title = title") is None
    assert "permission denied" in _attempt(app_role, "DELETE FROM django_migrations")


def test_the_app_works_as_that_user(evidence, app_role):
    """Confirm a document, verify a training record and write audit events, as the app's user."""
    s = _settings(app_role)
    script = f"""
import django; django.setup()
from accounts.models import User
from training.models import Document, TrainingRecord
from training.services.courses import training_record_verify
from training.services.documents import acknowledgement_confirm
lead = User.objects.get(email="lee@school.example")
doc = Document.objects.select_related("current_version").get(slug="kcsie")
ack, created = acknowledgement_confirm(user=lead, version=doc.current_version, statement="I have read it.")
training_record_verify(record=TrainingRecord.objects.get(pk={evidence["record"].pk}), by=lead)
from django.core.management import call_command
call_command("verify_audit_chain")
print("created", created)
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevent_site.test_settings",
        "DATABASE_URL": f"postgres://{s['user']}:{s['password']}@{s['host']}:{s['port']}/{s['dbname']}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "created True" in result.stdout and "The audit trail is whole" in result.stdout
    evidence["record"].refresh_from_db()
    assert evidence["record"].verified_by == evidence["lead"]


def test_it_refuses_to_grant_the_owner(evidence):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="owns tables"):
        call_command("db_grant_app_user", connection.settings_dict["USER"])
