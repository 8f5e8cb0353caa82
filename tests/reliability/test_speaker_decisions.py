"""One speaker request, one current decision: two people deciding at once cannot both win.

Found under load: approve and decline were both recorded as first decisions in 26 of 30 tries,
and each person was told theirs was recorded.
"""

import re

import pytest
from django.urls import reverse

from speakers.models import Decision, SpeakerRequest
from tests.speakers.factories import complete_checks, make_request

from .conftest import form_values, needs_postgres, run_together, signed_in

TRIES = 30
CONFLICT = "recorded a decision on this request while you were deciding"


def _decide(client, url, values, outcome):
    def post():
        return client.post(url, {**values, "outcome": outcome, "justification": f"{outcome}: reasons in writing."})

    return post


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_deciding_at_once_make_one_decision_and_the_other_is_told(school, staff, lead, head):
    lee, hal = signed_in(lead), signed_in(head)
    outcomes = []
    for _ in range(TRIES):
        speaker_request = complete_checks(make_request(school, staff), lead)
        url = reverse("speakers:decide", args=[speaker_request.pk])
        # Both open the decision page while nothing is decided yet...
        lee_form, hal_form = form_values(lee.get(url).content.decode()), form_values(hal.get(url).content.decode())
        # ...and send it at the same instant, one approving and one declining.
        (lee_answer, hal_answer), errors = run_together(
            _decide(lee, url, lee_form, "approve"), _decide(hal, url, hal_form, "decline")
        )
        assert errors == []
        decisions = list(Decision.objects.filter(request=speaker_request))
        assert len(decisions) == 1, f"{len(decisions)} decisions recorded for one request"
        winner, loser = (lee_answer, hal_answer) if lee_answer.status_code == 302 else (hal_answer, lee_answer)
        assert winner.status_code == 302
        page = loser.content.decode()
        assert loser.status_code == 200 and CONFLICT in page, re.findall(r"alert[^>]*>(.*?)</", page, re.S)
        assert "has been recorded" not in page
        standing = decisions[0]
        shown = page.split('id="decision-conflict"', 1)[1].split("</div>", 1)[0]
        assert f"<strong>{standing.get_outcome_display()}</strong>" in shown  # the decision that stands
        speaker_request.refresh_from_db()
        assert speaker_request.status != SpeakerRequest._meta.get_field("status").default
        outcomes.append(standing.outcome)
    assert len(outcomes) == TRIES


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_changes_of_the_same_decision_at_once_make_one(school, staff, lead, head):
    """Both supersede the current decision: one change is recorded, the other person is told."""
    from tests.speakers.factories import decide

    lee, hal = signed_in(lead), signed_in(head)
    for _ in range(5):
        speaker_request = complete_checks(make_request(school, staff), lead)
        first = decide(speaker_request, lead, outcome="approve")
        url = reverse("speakers:decide", args=[speaker_request.pk])
        lee_form, hal_form = form_values(lee.get(url).content.decode()), form_values(hal.get(url).content.decode())
        assert lee_form["supersedes"] == hal_form["supersedes"] == str(first.pk)

        def change(client, values, outcome, url=url):
            return lambda: client.post(
                url,
                {**values, "outcome": outcome, "justification": "New facts.", "reason_for_change": "New facts."},
            )

        answers, errors = run_together(change(lee, lee_form, "decline"), change(hal, hal_form, "approve"))
        assert errors == []
        assert sorted(a.status_code for a in answers) == [200, 302]
        assert Decision.objects.filter(request=speaker_request).count() == 2
        assert Decision.objects.filter(supersedes=first).count() == 1


@pytest.mark.django_db
def test_the_migration_links_first_decisions_recorded_at_once_before_the_rule(school, staff, lead, head):
    """Data from before the rule: the migration links the doubles (lifting the evidence triggers
    for that one repair), so that the rule can be added and the decision shown stays the same."""
    import importlib

    from django.apps import apps
    from django.db import connection

    from core import append_only

    migration = importlib.import_module("speakers.migrations.0002_one_current_decision")
    speaker_request = complete_checks(make_request(school, staff), lead)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX speaker_decision_one_first")  # as before the rule (rolled back after)
    first = Decision.objects.create(request=speaker_request, outcome="approve", justification="A", decided_by=lead)
    second = Decision.objects.create(request=speaker_request, outcome="decline", justification="B", decided_by=head)

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.chain_simultaneous_first_decisions(apps, editor)
    append_only.install(connection)
    second.refresh_from_db()
    assert second.supersedes_id == first.pk and "same moment" in second.reason_for_change
    assert Decision.objects.filter(request=speaker_request, supersedes__isnull=True).count() == 1
