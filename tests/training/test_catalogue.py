"""The guidance catalogue: editions with dates, reading by role and sources, checked when loaded;
the edition in force on a day, and editions newer than a school's."""

import copy
import datetime

import pytest
import time_machine
import yaml
from django.core.exceptions import ImproperlyConfigured

from training import catalogue
from training.checks import guidance_catalogue_check
from training.default_documents import default_documents, documents_create_defaults
from training.models import Document
from training.selectors.documents import newer_catalogue_editions

from .factories_documents import document, publish


def _data():
    return yaml.safe_load(catalogue.PATH.read_text(encoding="utf-8"))


def test_the_shipped_catalogue_is_valid_with_a_source_for_every_document_and_edition():
    assert guidance_catalogue_check(None) == []
    for entry in catalogue.catalogue().documents:
        assert entry.source["title"] and entry.source["url"], entry.slug
        for edition in entry.editions:
            assert edition.source["url"] and edition.source["date"], (entry.slug, edition.label)
            assert edition.published <= edition.in_force
    slugs = [entry.slug for entry in catalogue.catalogue().documents]
    assert {"kcsie", "prevent-duty-guidance", "working-together", "safeguarding-policy"} <= set(slugs)


@pytest.mark.parametrize(
    "day, label",
    [
        (datetime.date(2025, 8, 31), "2024"),
        (datetime.date(2025, 9, 1), "2025"),
        (datetime.date(2026, 7, 31), "2025"),  # 2026 is published but not yet in force
        (datetime.date(2026, 11, 30), "2026"),
    ],
)
def test_a_new_school_gets_the_kcsie_edition_in_force_on_the_day(day, label):
    kcsie = next(d for d in default_documents(day) if d.slug == "kcsie")
    assert kcsie.version.label == label
    assert "governor" in kcsie.audience
    assert kcsie.reading["governor"] == "Part one and Part two (the management of safeguarding)"
    assert kcsie.reading["prevent_lead"] == "Part one and Annex B"


def test_the_schools_own_policies_have_no_edition():
    policy = next(d for d in default_documents(datetime.date(2026, 11, 30)) if d.slug == "safeguarding-policy")
    assert policy.version is None


def _spoil(change):
    data = copy.deepcopy(_data())
    change(data)
    return data


def _kcsie(data):
    return next(d for d in data["documents"] if d["slug"] == "kcsie")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: _kcsie(d)["editions"][0].pop("source"), "a source (title, url) is needed"),
        (lambda d: _kcsie(d)["editions"][0]["source"].pop("date"), "the source needs a date"),
        (lambda d: _kcsie(d).pop("source"), "a source (title, url) is needed"),
        (lambda d: _kcsie(d)["source"].update(url="www.gov.uk"), "the source needs a url"),
        (lambda d: _kcsie(d)["editions"][0].pop("in_force"), "published and in_force dates"),
        (lambda d: _kcsie(d)["editions"][0].update(published=datetime.date(2024, 9, 2)), "comes into force after"),
        (lambda d: _kcsie(d)["editions"][1].update(label="2024"), "two editions share a label"),
        (lambda d: _kcsie(d)["editions"][0]["reading"].update(caretaker="Part one"), "unknown role 'caretaker'"),
        (lambda d: _kcsie(d)["audience"].append("pupil"), "unknown role 'pupil'"),
        (lambda d: _kcsie(d).update(editions=[]), "national guidance needs at least one edition"),
        (lambda d: _kcsie(d).update(kind="law"), "kind must be one of"),
        (lambda d: _kcsie(d).update(colour="blue"), "unknown field(s) ['colour']"),
        (lambda d: d["documents"].append(copy.deepcopy(_kcsie(d))), "two documents share a slug"),
    ],
)
def test_a_bad_catalogue_is_refused_with_what_is_wrong(change, message):
    with pytest.raises(ImproperlyConfigured) as error:
        catalogue.parse(_spoil(change))
    assert message in str(error.value)


def test_a_catalogue_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "guidance_catalogue.yaml"
    path.write_text("documents: [\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="not valid YAML"):
        catalogue.load(path)


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC), tick=False)
def test_an_edition_newer_than_the_schools_is_offered_until_it_is_published(school, lead):
    documents_create_defaults(school=school, by=lead, today=datetime.date(2025, 10, 1))
    newer = newer_catalogue_editions(school)
    assert [(n.document.slug, n.edition.label, n.is_in_force) for n in newer] == [("kcsie", "2026", True)]
    kcsie = Document.objects.get(school=school, slug="kcsie")
    publish(kcsie, lead, "2026")
    assert newer_catalogue_editions(school) == []


@time_machine.travel(datetime.datetime(2026, 7, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_an_edition_published_before_it_comes_into_force_is_offered_as_coming(school, lead):
    documents_create_defaults(school=school, by=lead)
    newer = newer_catalogue_editions(school)
    assert [(n.edition.label, n.is_in_force) for n in newer] == [("2026", False)]


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC), tick=False)
def test_a_school_that_named_its_edition_differently_is_still_offered_only_newer_ones(school, lead):
    doc = document(school, lead, label="September 2026")
    doc.current_version.effective_on = datetime.date(2026, 9, 1)
    doc.current_version.save(update_fields=["effective_on"])
    assert newer_catalogue_editions(school) == []
