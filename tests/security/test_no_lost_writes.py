"""No lost or doubled writes: optimistic locking on every editable record, and idempotent
confirmations under concurrency."""

import datetime
import re
import threading

import pytest
from django.apps import apps
from django.db import connection, connections, models
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from core.concurrency import STALE_MESSAGE, StaleEdit, Versioned, save_versioned
from tests.factories import member

VERSIONED = sorted(
    (m for m in apps.get_models() if issubclass(m, Versioned)),
    key=lambda m: m._meta.label,
)


def test_there_are_editable_records_to_check():
    assert VERSIONED, "no model subclasses core.concurrency.Versioned"


def _text_field(model):
    """An ordinary text field people edit, to change in the test."""
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.unique
            and not field.choices
            and not field.primary_key
        ):
            return field
    return None


@pytest.fixture
def demo(db, seeded_demo):
    """The demo, seeded once for this module; each test's writes are rolled back."""


@pytest.mark.parametrize("model", VERSIONED, ids=lambda m: m._meta.label)
def test_the_second_of_two_editors_is_refused_and_the_first_kept(demo, model):
    record = model._default_manager.order_by("pk").first()
    if record is None:
        pytest.skip(f"the demo has no {model._meta.label} to edit")
    field = _text_field(model)
    assert field is not None, f"{model._meta.label}: no text field to edit in this test"
    # Two people open the same record...
    first, second = (model._default_manager.get(pk=record.pk) for _ in range(2))
    limit = field.max_length or 1000
    setattr(first, field.attname, ("First editor's text " + str(getattr(record, field.attname)))[:limit])
    setattr(second, field.attname, ("Second editor's text " + str(getattr(record, field.attname)))[:limit])
    # ...the first saves, then the second.
    save_versioned(first, first.version, [field.attname])
    with pytest.raises(StaleEdit):
        save_versioned(second, second.version, [field.attname])
    stored = model._default_manager.get(pk=record.pk)
    assert getattr(stored, field.attname) == getattr(first, field.attname)
    assert stored.version == record.version + 1


def _version_on_page(html):
    return re.search(r'name="version" value="(\d+)"', html).group(1)


@pytest.mark.django_db
def test_two_people_editing_a_contact_in_the_browser(school, lead):
    from referrals.models import LocalContact

    deputy = member(school, Role.STAFF, Role.PREVENT_LEAD, full_name="Dana Deputy", email="dana@school.example")
    contact = LocalContact.objects.create(school=school, name="Prevent Education Officer", phone="01733 000000")
    url = reverse("referrals:contact-edit", kwargs={"pk": contact.pk})
    lee, dana = Client(), Client()
    lee.force_login(lead)
    dana.force_login(deputy)
    lee_version = _version_on_page(lee.get(url).content.decode())
    dana_version = _version_on_page(dana.get(url).content.decode())
    form = {"role": "", "email": "", "web_address": "", "notes": "", "order": 0}

    response = lee.post(
        url, {**form, "name": "Prevent Education Officer", "phone": "01733 111111", "version": lee_version}
    )
    assert response.status_code == 302
    response = dana.post(url, {**form, "name": "PEO (Cambs)", "phone": "01733 222222", "version": dana_version})
    html = response.content.decode()
    assert response.status_code == 200
    assert STALE_MESSAGE.split(".")[0] in html.replace("&#x27;", "'")
    assert "PEO (Cambs)" in html and "01733 222222" in html  # Dana's input is still in the form
    contact.refresh_from_db()
    assert (contact.name, contact.phone, contact.version) == ("Prevent Education Officer", "01733 111111", 2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_confirmations_make_one_record(school):
    from tests.training.factories_documents import document
    from training.models import Acknowledgement, DocumentVersion
    from training.services.documents import acknowledgement_confirm, version_publish

    staff = member(school, Role.STAFF, full_name="Sam Staff", email="sam@school.example")
    doc = document(school, label=None)
    version = version_publish(
        document=doc, by=None, label="2025", effective_on=datetime.date(2025, 9, 1), url="https://www.gov.uk/kcsie"
    )
    version = DocumentVersion.objects.select_related("document").get(pk=version.pk)
    start = threading.Barrier(20)
    outcomes, errors = [], []

    def confirm():
        try:
            start.wait()
            _, created = acknowledgement_confirm(user=staff, version=version, statement="I have read it.")
            outcomes.append(created)
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == [False] * 19 + [True]
    assert Acknowledgement.objects.filter(user=staff).count() == 1
    from accounts.audit import broken_links

    assert broken_links() == []
