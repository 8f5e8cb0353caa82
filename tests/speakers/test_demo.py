"""The demo shows every kind of request at every stage, a letting series and a neutral letter."""

import pytest

from speakers.models import Kind, LettingDate, SentLetter, SpeakerRequest, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_at_every_stage_a_series_and_a_neutral_letter(seeded_demo):
    shown = set(SpeakerRequest.objects.values_list("kind", "status"))
    missing = {(k, s) for k in Kind.values for s in Status.values} - shown
    assert not missing, missing
    series = SpeakerRequest.objects.get(event_title="Saturday karate club: sports hall letting")
    assert series.dates.count() == 10
    assert LettingDate.objects.filter(request=series, cancelled_at__isnull=False).count() == 1
    declined = SpeakerRequest.objects.get(organisation="Patriotic Youth Alliance", kind=Kind.SPEAKER)
    justification = declined.decisions.get().justification
    assert "Prevent officer" in justification
    sent = SentLetter.objects.get(letter__request=declined)
    assert "Dear Dan Mercer" in sent.html
    assert justification not in sent.html and "proscribed" not in sent.html.lower()
