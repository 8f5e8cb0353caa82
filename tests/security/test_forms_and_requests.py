"""Rules that hold for every form and every URL: explicit form fields, GET changes nothing,
and no POST gets through without its CSRF token."""

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.forms import ModelForm
from django.test import Client
from django.urls import reverse

from .matrix import PERSONAS, all_entries

ENTRIES = all_entries()
PROJECT_APPS = ["accounts", "notifications", "training", "speakers", "referrals", "assurance", "compliance"]


def _import_project_modules():
    """Import every module of the project's apps (not migrations) so that every form class exists."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in info.name:
                continue
            importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_model_form_lists_its_fields():
    _import_project_modules()
    forms = [f for f in set(_subclasses(ModelForm)) if f.__module__.split(".")[0] in PROJECT_APPS]
    assert forms, "no ModelForm found: the walk is broken"
    problems = []
    for form in forms:
        meta = getattr(form, "Meta", None)
        fields = getattr(meta, "fields", None)
        name = f"{form.__module__}.{form.__qualname__}"
        if fields == "__all__":
            problems.append(f'{name}: fields = "__all__"')
        elif fields is None and getattr(meta, "model", None) is not None:
            problems.append(f"{name}: no fields list (exclude only)")
    assert not problems, "ModelForms must list their fields:\n" + "\n".join(sorted(problems))


# Tables that a GET may legitimately write:
EXCLUDED_TABLES = {
    "django_session",  # every request renews the session (SESSION_SAVE_EVERY_REQUEST: inactivity expiry)
    "axes_accessattempt",  # django-axes' sign-in bookkeeping
    "axes_accesslog",
    "axes_accessfailurelog",
    "accounts_usersession",  # written at sign-in only; excluded in case a page signs someone in
    "referrals_caseaccess",  # the referral access log: every read of a referral case is recorded
    # A cache of the overview's headline figures (compliance.reports.headlines): viewing a dashboard
    # refreshes its school's, and the overview computes a few missing ones, by design.
    "compliance_schoolheadline",
}
# Known GETs that write, each a bug to fix (move the write to a POST or to the school's set-up);
# listed by URL and table so that nothing else slips through.
# (url name, table) pairs a GET may write to, each with its reason; none today.
KNOWN_GET_WRITES = {}


def _counts():
    """Row counts of every table; audit events without the "view" and "export" events that
    reading or exporting a referral case legitimately writes (the referral access log)."""
    from accounts.models import AuditEvent

    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        # Unmanaged models have no table here (django-rq's admin dashboard entry).
        if table in EXCLUDED_TABLES or table in counts or not model._meta.managed:
            continue
        if model is AuditEvent:
            counts[table] = AuditEvent.objects.exclude(action__in=["view", "export"]).count()
        else:
            counts[table] = model._base_manager.count()
    return counts


def _urls(world, method=None):
    """(name, entry, url) for every matrix entry; building the kwargs creates the world's
    records, so this runs before the database is counted."""
    return [
        (name, entry, reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None))
        for name, entry in sorted(ENTRIES.items())
        if method is None or entry.method == method
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_get_requests_change_nothing(world, persona):
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    urls = _urls(world, "get")
    before = _counts()
    changed, errors, cached = [], [], []
    for name, _entry, url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{name}: {response.status_code}")
        if (
            persona != "anonymous"
            and response.status_code == 200
            and "no-store" not in response.get("Cache-Control", "")
        ):
            cached.append(name)
        after = _counts()
        diff = {t: (before.get(t), n) for t, n in after.items() if before.get(t) != n}
        unexpected = {t: d for t, d in diff.items() if (name, t) not in KNOWN_GET_WRITES}
        if unexpected:
            changed.append(f"{name}: {unexpected}")
        before = after
    assert not errors, f"GET failed as {persona}: {errors}"
    assert not changed, f"GET changed the database as {persona}:\n" + "\n".join(changed)
    assert not cached, f"signed-in pages without Cache-Control no-store: {cached}"


@pytest.mark.django_db
def test_no_post_gets_through_without_a_csrf_token(world):
    """Every URL of the matrix, posted by someone allowed on it, without the token: 403, nothing saved."""
    urls = _urls(world)
    datas = {name: entry.data(world) if entry.data else {} for name, entry, _url in urls}
    clients = {"anonymous": Client(enforce_csrf_checks=True)}
    for persona in PERSONAS:
        clients[persona] = Client(enforce_csrf_checks=True)
        clients[persona].force_login(getattr(world, persona))
    before = _counts()
    through = []
    for name, entry, url in urls:
        allowed = sorted(entry.allowed)
        persona = ("lead" if "lead" in allowed else allowed[0]) if allowed else "anonymous"
        client = clients[persona]
        response = client.post(url, datas[name])
        if response.status_code != 403 or "CSRF" not in response.content.decode():
            through.append(f"{name}: {response.status_code}")
    assert not through, f"POSTs not refused for want of a CSRF token: {through}"
    assert _counts() == before
