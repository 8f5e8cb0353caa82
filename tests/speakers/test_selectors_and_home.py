"""What the speakers app gives the dashboard, the plan's live evidence and the home page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.measures import REGISTRY
from speakers import demo
from speakers.models import SpeakerRequest
from speakers.selectors import due_diligence_record, speaker_summary

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db
WIDE = (datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))


@pytest.mark.parametrize("size", [1, 12])
def test_it_summarises_requests_in_one_query(school, staff, lead, size, django_assert_num_queries):
    for i in range(size):
        speaker_request = make_request(school, staff, kind="letting" if i % 3 == 0 else "speaker")
        if i % 2:
            decide(speaker_request, lead, outcome="decline")
    with django_assert_num_queries(1):
        summary = speaker_summary(school, *WIDE)
    assert summary["total"] == size
    assert summary["by_decision"].get("decline", 0) == size // 2
    assert summary["by_kind"]["letting"] == len(range(0, size, 3))


def test_it_counts_only_events_checked_and_decided_before_the_date(school, staff, lead):
    good = complete_checks(make_request(school, staff, event_title="In time"), lead)
    decide(good, lead)
    make_request(school, staff, event_title="Not decided")
    late = complete_checks(make_request(school, staff, event_title="Decided late"), lead)
    decide(late, lead)
    SpeakerRequest.objects.filter(pk=late.pk).update(starts_at=timezone.now() - datetime.timedelta(days=2))
    met, total, shortfall = due_diligence_record(school, *WIDE)
    assert (met, total) == (1, 3)
    assert any("Not decided" in s for s in shortfall) and any("Decided late" in s for s in shortfall)


def test_it_registers_the_live_evidence_measure(school, staff, lead):
    good = complete_checks(make_request(school, staff), lead)
    decide(good, lead)
    result = REGISTRY["speakers.due_diligence"].compute(school)
    assert (result.numerator, result.denominator) == (1, 1)
    assert result.detail_url.startswith(reverse("speakers:register"))


def test_it_lists_open_requests_on_the_home_page(login, school, staff, lead):
    make_request(school, staff)
    assert "Your speaker requests awaiting a decision" in login(staff).get(reverse("home")).content.decode()
    lead_home = login(lead).get(reverse("home")).content.decode()
    assert "Speaker requests to check" in lead_home
    # The link opens the register filtered to exactly the requests it counts.
    assert f'href="{reverse("speakers:register")}?status=awaiting_checks"' in lead_home


def test_it_seeds_the_demo_once(school, lead, head):
    from tests.factories import member

    for i in range(6):
        member(school, full_name=f"Demo Staff {i}", email=f"demo{i}@school.example")
    demo.seed(school)
    count = SpeakerRequest.objects.filter(school=school).count()
    demo.seed(school)
    # six in-person speakers, two more stages of them, seven stages of each other kind, the letting series
    assert count == 6 + 2 + 3 * 7 + 1
    assert SpeakerRequest.objects.filter(school=school).count() == count
