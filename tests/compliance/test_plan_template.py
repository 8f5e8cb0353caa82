"""The Cambridgeshire and Peterborough template: a new school's plan holds the whole document."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from compliance import measures
from compliance.models import Action, ActionHistory, ActionPlan, Owner
from compliance.plan_templates import available, load

from .factories import template_plan

# A byte-for-byte copy of seed/prevent-action-plan-cambridgeshire-peterborough.txt.
SEED = Path(__file__).resolve().parent / "data" / "prevent-action-plan-cambridgeshire-peterborough.txt"


def _normal(text):
    return re.sub(r"\s+", " ", text).strip()


def _source_sentences():
    text = SEED.read_text(encoding="utf-8")
    # The source splits one heading across two cells: "resi<TAB>lience".
    text = text.replace("resi\tlience", "resilience")
    header = "Duty\tEvidence\tAction\tBy whom"
    text = text.replace(header, "")
    sentences = []
    for cell in re.split(r"[\t\n]", text):
        cell = _normal(cell)
        # Sentences end at ". " (a full stop followed by a space); smaller pieces are fine too.
        sentences += [s for s in re.split(r"(?<=\.) ", cell) if s]
    return sentences


def _plan_texts(plan):
    """Every cell of the created plan, joined as the document joins them (actions, owners)."""
    texts = [plan.title, plan.statement]
    for area in plan.areas.all():
        texts.append(area.title)
        for duty in area.duties.all():
            texts.append(duty.text)
            for evidence in duty.evidence_lines.all():
                texts.append(evidence.text)
                actions = list(evidence.actions.order_by("position"))
                texts.append(_normal(" ".join([evidence.actions_intro, *[a.text for a in actions]])))
                texts.append(" ".join(a.owner_text for a in actions if a.owner_text))
    return [_normal(t) for t in texts]


def test_it_holds_every_sentence_of_the_source_document(school, lead):
    sentences = _source_sentences()
    assert len(sentences) > 50  # the split found the document's sentences
    plan = template_plan(school, lead)
    texts = _plan_texts(plan)
    missing = [s for s in sentences if not any(s in t for t in texts)]
    assert not missing, missing


def test_it_fills_the_school_name_into_the_statement(school, lead):
    plan = template_plan(school, lead)
    assert plan.statement.startswith("Ken Stimpson Community School recognises that it has a duty under Section 26")
    assert "{school}" not in plan.statement


def test_it_keeps_the_document_order_and_splits_actions_with_their_own_owners(school, lead):
    plan = template_plan(school, lead)
    assert [a.title for a in plan.areas.all()] == [
        "Risk assessment",
        "Working in Partnership",
        "Staff training",
        "IT Policies",
        "Building children's resilience to radicalisation",
    ]
    actions = list(plan.actions.all())
    assert actions[0].text.startswith('All staff have read "Keeping Children Safe in Education" (DfE, 2019)')
    assert actions[0].owner == Owner.ALL_STAFF
    assert actions[1].text.startswith("The Prevent Lead has informed staff of their duties")
    assert actions[1].owner == Owner.PREVENT_LEAD
    training = [a for a in actions if a.evidence.duty.area.title == "Staff training"]
    assert [a.owner for a in training] == [
        Owner.DSL_AND_PREVENT_LEAD,
        Owner.DSL_AND_PREVENT_LEAD,
        Owner.IDENTIFIED_STAFF,
    ]
    curriculum = next(a for a in actions if a.text == "The curriculum reflects this duty.")
    assert curriculum.owner == "" and curriculum.owner_text == ""
    assert len(actions) == 28


def test_it_keeps_phone_numbers_and_web_addresses(school, lead):
    plan = template_plan(school, lead)
    everything = " ".join(plan.actions.values_list("text", flat=True))
    for fact in [
        "0345 045 5203",
        "01733 864180",
        "Prevent@cambs.pnn.police.uk",
        "www.safeguardingcambspeterborough.org.uk/childrenboard/",
        "www.elearning.prevent.homeoffice.gov.uk/",
        "www.ltai.info",
        "https://educateagainsthate.com/",
        "https://www.gov.uk/government/news/guidance-on-promoting-british-values-in-schools-published/",
    ]:
        assert fact in everything


def test_it_starts_every_action_not_started_with_a_history_line(school, lead):
    plan = template_plan(school, lead)
    assert set(plan.actions.values_list("status", flat=True)) == {Action.Status.NOT_STARTED}
    assert ActionHistory.objects.filter(action__plan=plan).count() == plan.actions.count()


def test_it_links_measures_only_when_an_app_has_registered_them(school, lead, monkeypatch):
    monkeypatch.setitem(
        measures.REGISTRY,
        "speakers.due_diligence",
        measures.MeasureKind("speakers.due_diligence", "Speakers checked", lambda school: measures.MeasureResult(1, 1)),
    )
    for key in list(measures.REGISTRY):
        if key != "speakers.due_diligence":
            monkeypatch.delitem(measures.REGISTRY, key)
    plan = template_plan(school, lead)
    linked = dict(plan.actions.exclude(measure_key="").values_list("text", "measure_key"))
    assert linked == {
        "Research the person/organisation to establish whether they have demonstrated extreme views/actions.": (
            "speakers.due_diligence"
        )
    }


def test_the_template_folder_lists_the_template():
    assert ("cambridgeshire-peterborough-2019", load("cambridgeshire-peterborough-2019")["title"]) in available()


def test_it_refuses_a_second_plan_for_the_same_year(school, lead):
    from django.core.exceptions import ValidationError

    template_plan(school, lead)
    with pytest.raises(ValidationError):
        template_plan(school, lead)


def test_the_command_makes_a_plan(school):
    out = io.StringIO()
    # Chosen explicitly: a school of any area may be given the seed's plan by the command.
    call_command(
        "create_plan", school.urn, "--year", "2027/28", "--template", "cambridgeshire-peterborough-2019", stdout=out
    )
    assert "28 actions" in out.getvalue()
    plan = ActionPlan.objects.get(school=school)
    assert plan.academic_year == "2027/28"
    assert plan.actions.count() == 28
