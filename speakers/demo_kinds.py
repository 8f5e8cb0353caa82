"""The demo's online sessions, recorded material and lettings: each kind at every stage, a weekly
letting series with a cancelled date, and letters to speakers and hirers."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import Kind, SpeakerRequest, Status
from .selectors import latest_decision
from .services import evaluation_record, letting_date_cancel, request_create
from .speaker_letters import letter_draft, letter_initial, letter_mark_sent, letter_review

# A small whole PDF for the demo's uploaded agreements and certificates.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

STATES = [
    Status.DRAFT,
    Status.AWAITING_CHECKS,
    Status.AWAITING_DECISION,
    Status.APPROVED,
    Status.APPROVED_WITH_CONDITIONS,
    Status.DECLINED,
    Status.EVALUATED,
]

# For each kind: (title, names, organisation, the kind's own fields) per stage, in the order of STATES.
ONLINE = [
    ("Live Q&A with an author", "Sita Brahmachari", "", {}),
    ("Climate scientist on Teams: Year 8", "Dr Ellen Price", "British Antarctic Survey", {}),
    ("Online careers panel: apprenticeships", "Four local employers", "Careers Hub", {}),
    ("Virtual tour and talk: Parliament", "Education Service", "UK Parliament", {}),
    ("Debate coaching online", "Amir Khan", "English-Speaking Union", {}),
    ("Online talk: 'Free speech warriors'", "Jay Cole", "Unfiltered Voices", {}),
    ("Holocaust survivor testimony online", "Survivor speaker", "Holocaust Educational Trust", {}),
]
RECORDED = [
    ("Documentary clip: the Windrush generation", "Various", "BBC", {"source": "BBC Teach, YouTube"}),
    ("Short film on online grooming", "Actors", "CEOP Education", {"source": "Thinkuknow website"}),
    ("Extract: 'Exit' (leaving a far-right group)", "Former members", "Channel 4", {"source": "Channel 4 Learning"}),
    ("Animation: how laws are made", "Narrator", "UK Parliament", {"source": "UK Parliament Education YouTube"}),
    ("Interview with a war correspondent", "Lyse Doucet", "BBC", {"source": "BBC iPlayer, recorded"}),
    ("Vlog: 'What they don't teach you'", "Anonymous vlogger", "", {"source": "TikTok account, reposted"}),
    ("Documentary: the Good Friday Agreement", "Various", "BBC", {"source": "BBC Teach"}),
]
LETTINGS = [
    ("Summer fayre planning meeting", "Committee", "Parent Teacher Association", {}),
    ("Weekend coding club", "Club leaders", "Code Club Peterborough", {}),
    ("Tamil language school", "Teachers", "Peterborough Tamil School", {}),
    ("Saturday chess tournament", "Arbiters", "Fenland Chess Club", {}),
    ("Evening yoga classes", "Instructor", "Lotus Yoga CIC", {}),
    ("Hall hire: 'national awakening' rally", "Speakers to be named", "Patriotic Youth Alliance", {}),
    ("Community choir concert", "Choir leaders", "Nene Valley Voices", {}),
]


def _kind_fields(kind, staff, lead, days):
    if kind == Kind.VIRTUAL:
        return {"platform": "Microsoft Teams", "delivery": "live", "moderated_by": staff, "chat_controls": "Chat off"}
    if kind == Kind.RECORDED:
        return {"previewed_by": staff, "previewed_on": timezone.localdate() - datetime.timedelta(days=3)}
    if kind == Kind.SPEAKER:
        return {"biography": "Has spoken in several schools in the county."}
    return {
        "contact_name": "Booking secretary",
        "contact_email": "bookings@hirer.example",
        "insurer": "Community Cover Ltd",
        "insurance_expires": timezone.localdate() + datetime.timedelta(days=max(days, 0) + 200),
        "hire_conditions": "The hirer's named person supervises throughout; no materials handed out without consent.",
    }


def _make(school, by, kind, spec, state, lead, days, **overrides):
    from .demo import _at

    title, names, organisation, extra = spec
    fields = {
        "kind": kind,
        "event_title": title,
        "speaker_names": names,
        "organisation": organisation or "",
        "starts_at": _at(days, 18 if kind == Kind.LETTING else 11),
        "place": "Main hall" if kind == Kind.LETTING else "Room S12",
        "year_groups": "Community use" if kind == Kind.LETTING else "Year 10",
        "expected_size": 40,
        "invited_by": by,
        "outline": "" if state == Status.DRAFT else f"{title}: what it covers and why it suits the audience.",
        **_kind_fields(kind, by, lead, days),
        **extra,
        **overrides,
    }
    if kind == Kind.LETTING and not fields["organisation"]:
        fields["organisation"] = names
    speaker_request = request_create(school=school, by=by, **fields)
    if kind == Kind.LETTING and state not in (Status.DRAFT, Status.AWAITING_CHECKS):
        speaker_request.hire_agreement.save("agreement.pdf", ContentFile(DEMO_PDF), save=False)
        speaker_request.insurance_certificate.save("insurance.pdf", ContentFile(DEMO_PDF), save=False)
        SpeakerRequest.objects.filter(pk=speaker_request.pk).update(
            hire_agreement=speaker_request.hire_agreement.name,
            insurance_certificate=speaker_request.insurance_certificate.name,
        )
    return speaker_request


def _advance(speaker_request, state, lead, head):
    """Take a new request on to ``state`` through the services, dated before its event."""
    from .demo import _backdate, _checks, _decide

    if state in (Status.DRAFT, Status.AWAITING_CHECKS):
        return
    concerns = ("Online and social media search",) if state == Status.DECLINED else ()
    _checks(speaker_request, lead, concerns=concerns)
    if state == Status.AWAITING_DECISION:
        return
    outcome = {
        Status.APPROVED: "approve",
        Status.APPROVED_WITH_CONDITIONS: "approve_conditions",
        Status.DECLINED: "decline",
        Status.EVALUATED: "approve",
    }[state]
    justification = {
        "approve": "Every check is clear and the content suits the audience.",
        "approve_conditions": "Checks are clear; live questions need a member of staff to keep it balanced.",
        "decline": "The online search found the speaker's posts promoting hostility to other faiths; the LA Prevent "
        "officer advises against the booking.",
    }[outcome]
    conditions = ["staff_present"] if outcome == "approve_conditions" else []
    days_before = 6 if state == Status.EVALUATED else None
    decider = head if outcome == "decline" else lead
    _decide(speaker_request, decider, outcome, justification, days_before, conditions=conditions)
    if state == Status.EVALUATED:
        _backdate(speaker_request, 6)
        speaker_request.refresh_from_db()
        evaluation_record(
            speaker_request=speaker_request,
            by=lead,
            went_as_agreed=True,
            notes="It went as agreed; pupils asked good questions.",
            invite_again="yes",
        )


def send_letter(speaker_request, lead, head, *, sent=True, **fields):
    """Draft the letter for the decision that stands, signed by the head; review and send it."""
    decision = latest_decision(speaker_request)
    data = {**letter_initial(speaker_request, decision, head), "signatory_role": "Headteacher", **fields}
    letter = letter_draft(speaker_request=speaker_request, decision=decision, by=lead, **data)
    if sent:
        letter_review(letter=letter, by=lead)
        letter_mark_sent(letter=letter, by=lead, sent_how="email")
    return letter


def seed_kinds(school, lead, head, staff):
    """Every stage of online sessions, recorded material and lettings, the stages the in-person
    speakers of ``demo.seed`` do not show, and a weekly letting series."""
    in_person = [
        (Status.AWAITING_DECISION, ("Knife crime: a mother's story", "Carol Reid", "Ben Kinsella Trust", {})),
        (Status.APPROVED, ("Careers in nursing", "Grace Obi", "North West Anglia NHS Trust", {})),
    ]
    for n, (state, spec) in enumerate(in_person):
        speaker_request = _make(school, staff[n], Kind.SPEAKER, spec, state, lead, 30 + 7 * n)
        _advance(speaker_request, state, lead, head)
    for kind, specs in ((Kind.VIRTUAL, ONLINE), (Kind.RECORDED, RECORDED), (Kind.LETTING, LETTINGS)):
        for n, (state, spec) in enumerate(zip(STATES, specs, strict=True)):
            days = -30 if state == Status.EVALUATED else 12 + 5 * n
            speaker_request = _make(school, staff[n % len(staff)], kind, spec, state, lead, days)
            _advance(speaker_request, state, lead, head)
            if state == Status.DECLINED:
                send_letter(speaker_request, lead, head, sent=kind != Kind.RECORDED)
    seed_series(school, lead, head, staff[4])


def seed_series(school, lead, head, by):
    """Saturday karate, weekly for ten weeks: approved with conditions once, one date cancelled,
    the letter to the hirer sent."""
    from .demo import _at, _checks, _decide

    first = _at(16, 9)
    karate = _make(
        school,
        by,
        Kind.LETTING,
        ("Saturday karate club: sports hall letting", "Kenji Ward (club secretary) and two coaches", "", {}),
        Status.APPROVED_WITH_CONDITIONS,
        lead,
        16,
        organisation="Fenland Karate Club",
        contact_name="Kenji Ward",
        contact_email="secretary@fenlandkarate.example",
        place="Sports hall",
        year_groups="Community use (children and adults)",
        expected_size=35,
        starts_at=first,
        repeat=SpeakerRequest.Repeat.WEEKLY,
        series_until=(first + datetime.timedelta(weeks=9)).date(),
        outline="Weekly karate classes, Saturdays 9 to 12, for the term.",
        hire_conditions="Under-18s supervised by the club's DBS-checked coaches; the club's own safeguarding lead.",
    )
    _checks(karate, lead)
    _decide(
        karate,
        lead,
        "approve_conditions",
        "Checks clear; insurance covers the term; the club's coaches are DBS-checked.",
        conditions=["code_of_conduct"],
        other_conditions="The hall is left as found; no use of the changing rooms by adults while pupils are on site.",
    )
    third = karate.dates.all()[2]
    letting_date_cancel(letting_date=third, by=lead, reason="The sports hall is needed for a county netball fixture.")
    send_letter(karate, lead, head)
    return karate
