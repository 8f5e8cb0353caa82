"""Personas, as in healthchecks' tests: one person per role in school A, and an outsider.

- staff: a teacher; lead: the Prevent Lead/SPOC (also staff); dsl: the DSL (also staff);
- head: the headteacher (also staff); governor: a governor (not staff);
- deputy: a deputy DSL (also staff); not in ``world`` except in tests/security (the access matrix);
- trust: an officer of the trust that school A belongs to;
- outsider: the Prevent Lead of school B, another school of another trust;
- dual: a person in two schools: the Prevent Lead of school B and a member of staff in school A.
  The access matrix signs them in working in school B, to check that B's powers never reach A.
"""

import datetime
import os
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Membership, Role

from .factories import OrganisationFactory, OrganisationMembershipFactory, SchoolFactory, member

PERSONAS = ["staff", "lead", "dsl", "head", "governor", "trust", "outsider", "dual"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so that throttles (password reset) count from zero."""
    from django.core.cache import cache

    cache.clear()
    yield


# PREVENT_TEST_TODAY=2027-09-02 runs the whole session on that day (the clock keeps ticking from
# 10:00 there), to prove that no test depends on the day it happens to run (README, "Tests").
TODAY_VARIABLE = "PREVENT_TEST_TODAY"
CLOCK = pytest.StashKey()


def pytest_configure(config):
    day = os.environ.get(TODAY_VARIABLE)
    if day:
        start = datetime.datetime.combine(
            datetime.date.fromisoformat(day), datetime.time(10), tzinfo=ZoneInfo("Europe/London")
        )
        config.stash[CLOCK] = time_machine.travel(start, tick=True)
        config.stash[CLOCK].start()


def pytest_unconfigure(config):
    if CLOCK in config.stash:
        config.stash[CLOCK].stop()


def pytest_report_header(config):
    if CLOCK in config.stash:
        return f"clock moved to {os.environ[TODAY_VARIABLE]} ({TODAY_VARIABLE})"
    return None


@pytest.fixture
def school(db):
    return SchoolFactory(name="Ken Stimpson Community School", urn="110865", organisation=OrganisationFactory())


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Other Academy", urn="999001")


@pytest.fixture
def staff(school):
    return member(school, Role.STAFF, full_name="Sam Staff", email="sam@school.example")


@pytest.fixture
def lead(school):
    return member(school, Role.STAFF, Role.PREVENT_LEAD, full_name="Lee Lead", email="lee@school.example")


@pytest.fixture
def dsl(school):
    return member(school, Role.STAFF, Role.DSL, full_name="Dee Dsl", email="dee@school.example")


@pytest.fixture
def deputy(school):
    """A deputy DSL (also staff): the DSL's access to cases only where the school grants it."""
    return member(school, Role.STAFF, Role.DEPUTY_DSL, full_name="Debbie Deputy", email="debbie@school.example")


@pytest.fixture
def head(school):
    return member(school, Role.STAFF, Role.HEADTEACHER, full_name="Hal Head", email="hal@school.example")


@pytest.fixture
def governor(school):
    return member(school, Role.GOVERNOR, full_name="Gita Governor", email="gita@school.example")


@pytest.fixture
def trust(school):
    officer = OrganisationMembershipFactory(organisation=school.organisation).user
    return officer


@pytest.fixture
def outsider(other_school):
    return member(other_school, Role.STAFF, Role.PREVENT_LEAD, full_name="Otto Outsider", email="otto@other.example")


@pytest.fixture
def dual(school, other_school):
    person = member(other_school, Role.STAFF, Role.PREVENT_LEAD, full_name="Dana Dual", email="dana@both.example")
    Membership.objects.create(user=person, school=school, role=Role.STAFF)
    return person


@pytest.fixture
def world(school, other_school, staff, lead, dsl, head, governor, trust, outsider, dual):
    """Every persona at once, for the access matrix and cross-role tests."""
    return SimpleNamespace(
        school=school,
        other_school=other_school,
        staff=staff,
        lead=lead,
        dsl=dsl,
        head=head,
        governor=governor,
        trust=trust,
        outsider=outsider,
        dual=dual,
    )


@pytest.fixture
def login(client):
    """login(user) signs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def _oidc_server():
    from .oidc_provider import running_provider

    with running_provider() as provider:
        yield provider


@pytest.fixture
def oidc_provider(_oidc_server, settings):
    """The local OpenID Connect provider, configured as this site's provider "local"."""
    from .oidc_provider import local_app

    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [local_app(_oidc_server.url)]}}
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], _oidc_server.url]},
    }
    return _oidc_server


@pytest.fixture
def smtp_inbox(settings):
    """Emails go through Django's SMTP backend to a real SMTP server on a local port."""
    from .smtp_server import running_smtp_server

    with running_smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
        yield inbox
