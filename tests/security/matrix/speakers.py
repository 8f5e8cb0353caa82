"""The speaker pages. The request in these entries was raised by the staff persona of school A."""

from speakers.models import CheckTemplate
from tests.speakers.factories import complete_checks, decide, draft_letter, make_letting, make_request

from . import LEADERS, Entry

REQUESTERS = {"staff", "lead", "dsl", "head"}
REGISTER = {"lead", "head", "governor"}
# The owner, and everyone who sees the register; anyone else in the school gets a 404.
SEES_REQUEST = {"staff", "lead", "head", "governor"}
# The trust officer holds no capability of a request's pages (view_speaker_requests): 403 before loading.
NOT_A_REQUEST_PAGE_ROLE = {"trust": 403}


def _request(w):
    return make_request(w.school, w.staff)


def _pk(w):
    return {"pk": _request(w).pk}


def _with_outline_file(w):
    from django.core.files.base import ContentFile

    speaker_request = _request(w)
    speaker_request.outline_file.save("outline.pdf", ContentFile(b"%PDF-1.4 outline"), save=True)
    return {"pk": speaker_request.pk}


def _letter(w):
    speaker_request = _request(w)
    decision = decide(speaker_request, w.lead, outcome="decline", justification="Links to an extremist group.")
    return {"pk": speaker_request.pk, "decision_id": decision.pk}


def _with_letting_file(field):
    def kwargs(w):
        from django.core.files.base import ContentFile

        letting = make_letting(w.school, w.staff)
        getattr(letting, field).save("file.pdf", ContentFile(b"%PDF-1.4 file"), save=True)
        return {"pk": letting.pk}

    return kwargs


def _letting_date(w):
    letting = make_letting(w.school, w.staff)
    return {"pk": letting.pk, "date_id": letting.dates.first().pk}


def _letter_of(state):
    def kwargs(w):
        letter = draft_letter(_request(w), w.lead, state=state)
        return {"pk": letter.request_id, "decision_id": letter.decision_id}

    return kwargs


def _check(w):
    speaker_request = _request(w)
    return {"pk": speaker_request.pk, "template_id": CheckTemplate.objects.filter(school=w.school).first().pk}


def _template(w):
    _request(w)
    return {"pk": CheckTemplate.objects.filter(school=w.school).first().pk}


def _decided(w):
    speaker_request = complete_checks(_request(w), w.lead)
    decide(speaker_request, w.lead)
    return {"pk": speaker_request.pk}


ENTRIES = {
    "speakers:request-list": Entry(allowed=REQUESTERS),
    "speakers:request-add": Entry(allowed=REQUESTERS),
    # The kind names no object of school A: the outsider may ask in their own school.
    "speakers:request-add-kind": Entry(allowed=REQUESTERS, kwargs=lambda w: {"kind": "letting"}, outsider=200),
    # The request is staff's own: the deputy DSL, another member of staff, may not open it (deputy=).
    "speakers:request-detail": Entry(
        allowed=SEES_REQUEST, kwargs=_pk, denied=404, deputy=404, outcomes=NOT_A_REQUEST_PAGE_ROLE
    ),
    # Editing asks request_speakers, which governors and officers do not hold: 403 before loading.
    "speakers:request-edit": Entry(
        allowed={"staff", "lead", "head"},
        kwargs=_pk,
        denied=404,
        deputy=404,
        outcomes={"governor": 403, "trust": 403},
    ),
    "speakers:outline-file": Entry(
        allowed=SEES_REQUEST, kwargs=_with_outline_file, denied=404, deputy=404, outcomes=NOT_A_REQUEST_PAGE_ROLE
    ),
    "speakers:hire-agreement-file": Entry(
        allowed=SEES_REQUEST,
        kwargs=_with_letting_file("hire_agreement"),
        denied=404,
        deputy=404,
        outcomes=NOT_A_REQUEST_PAGE_ROLE,
    ),
    "speakers:insurance-file": Entry(
        allowed=SEES_REQUEST,
        kwargs=_with_letting_file("insurance_certificate"),
        denied=404,
        deputy=404,
        outcomes=NOT_A_REQUEST_PAGE_ROLE,
    ),
    "speakers:letting-date-cancel": Entry(allowed=LEADERS, kwargs=_letting_date),
    # The internal decision record (with its justification): the requester, the Lead, head and governors.
    "speakers:decision-record": Entry(
        allowed=SEES_REQUEST, kwargs=_letter, denied=404, deputy=404, outcomes=NOT_A_REQUEST_PAGE_ROLE
    ),
    # The letter to the speaker or hirer: prepared, reviewed and sent by the Lead or head.
    "speakers:letter-edit": Entry(allowed=LEADERS, kwargs=_letter_of("draft")),
    "speakers:letter-detail": Entry(allowed=LEADERS, kwargs=_letter_of("draft")),
    "speakers:letter-pdf": Entry(allowed=LEADERS, kwargs=_letter_of("draft")),
    "speakers:letter-reviewed": Entry(allowed=LEADERS, kwargs=_letter_of("draft"), method="post", ok=(302,)),
    "speakers:letter-sent": Entry(
        allowed=LEADERS,
        kwargs=_letter_of("reviewed"),
        method="post",
        data=lambda w: {"sent_how": "email"},
        ok=(302,),
    ),
    "speakers:check-edit": Entry(allowed=LEADERS, kwargs=_check),
    "speakers:risk-edit": Entry(allowed=LEADERS, kwargs=_pk),
    "speakers:decide": Entry(allowed=LEADERS, kwargs=_pk),
    "speakers:evaluate": Entry(allowed=LEADERS, kwargs=_decided),
    "speakers:register": Entry(allowed=REGISTER),
    "speakers:register-csv": Entry(allowed=REGISTER),
    "speakers:checklist": Entry(allowed=LEADERS),
    "speakers:checklist-edit": Entry(allowed=LEADERS, kwargs=_template),
}
