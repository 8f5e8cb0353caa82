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
from django.core.management import call_command

from accounts.demo import DEMO_URN
from accounts.models import Membership, Role, School, User

from .factories import OrganisationFactory, OrganisationMembershipFactory, SchoolFactory, member
from .worlds import commits_first, refuse_commits_inside_a_world, shared_world

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


def school_build():
    return SchoolFactory(name="Ken Stimpson Community School", urn="110865", organisation=OrganisationFactory())


def other_school_build():
    return SchoolFactory(name="Other Academy", urn="999001")


# Each persona made in school A (and school B), by the fixture of its name or for a whole world.
BUILD = {
    "staff": lambda a, b: member(a, Role.STAFF, full_name="Sam Staff", email="sam@school.example"),
    "lead": lambda a, b: member(a, Role.STAFF, Role.PREVENT_LEAD, full_name="Lee Lead", email="lee@school.example"),
    "dsl": lambda a, b: member(a, Role.STAFF, Role.DSL, full_name="Dee Dsl", email="dee@school.example"),
    "deputy": lambda a, b: member(
        a, Role.STAFF, Role.DEPUTY_DSL, full_name="Debbie Deputy", email="debbie@school.example"
    ),
    "head": lambda a, b: member(a, Role.STAFF, Role.HEADTEACHER, full_name="Hal Head", email="hal@school.example"),
    "governor": lambda a, b: member(a, Role.GOVERNOR, full_name="Gita Governor", email="gita@school.example"),
    "trust": lambda a, b: OrganisationMembershipFactory(organisation=a.organisation).user,
    "outsider": lambda a, b: member(
        b, Role.STAFF, Role.PREVENT_LEAD, full_name="Otto Outsider", email="otto@other.example"
    ),
    "dual": lambda a, b: _dual(a, b),
}


def _dual(school, other_school):
    person = member(other_school, Role.STAFF, Role.PREVENT_LEAD, full_name="Dana Dual", email="dana@both.example")
    Membership.objects.create(user=person, school=school, role=Role.STAFF)
    return person


@pytest.fixture
def school(db):
    return school_build()


@pytest.fixture
def other_school(db):
    return other_school_build()


@pytest.fixture
def staff(school):
    return BUILD["staff"](school, None)


@pytest.fixture
def lead(school):
    return BUILD["lead"](school, None)


@pytest.fixture
def dsl(school):
    return BUILD["dsl"](school, None)


@pytest.fixture
def deputy(school):
    """A deputy DSL (also staff): the DSL's access to cases only where the school grants it."""
    return BUILD["deputy"](school, None)


@pytest.fixture
def head(school):
    return BUILD["head"](school, None)


@pytest.fixture
def governor(school):
    return BUILD["governor"](school, None)


@pytest.fixture
def trust(school):
    return BUILD["trust"](school, None)


@pytest.fixture
def outsider(other_school):
    return BUILD["outsider"](None, other_school)


@pytest.fixture
def dual(school, other_school):
    return BUILD["dual"](school, other_school)


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


def world_build(personas):
    """Both schools and ``personas``, as the ``world`` fixture makes them: {name: primary key}."""
    a, b = school_build(), other_school_build()
    return {"school": a.pk, "other_school": b.pk} | {name: BUILD[name](a, b).pk for name in personas}


def world_load(pks):
    """Fresh objects (none a previous test can have changed in memory) for ``world_build``'s keys."""
    schools = School.objects.in_bulk([pks["school"], pks["other_school"]])
    people = User.objects.in_bulk([pk for name, pk in pks.items() if name not in ("school", "other_school")])
    return SimpleNamespace(**{name: (schools if "school" in name else people)[pk] for name, pk in pks.items()})


@shared_world(copied=True)
def seeded_demo():
    """The demo (``seed_demo``) for the module that asks, seeded once per session on SQLite (once
    per module elsewhere): the demo school's primary key."""
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    return School.objects.get(urn=DEMO_URN).pk


def pytest_collection_modifyitems(config, items):
    items[:] = commits_first(items)


def pytest_runtest_setup(item):
    refuse_commits_inside_a_world(item)


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
