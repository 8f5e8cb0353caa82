"""A school of 25 staff costs the queries of a school of 5 on every key page and export (issue 24):
the chase list, the exports, the officer's pages, with data from generate_dataset."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.dataset import email_of
from accounts.models import AuditEvent, Organisation, OrganisationMembership, Role, User
from tests.factories import SchoolFactory
from tests.scale.conftest import SIZES
from tests.scale.test_query_counts import queries
from training.models import Document

pytestmark = pytest.mark.django_db

LEAD_PAGES = [
    ("chase list", "training:document-chase", None),
    ("document overview", "training:document-overview", None),
    ("progress CSV", "training:document-progress-csv", "kcsie"),
    ("matrix CSV", "training:matrix-csv", None),
    ("register CSV", "speakers:register-csv", None),
    ("report CSV", "compliance:report-csv", None),
    ("report XLSX", "compliance:report-xlsx", None),
    ("audit trail", "accounts:audit-list", None),
]


def lead_counts(client, seed, school):
    lead = User.objects.get(email=email_of(seed, 0, "staff0"))
    kcsie = Document.objects.get(school=school, slug="kcsie")
    client.force_login(lead)
    client.get(reverse("home"))  # the first request of a session saves it; count the next ones
    result = {}
    for label, name, argument in LEAD_PAGES:
        url = reverse(name, args=[kcsie.pk] if argument else [])
        client.get(url)  # warm: the audit page's cached record types
        result[label] = queries(client, "get", url)
    governor = User.objects.get(email=email_of(seed, 0, "governor0"))
    client.force_login(governor)
    client.get(reverse("home"))
    result["governor dashboard"] = queries(client, "get", reverse("compliance:dashboard"))
    return result


def test_every_export_and_list_runs_the_same_queries_at_5_and_25_staff(client, schools):
    small, large = (lead_counts(client, seed, schools[seed]) for seed in SIZES)
    assert small == large


def test_the_progress_csv_reads_no_row_by_row(client, schools):
    """Before: one query per confirmed person (each row read its confirmation's version)."""
    seed = next(iter(SIZES))
    counts = lead_counts(client, seed, schools[seed])
    assert counts["progress CSV"] < 25


def officer_request(officer, school_id=None):
    """The middleware on an officer's request that shows no school switcher (a download, the floor)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.test import RequestFactory

    from accounts.middleware import SESSION_SCHOOL_KEY, CurrentSchoolMiddleware

    request = RequestFactory().get("/")
    request.user, request.session = officer, SessionStore()
    if school_id is not None:
        request.session[SESSION_SCHOOL_KEY] = school_id
    with CaptureQueriesContext(connection) as captured:
        CurrentSchoolMiddleware(lambda r: HttpResponse("ok"))(request)
    return request, captured


def test_an_officers_request_loads_only_the_school_they_look_at(db):
    organisation = Organisation.objects.create(name="Big Local Authority", kind=Organisation.Kind.LOCAL_AUTHORITY)
    officer = OrganisationMembership.objects.create(
        user=User.objects.create_user("officer@la.example", full_name="Olu Officer"), organisation=organisation
    ).user
    theirs = [SchoolFactory(organisation=organisation, name=f"School {n:02d}") for n in range(30)]
    SchoolFactory.create_batch(5)  # schools of no organisation of theirs

    request, captured = officer_request(officer, theirs[7].pk)
    assert request.school == theirs[7]
    assert Role.TRUST_OFFICER in request.roles
    # The membership roles, then the one school by its key; the list of 30 is not read...
    assert len(captured) == 2
    assert '"accounts_school"."id" =' in captured[1]["sql"]
    assert request.school_options._schools is None
    # ...until something shows it (the switcher): then every school of theirs, and no other.
    assert len(request.school_options) == 30
    assert set(request.school_options) == set(theirs)

    request, captured = officer_request(officer)  # nothing chosen yet: the first by name
    assert request.school == theirs[0]
    assert len(captured) == 2


def test_an_outsider_of_the_organisation_gets_no_school(db):
    school = SchoolFactory(organisation=Organisation.objects.create(name="A trust"))
    stranger = User.objects.create_user("stranger@example.org", full_name="Stan Stranger")
    request, _ = officer_request(stranger, school.pk)
    assert request.school is None
    assert request.school_options == {}


def test_the_audit_page_counts_at_most_its_limit(client, schools, monkeypatch):
    from accounts import audit_search

    seed = next(iter(SIZES))
    lead = User.objects.get(email=email_of(seed, 0, "staff0"))
    monkeypatch.setattr(audit_search, "COUNT_LIMIT", 3)
    client.force_login(lead)
    for _ in range(5):
        client.get(reverse("training:matrix-csv"))  # each export is an audit event
    cache.clear()
    response = client.get(reverse("accounts:audit-list"))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(school=schools[seed], action="export").count() >= 5
    assert "More than 3 events" in response.content.decode()
    assert response.context["page"].paginator.count == 4  # counted up to the limit and one more
