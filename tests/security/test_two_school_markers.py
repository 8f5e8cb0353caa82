"""Nothing of one school shows in another's pages, exports or PDFs.

Two schools get the demo's records (every app's ``demo.seed``): school A is the demo school, with
its people; school B is another school of another trust, with people of its own. Then every text
field of every record of each school (found through the models' ``school_path``), its name and
its people's names start with a marker of that school. Each role of school A (and A's trust
officer) follows every page they are shown, from every URL that needs no argument, reading HTML,
CSV, XLSX and PDF (as text); school B's marker must appear nowhere, and A's must, so the walk
shows that it read what it was meant to. Then each of them asks for the addresses of B's own records
(as B's Lead meets them, ids in the URL): nothing of B may show there either.

The two schools are built once for the module, in a transaction rolled back at its end.
"""

import io
import re
import zipfile
from collections import Counter, deque
from types import SimpleNamespace
from urllib.parse import urldefrag, urljoin, urlsplit

import openpyxl
import pdfplumber
import pytest
from django.db import connection, models, transaction
from django.db.models.functions import Concat, Left
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from accounts.access import school_path
from accounts.demo import seed_people
from accounts.models import Membership, Organisation, Role, School, User
from compliance.management.commands.seed_demo import seed_records
from core import append_only
from referrals.models import Case
from referrals.models import Decision as ReferralDecision
from tests.factories import OrganisationFactory, SchoolFactory, member
from tests.site.crawler import PageParser
from tests.site.personas import demo_personas

from .school_owned import SCHOOL_OWNED

pytestmark = pytest.mark.django_db

MARK_A, MARK_B = "Qazwa", "Qazwb"  # words no page has of its own
PERSONAS = ["lead", "dsl", "head", "governor", "staff", "trust"]

# Text that is a key, an address or a file's name rather than words a person reads.
NOT_SHOWN = (models.EmailField, models.URLField, models.SlugField, models.GenericIPAddressField)
NOT_SHOWN_NAMES = re.compile(
    r"token|hash|key|password|secret|nonce|code|slug|kind|path|sha256|url|link|filename|pattern|sign_in|urn|"
    r"academic_year|period_label|year_groups|object_type|object_id|^(edition|section|statement|original_name|result_name)$"
)
SHORTEST = 40  # shorter text is a code or a year ("2026/27"), not a name a person reads

# Not followed: signing out ends the walk; the admin is not the school's.
SKIP_PATHS = ("/accounts/logout/", "/admin/")
PER_VIEW = 2  # addresses per URL pattern: every kind of page, not every row of every list
PER_PDF_VIEW = 1  # a PDF takes seconds to make and read: one of each
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _seed_school_b():
    """Another school of another trust, its people by role, and every app's demo records."""
    school = SchoolFactory(name=f"{MARK_B} Fields Academy", organisation=OrganisationFactory(name=f"{MARK_B} Trust"))
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD, full_name="Bea Lead")
    member(school, Role.STAFF, Role.DSL, full_name="Ben Dsl")
    member(school, Role.STAFF, Role.HEADTEACHER, full_name="Bo Head")
    member(school, Role.GOVERNOR, full_name="Bill Governor")
    for n in range(6):
        member(school, Role.STAFF, full_name=f"Bryony Teacher {n}")
    seed_records(school)
    return school, lead


def _shown_text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, NOT_SHOWN)
        and not field.choices
        and not field.primary_key
        and (isinstance(field, models.TextField) or field.max_length >= SHORTEST)
        and not NOT_SHOWN_NAMES.search(field.name)
    ]


def _marked(field, marker):
    value = Concat(models.Value(f"{marker} "), models.F(field.name), output_field=field)
    return Left(value, field.max_length) if field.max_length else value


def _mark(queryset, marker):
    fields = _shown_text_fields(queryset.model)
    if fields:
        queryset.update(**{field.name: _marked(field, marker) for field in fields})


def _mark_school(school, marker):
    """Every shown text of ``school``'s records, its name and its own people's names start with ``marker``."""
    for model in SCHOOL_OWNED:
        _mark(model._base_manager.filter(**{school_path(model): school}), marker)
    _mark(School.objects.filter(pk=school.pk), marker)
    _mark(Organisation.objects.filter(schools=school), marker)
    others = Membership.objects.exclude(school=school).values("user")
    own = Membership.objects.filter(school=school).exclude(user__in=others).values("user")
    _mark(User.objects.filter(pk__in=own), marker)


@pytest.fixture(scope="module")
def two_schools(django_db_setup, django_db_blocker):
    """School A (the demo school, with a few staff: its records do not need sixty) and school B."""
    with django_db_blocker.unblock(), transaction.atomic():
        school_a, _ = seed_people(staff_count=6)
        seed_records(school_a)
        school_b, lead_b = _seed_school_b()
        append_only.remove(connection)  # the markers rewrite evidence, in this rolled-back world only
        _mark_school(school_a, MARK_A)
        _mark_school(school_b, MARK_B)
        append_only.install(connection)
        yield SimpleNamespace(school=school_a, other=school_b, people=demo_personas(), lead_b=lead_b)
        transaction.set_rollback(True)


def _parameterless_urls(patterns=None, namespace=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from _parameterless_urls(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name:
            try:
                yield reverse(f"{namespace}{p.name}")
            except NoReverseMatch:
                continue  # needs an argument: reached from the pages that link to it


def _text(response):
    """(kind, text) of a response: HTML and CSV as they are, XLSX cells, PDF text."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "").split(";")[0]
    if content_type == "application/pdf":
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            return "pdf", "\n".join(page.extract_text() or "" for page in pdf.pages)
    if content_type == XLSX:
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        cells = (str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v)
        return "xlsx", "\n".join(cells)
    if content_type == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "zip", "\n".join(archive.namelist())
    if content_type.startswith("text/") or content_type == "application/json":
        kind = "csv" if content_type == "text/csv" else "html" if content_type == "text/html" else "text"
        return kind, body.decode(errors="replace")
    return content_type or "empty", ""


def _walk(client):
    """Every page ``client``'s person is shown (GET only, PER_VIEW per URL pattern): [(url, kind, text)]."""
    start = list(dict.fromkeys(["/", *_parameterless_urls()]))
    queue, queued, per_view, seen = deque(start), set(start), Counter(), []
    while queue:
        url = queue.popleft()
        if url.startswith(SKIP_PATHS):
            continue
        response = client.get(url)
        if response.status_code >= 400:
            continue  # pages this role may not open: the access matrix checks those
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
            kind, text = "redirect", ""
        else:
            kind, text = _text(response)
            links = []
            if kind == "html":
                parser = PageParser()
                parser.feed(text)
                links = parser.links
        seen.append((url, kind, text))
        for href in links:
            parts = urlsplit(urldefrag(urljoin(url, href))[0])
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http", "https"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            try:
                view = resolve(parts.path).view_name
            except Resolver404:
                continue
            if target in queued or per_view[view] >= (PER_PDF_VIEW if parts.path.endswith(".pdf") else PER_VIEW):
                continue
            per_view[view] += 1
            queued.add(target)
            queue.append(target)
    return seen


def _has(text, marker):
    return marker.lower() in text.lower()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def walks(two_schools):
    """walks(persona): what that person of school A saw, walked once."""
    done = {}

    def walk_of(persona):
        if persona not in done:
            done[persona] = _walk(_client(two_schools.people[persona]))
        return done[persona]

    return walk_of


@pytest.fixture(scope="module")
def school_b_addresses(two_schools):
    """The addresses of school B's own records (its cases, requests, documents...), as B's Lead meets them."""
    return [url for url, _, _ in _walk(_client(two_schools.lead_b)) if resolve(urlsplit(url).path).kwargs]


def test_the_two_schools_are_marked(two_schools):
    assert School.objects.get(pk=two_schools.other.pk).name.startswith(MARK_B)
    decision = ReferralDecision.objects.filter(case__school=two_schools.other).first()
    assert decision is not None and decision.rationale.startswith(MARK_B)
    assert Case.objects.filter(school=two_schools.school).first().summary.startswith(MARK_A)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_export_or_pdf_of_school_a_shows_school_b(walks, persona):
    seen = walks(persona)
    leaks = [f"{url} ({kind})" for url, kind, text in seen if _has(text, MARK_B)]
    assert not leaks, f"{persona} of school A was shown school B's records on: {leaks}"
    # The walk read A's own records (else it proves nothing).
    shown_a = Counter(kind for _, kind, text in seen if _has(text, MARK_A))
    assert shown_a["html"] > 5, f"{persona} saw school A's own records on only {shown_a['html']} pages: {shown_a}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_school_b_records_stay_hidden_when_asked_for_by_address(two_schools, school_b_addresses, persona):
    """Each role of A asking for B's records by their addresses (ids in the URL) is shown nothing of B."""
    assert len(school_b_addresses) > 30, school_b_addresses
    client = _client(two_schools.people[persona])
    leaks = []
    for url in school_b_addresses:
        response = client.get(url)
        kind, text = _text(response)
        if _has(text, MARK_B):
            leaks.append(f"{url} ({response.status_code} {kind})")
    assert not leaks, f"{persona} of school A was shown school B's records at: {leaks}"


def test_the_walk_reads_school_a_in_every_kind_of_file(walks):
    """The Lead and governor download CSV, XLSX and PDF files that hold A's records: the decoders read them."""
    kinds = {kind for persona in ("lead", "governor") for _, kind, text in walks(persona) if _has(text, MARK_A)}
    assert {"html", "csv", "xlsx", "pdf"} <= kinds, kinds
