"""Editions that arrive on time: the Lead publishes the catalogue's new KCSIE in one step, and until
its confirm-by date the governors see "in progress, due by 1 October", not a rate that fell overnight."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from compliance.models import RAG, Action
from compliance.selectors import attach_measures
from compliance.services import plan_create_from_template
from training.models import Document
from training.models.documents import default_confirm_by, suggested_confirm_by
from training.services.documents import acknowledgement_confirm, document_save, version_publish


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC), tick=False)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _confirm(user, document):
    document.refresh_from_db()
    acknowledgement_confirm(user=user, version=document.current_version, statement="I have read it.")


def _kcsie_2025(school, lead):
    """KCSIE 2025 with governors in its audience, as the catalogue gives it."""
    document = document_save(
        school=school,
        by=lead,
        title="Keeping children safe in education",
        slug="kcsie",
        kind=Document.Kind.STATUTORY_GUIDANCE,
        audience=["staff", "prevent_lead", "dsl", "headteacher", "governor"],
        reading={"staff": "Part one"},
        references_prevent=True,
    )
    version_publish(
        document=document,
        by=lead,
        label="2025",
        effective_on=datetime.date(2025, 9, 1),
        url="https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
    )
    return document


def _kcsie_figure(client):
    report = client.get(reverse("compliance:dashboard")).context["report"]
    return next(f for f in report.figures if f.label.startswith("Confirmed: Keeping children safe in education"))


def test_a_new_edition_published_in_september_is_in_progress_until_1_october(school, lead, staff, dsl, head, governor):
    with _at(datetime.date(2025, 9, 2)):
        kcsie = _kcsie_2025(school, lead)
        for person in (lead, staff, dsl, head):
            _confirm(person, kcsie)
        plan = plan_create_from_template(school=school, by=lead, academic_year="2025/26")
    kcsie_action = Action.objects.get(
        plan=plan, measure_key="documents.confirmed", measure_params={"document": "kcsie"}
    )
    Action.objects.filter(pk=kcsie_action.pk).update(status=Action.Status.IN_PLACE)

    with _at(datetime.date(2026, 6, 1)):
        assert _kcsie_figure(_client(governor)).display == "80%"

    with _at(datetime.date(2026, 9, 3)):
        # The Lead's home offers the catalogue's new edition; publishing it is one step.
        lead_client = _client(lead)
        attention = lead_client.get(reverse("home")).context["attention"]
        offer = next(item for item in attention if item.label.startswith("Keeping children safe in education 2026"))
        assert "publish it for staff" in offer.label
        form = lead_client.get(offer.url).context["form"]
        assert form.initial["label"] == "2026"
        assert form.initial["effective_on"] == datetime.date(2026, 9, 1)
        assert form.initial["confirm_by"] == datetime.date(2026, 10, 1)
        assert form.fields["reading_governor"].initial == "Part one and Part two (the management of safeguarding)"
        data = {name: form[name].value() for name in form.fields if name not in ("file", "is_minor")}
        data = {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in data.items()}
        response = lead_client.post(offer.url, data)
        assert response.status_code == 302
        kcsie.refresh_from_db()
        assert kcsie.current_version.label == "2026"
        assert kcsie.current_version.confirm_by == datetime.date(2026, 10, 1)
        assert kcsie.current_version.reading["governor"].startswith("Part one and Part two")
        _confirm(staff, kcsie)

        governor_client = _client(governor)
        page = governor_client.get(reverse("compliance:dashboard")).content.decode()
        assert "in progress, due by 1 October" in page
        figure = _kcsie_figure(governor_client)
        assert figure.display == "in progress, due by 1 October"
        assert figure.value == 20  # kept for the record; not what the governors are shown
        report = governor_client.get(reverse("compliance:dashboard")).context["report"]
        # A rate in progress is not what the trust overview compares schools by.
        assert report.headline["confirmations"] is None
        kcsie_action.refresh_from_db()
        assert attach_measures(school, [kcsie_action])[0].rag == RAG.GREEN
        assert "publish it for staff" not in " ".join(
            i.label for i in lead_client.get(reverse("home")).context["attention"]
        )

    with _at(datetime.date(2026, 10, 2)):
        governor_client = _client(governor)
        figure = _kcsie_figure(governor_client)
        assert figure.display == "20%"
        assert "in progress, due by" not in governor_client.get(reverse("compliance:dashboard")).content.decode()
        kcsie_action.refresh_from_db()
        assert attach_measures(school, [kcsie_action])[0].rag == RAG.RED


def test_governors_are_asked_to_read_kcsie_by_default(school, lead, governor):
    from training.default_documents import documents_create_defaults
    from training.selectors.documents import outstanding_for_user

    with _at(datetime.date(2026, 11, 30)):
        documents_create_defaults(school=school, by=lead)
        tasks = outstanding_for_user(school, governor, {"governor"})
    assert [(t.document.slug, t.reading) for t in tasks] == [
        ("kcsie", "Part one and Part two (the management of safeguarding)")
    ]


def test_a_school_set_up_in_november_gets_the_edition_in_force_with_time_to_confirm_it(school, lead, staff):
    from training.default_documents import documents_create_defaults

    with _at(datetime.date(2026, 11, 20)):
        documents_create_defaults(school=school, by=lead)
        kcsie = Document.objects.select_related("current_version").get(school=school, slug="kcsie")
        assert kcsie.current_version.label == "2026"
        assert kcsie.current_version.confirm_by == datetime.date(2026, 12, 20)
        assert _kcsie_figure(_client(lead)).display == "in progress, due by 20 December"


def test_the_default_confirm_by_date():
    assert default_confirm_by(datetime.date(2026, 9, 1)) == datetime.date(2026, 10, 1)
    assert default_confirm_by(datetime.date(2023, 12, 31)) == datetime.date(2024, 1, 30)
    assert suggested_confirm_by(datetime.date(2026, 9, 1), datetime.date(2026, 7, 10)) == datetime.date(2026, 10, 1)
    assert suggested_confirm_by(datetime.date(2026, 9, 1), datetime.date(2026, 11, 20)) == datetime.date(2026, 12, 20)


def test_the_lead_may_set_another_confirm_by_date_and_a_minor_change_keeps_it(school, lead):
    with _at(datetime.date(2026, 9, 3)):
        kcsie = _kcsie_2025(school, lead)
        client = _client(lead)
        url = reverse("training:version-publish", args=[kcsie.pk])
        client.post(
            url,
            {"label": "2026", "effective_on": "2026-09-01", "url": "https://example.org/k", "confirm_by": "2026-10-15"},
        )
        kcsie.refresh_from_db()
        assert kcsie.current_version.confirm_by == datetime.date(2026, 10, 15)
        client.post(
            url, {"label": "2026 rev", "effective_on": "2026-09-01", "url": "https://example.org/k2", "is_minor": "on"}
        )
        kcsie.refresh_from_db()
        assert kcsie.current_version.is_minor
        assert kcsie.current_version.confirm_by == datetime.date(2026, 10, 15)
        assert kcsie.reading == {"staff": "Part one"}  # posted without reading: kept
