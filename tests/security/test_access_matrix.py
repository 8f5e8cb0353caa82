"""Every URL of the project, for anonymous and every persona (see matrix/__init__.py)."""

import html
import re

import pytest
import weasyprint
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.middleware import SESSION_SCHOOL_KEY
from tests.conftest import world_build, world_load
from tests.worlds import shared_world

from .matrix import PERSONAS, all_entries

ENTRIES = all_entries()


@shared_world()
def matrix_world():
    """Both schools and every persona (the deputy DSL too), built once for the whole matrix."""
    return world_build(PERSONAS)


@pytest.fixture
def world(db, matrix_world):
    return world_load(matrix_world)


@pytest.fixture(autouse=True)
def _pdfs_of_one_line(monkeypatch):
    """The matrix asks who may have each PDF, not what it shows (tests/pdfs lays out every one): here
    WeasyPrint lays out one line with the document's title and language instead of the document."""
    render = weasyprint.HTML.render

    def one_line(document, *args, stylesheets=None, **options):
        root = document.etree_element
        title = next(root.iter("title"), None)
        head = f"<title>{html.escape(title.text or '')}</title>" if title is not None else ""
        lang = f' lang="{html.escape(root.get("lang"))}"' if root.get("lang") else ""
        return render(weasyprint.HTML(string=f"<html{lang}><head>{head}</head><p>PDF</p></html>"), *args, **options)

    monkeypatch.setattr(weasyprint.HTML, "render", one_line)


def _names(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


def project_urls():
    return dict(_names(get_resolver().url_patterns))


ADMIN_KWARGS = {"object_id": "1", "app_label": "accounts", "content_type_id": "1", "id": "1"}


def test_every_url_has_an_entry():
    missing = sorted(n for n in project_urls() if not n.startswith("admin:") and n not in ENTRIES)
    assert not missing, f"URLs with no entry in tests/security/matrix: {missing}"


def test_no_entry_names_a_url_that_does_not_exist():
    stale = sorted(set(ENTRIES) - set(project_urls()))
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


CASES = [(name, persona) for name in sorted(ENTRIES) for persona in ["anonymous", *PERSONAS]]


def _request(client, entry, url, world):
    data = entry.data(world) if entry.data else {}
    return getattr(client, entry.method)(url, data)


def expected_status(entry, persona):
    if entry.public:
        return None  # checked separately: never a sign-in redirect
    if persona == "anonymous":
        return "login"
    if persona in entry.outcomes:
        return entry.outcomes[persona]
    if persona == "dual" and entry.dual is not None:
        return entry.dual
    if persona == "deputy":
        if entry.deputy is not None:
            return entry.deputy
        persona = "staff"
    if persona in ("outsider", "dual"):
        if entry.outsider is not None:  # said outright, e.g. kwargs that name no object of school A
            return entry.outsider
        if entry.kwargs is not None:
            return 404
        return "ok" if "lead" in entry.allowed else entry.denied
    return "ok" if persona in entry.allowed else entry.denied


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_access(client, world, name, persona):
    entry = ENTRIES[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    if persona == "dual":
        session = client.session
        session[SESSION_SCHOOL_KEY] = world.other_school.pk
        session.save()
    response = _request(client, entry, url, world)
    expected = expected_status(entry, persona)
    if expected is None:
        assert response.status_code in (*entry.ok, 302), f"{name} is public but answered {response.status_code}"
        assert "/accounts/login/?next=" not in response.get("Location", "")
    elif expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif expected == "ok":
        assert response.status_code in entry.ok, f"{persona} on {name}: {response.status_code}"
    else:
        assert response.status_code == expected, f"{persona} on {name}: {response.status_code}, expected {expected}"


def _admin_kwargs(pattern):
    regex = pattern.pattern.regex.pattern if hasattr(pattern.pattern, "regex") else ""
    return {k: ADMIN_KWARGS.get(k, "1") for k in re.findall(r"\?P<(\w+)>", regex)} or None


# django-rq's queue statistics for monitoring answer a refused caller 401 (no token) rather than
# sending them to the admin's sign-in: still refused, and no figure of the queue is shown.
ADMIN_API_REFUSING_401 = {"admin:django_rq_home_json"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_for_site_administrators_only(client, world, persona):
    """No persona is a site administrator: every admin URL sends them to the admin's sign-in."""
    client.force_login(getattr(world, persona))
    for name, pattern in project_urls().items():
        if not name.startswith("admin:") or name in ("admin:login", "admin:logout", "admin:javascript-catalog"):
            continue
        try:
            url = reverse(name, kwargs=_admin_kwargs(pattern))
        except Exception:  # noqa: S112 - patterns whose arguments cannot be guessed are skipped
            continue
        response = client.get(url)
        if name in ADMIN_API_REFUSING_401:
            assert response.status_code == 401, (name, response.status_code)
            assert b"queue" not in response.content.lower(), (name, response.content)
            continue
        assert response.status_code == 302, (name, response.status_code)
        assert "/admin/login/" in response["Location"], name
