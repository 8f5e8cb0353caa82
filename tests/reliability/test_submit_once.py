"""Every form saves once: the same form sent twice (a double click, a retry after an error) makes
one record, and a second send is told "already saved".

Found under load: two clicks 40 ms apart on "Open case" made two Prevent cases; parallel double
POSTs duplicated agency contacts, Channel panels, information-sharing lines, agreed actions,
speaker requests, training records, evidence items and document versions.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from accounts.submissions import ALREADY_SAVED, TOKEN_FIELD, new_token
from core.periods import academic_year, academic_year_of, next_academic_year
from referrals.models import Case
from tests.referrals.factories import category_pk
from tests.security.matrix import PERSONAS, all_entries
from tests.security.matrix import compliance as plan_matrix
from tests.security.matrix import referrals as referral_matrix
from tests.security.matrix import reports as report_matrix
from tests.security.matrix import speakers as speaker_matrix
from tests.security.matrix import training_courses as course_matrix
from tests.security.matrix import training_documents as document_matrix
from tests.security.test_forms_and_requests import _counts
from tests.training.factories_courses import PDF_BYTES, CourseFactory

from .conftest import form_values, needs_postgres, run_together, signed_in

TODAY = timezone.localdate()
DAY = TODAY - datetime.timedelta(days=3)


def _upload(name="evidence.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _case(w):
    return referral_matrix.case_kwargs(w)


def _course_id(w):
    return CourseFactory(school=w.school).pk


# (URL name, who sends it, the URL's kwargs, the form's data): every form that creates something.
CREATES = [
    (
        "referrals:case-add",
        "lead",
        None,
        lambda w: {
            "pupil_identifier": "CPOMS-77",
            "year_group": "9",
            "concern_category": category_pk(),
            "raised_on": DAY,
            "raised_by": w.staff.pk,
            "summary": "Comments in class.",
        },
    ),
    (
        "referrals:decision-add",
        "lead",
        _case,
        lambda w: {"kind": "support", "rationale": "Mentoring in school.", "decided_on": TODAY},
    ),
    (
        "referrals:agency-contact-add",
        "lead",
        _case,
        lambda w: {"agency": "la_prevent", "contacted_on": TODAY, "method": "phone", "response": "Advice given."},
    ),
    ("referrals:channel-add", "lead", _case, lambda w: {"panel_on": TODAY, "adoption": "pending"}),
    (
        "referrals:action-add",
        "lead",
        _case,
        lambda w: {"description": "Weekly check-in", "owner": w.lead.pk, "due_on": TODAY + datetime.timedelta(days=9)},
    ),
    (
        "referrals:sharing-add",
        "lead",
        _case,
        lambda w: {
            "what": "Chronology",
            "shared_with": "LA Prevent officer",
            "lawful_basis": "public_task_safeguarding",
            "shared_on": TODAY,
        },
    ),
    ("referrals:contact-add", "lead", None, lambda w: {"name": "Police Prevent team", "order": 5}),
    (
        "speakers:request-add-kind",
        "staff",
        lambda w: {"kind": "speaker"},
        lambda w: {
            "speaker_names": "A. Speaker",
            "event_title": "Assembly on cohesion",
            "starts_at": (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Main hall",
            "invited_by": w.staff.pk,
            "outline": "Community cohesion.",
        },
    ),
    (
        "speakers:decide",
        "lead",
        speaker_matrix._pk,
        lambda w: {"outcome": "decline", "justification": "Links to a proscribed group."},
    ),
    ("speakers:check-edit", "lead", speaker_matrix._check, lambda w: {"result": "no_concerns", "notes": "Searched."}),
    ("speakers:checklist", "lead", None, lambda w: {"name": "Companies House check", "position": 9}),
    (
        "training:document-add",
        "lead",
        None,
        lambda w: {"title": "Online safety policy", "slug": "online-safety", "kind": "policy", "audience": ["staff"]},
    ),
    (
        "training:version-publish",
        "lead",
        document_matrix._doc_kwargs,
        lambda w: {"label": "2026", "effective_on": DAY, "url": "https://www.gov.uk/kcsie", "is_minor": ""},
    ),
    (
        "training:acknowledgement-on-behalf",
        "lead",
        document_matrix._doc_kwargs,
        lambda w: {"person": w.dsl.pk, "note": "Read a paper copy at the briefing."},
    ),
    (
        "training:acknowledgement-withdraw",
        "lead",
        lambda w: {"pk": document_matrix._acknowledgement(w).pk},
        lambda w: {"reason": "Confirmed by mistake."},
    ),
    (
        "training:course-add",
        "lead",
        None,
        lambda w: {"title": "Channel awareness", "slug": "channel", "kind": "e_learning", "position": 3},
    ),
    ("training:needs-add", "lead", None, lambda w: {"assessed_on": DAY, "risk": "Online", "summary": "All staff."}),
    (
        "training:needs-detail",
        "lead",
        lambda w: {"assessment_id": course_matrix._assessment(w).pk},
        lambda w: {"course": _course_id(w), "role": "staff", "reason": "Everyone."},
    ),
    ("training:group-add", "lead", None, lambda w: {"name": "PSHE team", "members": [w.staff.pk]}),
    (
        "training:record-add",
        "lead",
        None,
        lambda w: {"user": w.staff.pk, "course": _course_id(w), "completed_on": DAY, "certificate": _upload()},
    ),
    (
        "training:record-correct",
        "lead",
        lambda w: {"record_id": course_matrix._record(w).pk},
        lambda w: {"completed_on": DAY, "correction_reason": "Wrong date."},
    ),
    (
        "training:briefing-add",
        "lead",
        None,
        lambda w: {"held_on": DAY, "title": "Prevent update", "topics": "Referrals.", "invited_roles": ["staff"]},
    ),
    (
        "compliance:plan-create",
        "lead",
        None,
        lambda w: {"template": "cambridgeshire-peterborough-2019", "academic_year": _next_year()},
    ),
    (
        "compliance:evidence-add",
        "lead",
        lambda w: {"action_id": plan_matrix._action(w).pk},
        lambda w: {"kind": "file", "title": "Briefing slides", "file": _upload("slides.pdf")},
    ),
    (
        "accounts:member-add",
        "lead",
        None,
        lambda w: {"full_name": "Nia New", "email": "nia.new@school.example", "roles": ["staff"]},
    ),
    ("compliance:snapshot-create", "lead", None, lambda w: {"title": "Autumn meeting", "period": academic_year().key}),
    (
        "compliance:challenge-create",
        "governor",
        lambda w: {"pk": report_matrix._snapshot(w).pk},
        lambda w: {"question": "How do we know staff read the policy?"},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona", "kwargs", "data"), CREATES, ids=[c[0] for c in CREATES])
def test_the_same_form_sent_twice_saves_once(world, name, persona, kwargs, data):
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    client = signed_in(getattr(world, persona))
    values = data(world)
    page = client.get(url)
    hidden = form_values(page.content.decode()) if page.status_code == 200 else {TOKEN_FIELD: new_token()}
    assert TOKEN_FIELD in hidden, f"{name}: the form carries no submission token"
    before = _counts()
    first = client.post(url, {**hidden, **values})
    assert first.status_code == 302, f"{name}: the first send was refused ({first.status_code})"
    saved = _counts()
    assert saved != before, f"{name}: the first send saved nothing"
    for upload in values.values():
        if hasattr(upload, "seek"):
            upload.seek(0)
    again = client.post(url, {**hidden, **values}, follow=True)
    assert _counts() == saved, f"{name}: the second send of the same form saved again"
    assert again.redirect_chain[0][0] == first["Location"]  # to what the first one made
    assert ALREADY_SAVED in again.content.decode().replace("&#x27;", "'")


def _next_year():
    """A year with no plan yet, whatever today is (the world's plan is this year's)."""
    return next_academic_year(academic_year_of(timezone.localdate()))


# Forms that are not saved through @submit_once, and why.
NOT_ONCE = {
    "logout": "signing out twice is signing out",
    "accounts:switch-school": "changes only the session",
    # Public pages: nobody is signed in to own a token; each acts once by itself (a single-use link).
    "accounts:invitation": "the invitation link works once (its row is locked while it is answered)",
    "accounts:invitation-renew": "sends a new link to the invited address; a second send just replaces it",
    "accounts:two-factor-enrol": "sign-in",
    "accounts:two-factor-verify": "sign-in",
    "login": "sign-in",
    "password_change": "the account's password: the second change of the same form is refused (old password)",
    "password_reset": "sends email",
    "password_reset_confirm": "the link works once",
}


class _PostForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._open = {"action": attrs.get("action") or "", "fields": set()}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None:
            self._open["fields"].add(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def _persona(entry):
    allowed = sorted(entry.allowed)
    return ("lead" if "lead" in allowed else allowed[0]) if allowed else None


PAGES = sorted(name for name, entry in all_entries().items() if entry.method == "get" and _persona(entry) in PERSONAS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_form_on_every_page_is_saved_once(world, name):
    """Every POST form of every page carries a token, and the view it posts to saves once."""
    entry = all_entries()[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    page = signed_in(getattr(world, _persona(entry))).get(url)
    if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
        pytest.skip(f"{name} is not a page")
    parser = _PostForms()
    parser.feed(page.content.decode())
    problems = []
    for form in parser.forms:
        match = resolve(form["action"] or url)
        target = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        if target in NOT_ONCE:
            continue
        if TOKEN_FIELD not in form["fields"]:
            problems.append(f"the form posting to {target} has no submission token")
        if not getattr(match.func, "submit_once", False):
            problems.append(f"{target} is not decorated with @submit_once")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_the_submit_once_script_is_on_every_page():
    """base.html loads it, and it guards every POST form (no inline script: the CSP forbids it)."""
    from pathlib import Path

    from django.conf import settings

    base = (settings.BASE_DIR / "templates" / "base.html").read_text()
    assert "{% static 'js/app.js' %}" in base
    script = Path(settings.BASE_DIR / "static" / "js" / "app.js").read_text()
    assert re.search(r'querySelectorAll\("form\[method=post\]', script)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_open_case_make_one_case(school, staff, lead):
    """The double click, as the browser sends it: two POSTs of one form, in flight together."""
    url = reverse("referrals:case-add")
    for attempt in range(10):
        clients = [signed_in(lead), signed_in(lead)]
        hidden = form_values(clients[0].get(url).content.decode())
        data = {
            **hidden,
            "pupil_identifier": f"CPOMS-{attempt}",
            "year_group": "9",
            "concern_category": category_pk(),
            "raised_on": DAY,
            "raised_by": staff.pk,
            "summary": "Comments in class.",
        }
        answers, errors = run_together(*(lambda c=c, data=data: c.post(url, data) for c in clients))
        assert errors == []
        assert [a.status_code for a in answers] == [302, 302]
        assert answers[0]["Location"] == answers[1]["Location"]
        assert Case.objects.filter(pupil_identifier=f"CPOMS-{attempt}").count() == 1


@pytest.mark.django_db
def test_old_tokens_are_pruned_and_recent_ones_kept(lead):
    from django.core.management import call_command

    from accounts.submissions import Submission

    old = Submission.objects.create(token=new_token(), user=lead)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    recent = Submission.objects.create(token=new_token(), user=lead)
    call_command("prune_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Submission.objects.all()) == [recent]
