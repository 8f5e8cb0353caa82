"""Every kind of change to an action, made through its form, leaves a page that renders its
history in words: labels, choices, names and dates, never stored values or ids."""

import html
import json
import re

import pytest
from django.urls import reverse

from compliance.models import ActionHistory

from .factories import template_plan

HISTORY = re.compile(r'<ol class="list-unstyled action-history">(.*?)</ol>', re.S)
CHANGE_LISTS = re.compile(r'<ul class="small mb-0">(.*?)</ul>', re.S)


@pytest.fixture
def action(school, lead):
    return template_plan(school, lead).actions.get(text__startswith="Request an outline")


def _form(action, **changes):
    """What the edit form posts for ``action`` as it is now, with ``changes``."""
    data = {
        "text": action.text,
        "status": action.status,
        "owner": action.owner,
        "owner_label": action.owner_label,
        "people": [p.pk for p in action.people.all()],
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "review_date": action.review_date.isoformat() if action.review_date else "",
        "last_reviewed_on": action.last_reviewed_on.isoformat() if action.last_reviewed_on else "",
        "notes": action.notes,
        "measure_key": action.measure_key,
        "measure_params": json.dumps(action.measure_params or {}),
        "threshold_percent": "" if action.threshold_percent is None else action.threshold_percent,
        "version": action.version,
    }
    data.update(changes)
    return data


def _history(client, action):
    """The changes of each history entry on the action's page, newest first, as text."""
    page = client.get(reverse("compliance:action-detail", args=[action.pk]))
    assert page.status_code == 200
    history = HISTORY.search(page.content.decode()).group(1)
    return [html.unescape(re.sub(r"<[^>]+>", "\n", changes)) for changes in CHANGE_LISTS.findall(history)]


# (what the form changes, what the history then says, stored values it must not show)
CHANGES = [
    ({"text": "Ask every speaker for an outline"}, "Action: Request an outline", []),
    ({"status": "needs_attention"}, "Status: Not started → Needs attention", ["needs_attention", "not_started"]),
    ({"owner": "pshe_staff"}, "Owner (by whom): Prevent Lead/SPOC → PSHE staff", ["pshe_staff", "prevent_lead"]),
    ({"owner_label": "Head of PSHE"}, "Owner as written in the plan: — → Head of PSHE", []),
    ({"people": "staff+dsl"}, "Named people: — → Dee Dsl, Sam Staff", ["[", "]"]),
    ({"people": "dsl"}, "Named people: Dee Dsl, Sam Staff → Dee Dsl", ["[", "]"]),
    ({"target_date": "2026-12-01"}, "Target date: — → 1 December 2026", ["2026-12-01"]),
    ({"review_date": "2027-03-15"}, "Next review date: — → 15 March 2027", ["2027-03-15"]),
    ({"last_reviewed_on": "2026-11-02"}, "Last reviewed on: — → 2 November 2026", ["2026-11-02"]),
    ({"last_reviewed_on": "2026-11-02"}, "Last reviewed by: — → Lee Lead", []),  # the same entry, read again
    ({"last_reviewed_on": "2026-11-03"}, "Last reviewed on: 2 November 2026 → 3 November 2026", []),
    ({"notes": "Asked at the briefing."}, "Notes: — → Asked at the briefing.", []),
    (
        {"measure_key": "documents.confirmed"},
        "Live evidence: — → Share of required staff who confirmed the current version of a document",
        ["documents.confirmed"],
    ),
    ({"measure_params": '{"document": "kcsie"}'}, "Measure settings: — → document: kcsie", ["{", "}"]),
    ({"threshold_percent": "80"}, "Threshold (%): — → 80%", []),
]


def test_each_field_changed_through_the_form_reads_as_words_in_the_history(login, lead, staff, dsl, action):
    client = login(lead)
    people = {"staff+dsl": [staff.pk, dsl.pk], "dsl": [dsl.pk]}
    for changes, words, raw in CHANGES:
        action.refresh_from_db()
        if "people" in changes:
            changes = {"people": people[changes["people"]]}
        if _form(action, **changes) != _form(action):
            response = client.post(reverse("compliance:action-edit", args=[action.pk]), _form(action, **changes))
            assert response.status_code == 302, f"{changes}: the form refused it"
            assert ActionHistory.objects.filter(action=action).first().summary == "Updated"
        newest = _history(client, action)[0]
        assert words in newest, f"{changes}: the history does not say {words!r}:\n{newest}"
        for value in raw:
            assert value not in newest, f"{changes}: the history shows the stored {value!r}"


def test_the_history_reads_whatever_shape_an_entry_was_stored_in(login, lead, staff, action):
    """History is append-only: entries written by earlier versions must read too."""
    shapes = [
        {"people": [[staff.pk], [staff.pk, 999_999]]},  # ids of people, one long gone
        {"people": [None, ["Ann Able", "Bo Brown"]]},
        {"owner_roles": [["dsl"], ["dsl", "prevent_lead"]]},
        {"last_reviewed_by": [None, staff.pk]},
        {"measure_params": [{}, {"document": "kcsie", "roles": ["staff"]}]},
        {"kind": [None, "file"], "evidence": [None, "Briefing slides"]},
        {"status": "in_place"},  # not an [old, new] pair
        {"threshold_percent": [None, 90], "flagged": [False, True], "odd": ["x", "y", "z"]},
        ["a list instead of a mapping"],
        "plain text",
    ]
    for changes in shapes:
        ActionHistory.objects.create(action=action, by=lead, summary="Stored long ago", changes=changes)
    history = "\n".join(_history(login(lead), action))
    assert "Named people: Sam Staff → Sam Staff, someone no longer on record" in history
    assert "Named people: — → Ann Able, Bo Brown" in history
    assert "Owner roles: Designated Safeguarding Lead → Designated Safeguarding Lead, Prevent Lead/SPOC" in history
    assert "Last reviewed by: — → Sam Staff" in history
    assert "Measure settings: — → document: kcsie; roles: Staff" in history
    assert "Kind: — → File" in history and "Evidence: — → Briefing slides" in history
    assert "Status: — → In place" in history
    assert "Threshold (%): — → 90%" in history and "Flagged: No → Yes" in history
    assert "Odd: — → x, y, z" in history
    assert "Change: — → a list instead of a mapping" in history and "Change: — → plain text" in history
    assert not re.search(rf"\b({staff.pk}|999999)\b", history), "an id is shown instead of a name"
