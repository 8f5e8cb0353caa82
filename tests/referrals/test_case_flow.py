"""The whole route, as a Prevent Lead would take it: concern, advice, referral, Channel, actions, close."""

import datetime

import time_machine
from django.urls import reverse

from accounts.models import AuditEvent
from referrals.models import Case, CaseAccess, ChannelReview, ConcernCategory, Decision
from referrals.services import concern_categories_ensure


def test_it_records_a_concern_through_channel_to_its_close(world, login):
    concern_categories_ensure()
    client = login(world.lead)
    today = datetime.date.today()
    raised = today - datetime.timedelta(days=30)

    response = client.post(
        reverse("referrals:case-add"),
        {
            "pupil_identifier": "CPOMS-88123",
            "year_group": "10",
            "raised_on": raised.isoformat(),
            "raised_by": world.staff.pk,
            "summary": "Repeated extremist slogans in class and shared a video.",
            "concern_category": ConcernCategory.objects.get(code="extreme-right-wing").pk,
        },
    )
    case = Case.objects.get(school=world.school)
    assert case.concern_category.label == "Extreme right-wing"
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:case-detail", args=[case.pk])
    assert case.reference == f"PRV-{raised.year}-001"
    assert AuditEvent.objects.filter(action="create", object_type="referrals.case", object_id=str(case.pk)).exists()

    def post(name, data, **kw):
        url = reverse(f"referrals:{name}", kwargs={"pk": case.pk, **kw})
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        return client.get(response["Location"])

    page = post(
        "decision-add",
        {"kind": "advice", "rationale": "Seek advice from the police Prevent team first.", "decided_on": raised},
    )
    assert "has been recorded" in page.content.decode()
    post(
        "agency-contact-add",
        {
            "agency": "police_prevent",
            "contacted_on": raised,
            "method": "phone",
            "their_reference": "",
            "response": "Advised a Prevent referral.",
        },
    )
    post("decision-add", {"kind": "prevent", "rationale": "Threshold met on advice.", "decided_on": raised})
    post(
        "agency-contact-add",
        {
            "agency": "police_prevent",
            "contacted_on": raised,
            "method": "form",
            "their_reference": "CTP-1234",
            "response": "Received; to Channel.",
        },
    )
    post(
        "sharing-add",
        {
            "what": "Referral form and school summary",
            "shared_with": "Counter Terrorism Policing",
            "lawful_basis": "public_task_safeguarding",
            "shared_on": raised,
        },
    )
    post(
        "channel-add",
        {"panel_on": raised + datetime.timedelta(days=7), "adoption": "adopted", "support_summary": "Mentoring."},
    )
    post(
        "triage-add",
        {"outcome": "channel", "triaged_on": raised + datetime.timedelta(days=3), "police_reference": "CTP-1234"},
    )
    post(
        "consent-add",
        {"status": "given", "given_by": "parent_carer", "on": raised + datetime.timedelta(days=8), "reason": ""},
    )
    left_channel = raised + datetime.timedelta(days=20)
    page = post("channel-exit-add", {"left_on": left_channel, "note": "Mentoring completed."})
    assert "6- and 12-month reviews scheduled" in page.content.decode()
    post(
        "action-add",
        {
            "description": "Weekly mentoring check-in",
            "owner": world.dsl.pk,
            "due_on": today + datetime.timedelta(days=7),
        },
    )

    # The case cannot close while an agreed action is open.
    close_url = reverse("referrals:case-close", args=[case.pk])
    close = {"closed_on": today.isoformat(), "outcome": "channel_completed", "birth_year": "2010"}
    response = client.post(close_url, close)
    assert response.status_code == 200
    assert "not done yet" in response.content.decode()

    action = case.agreed_actions.get()
    post("action-done", {}, action_pk=action.pk)
    page = post("case-close", close)
    assert "The case has been closed" in page.content.decode()

    case.refresh_from_db()
    assert case.closed_on == today
    assert case.outcome == "channel_completed"
    assert case.retention_review_on == datetime.date(2035, 12, 31)
    assert [d.kind for d in case.decisions.all()] == [Decision.Kind.SEEK_ADVICE, Decision.Kind.PREVENT_REFERRAL]
    assert case.agency_contacts.count() == 2
    assert case.channel_panels.get().adoption == "adopted"
    assert case.information_sharing.get().shared_by == world.lead
    types = set(AuditEvent.objects.filter(action="create").values_list("object_type", flat=True))
    assert {
        "referrals.case",
        "referrals.decision",
        "referrals.agencycontact",
        "referrals.channelpanel",
        "referrals.informationsharing",
        "referrals.agreedaction",
    } <= types
    assert CaseAccess.objects.filter(case=case, user=world.lead).exists()
    assert case.triages.get().outcome == "channel"
    assert case.consents.get().given_by == "parent_carer"
    reviews = ChannelReview.objects.filter(case=case)
    assert [(r.months, r.due_on.month) for r in reviews] == [
        (6, (left_channel.month + 5) % 12 + 1),
        (12, left_channel.month),
    ]
    # Six months after leaving Channel, the review is on the Lead's home; recorded, it leaves it.
    six_months_on = reviews[0].due_on + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(six_months_on, datetime.time(10)).astimezone(), tick=False):
        login(world.lead)  # the session of six months ago has expired
        home = client.get(reverse("home")).content.decode()
        assert "Reviews after Channel due (6 and 12 months)" in home
        post(
            "review-record",
            {"reviewed_on": six_months_on, "outcome": "no_concerns", "note": "Settled; no new concerns."},
            review_pk=reviews[0].pk,
        )
        assert "Reviews after Channel due" not in client.get(reverse("home")).content.decode()

    # Closed: nothing more can be added.
    response = client.get(reverse("referrals:decision-add", args=[case.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "is closed" in page


def test_it_uses_the_date_the_school_gives_for_the_retention_review(world, login):
    from .factories import make_case, make_decision

    case = make_case(world.school, world.lead)
    make_decision(case, world.lead, kind=Decision.Kind.NO_FURTHER_ACTION)
    response = login(world.lead).post(
        reverse("referrals:case-close", args=[case.pk]),
        {"closed_on": datetime.date.today(), "outcome": "nfa", "retention_review_on": "2040-08-31"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.retention_review_on == datetime.date(2040, 8, 31)


def test_it_asks_for_a_birth_year_or_a_review_date_when_closing(world, login):
    from .factories import make_case, make_decision

    case = make_case(world.school, world.lead)
    make_decision(case, world.lead)
    response = login(world.lead).post(
        reverse("referrals:case-close", args=[case.pk]), {"closed_on": datetime.date.today(), "outcome": "nfa"}
    )
    assert response.status_code == 200
    assert "year of birth or the retention review date" in response.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


def test_it_refuses_to_close_a_case_without_a_decision(world, login):
    from .factories import make_case

    case = make_case(world.school, world.lead)
    response = login(world.lead).post(
        reverse("referrals:case-close", args=[case.pk]),
        {"closed_on": datetime.date.today(), "outcome": "nfa", "birth_year": "2012"},
    )
    assert "Record at least one decision" in response.content.decode()


def test_it_shows_errors_on_an_empty_concern(world, login):
    response = login(world.dsl).post(reverse("referrals:case-add"), {"summary": ""})
    assert response.status_code == 200
    assert "There are problems" in response.content.decode()
    assert not Case.objects.exists()
