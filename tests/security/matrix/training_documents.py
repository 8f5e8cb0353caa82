"""Access to the documents and acknowledgements pages (training/views/documents.py)."""

from django.core.files.base import ContentFile

from tests.files import PDF_BYTES
from training.models import Acknowledgement, Document

from . import IN_SCHOOL, LEADERS, Entry

PROGRESS = {"lead", "head", "dsl"}  # view_acknowledgement_progress


def _document(w):
    """KCSIE of school A with a published version that has a file, made once per test."""
    from tests.training.factories_documents import document

    existing = Document.objects.filter(school=w.school, slug="kcsie").select_related("current_version").first()
    if existing:
        return existing
    doc = document(w.school, w.lead)
    version = doc.current_version
    version.file.save("kcsie.pdf", ContentFile(PDF_BYTES), save=True)
    return doc


def _acknowledgement(w):
    from tests.training.factories_documents import confirm

    doc = _document(w)
    ack = Acknowledgement.objects.filter(user=w.staff, version=doc.current_version).first()
    return ack or confirm(w.staff, doc)


def _doc_kwargs(w):
    return {"pk": _document(w).pk}


ENTRIES = {
    "training:document-list": Entry(allowed=IN_SCHOOL),
    "training:document-detail": Entry(allowed=IN_SCHOOL, kwargs=_doc_kwargs),
    "training:version-file": Entry(allowed=IN_SCHOOL, kwargs=lambda w: {"pk": _document(w).current_version.pk}),
    "training:document-overview": Entry(allowed=PROGRESS),
    "training:document-chase": Entry(allowed=PROGRESS),
    "training:document-remind": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "training:document-defaults": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "training:document-add": Entry(allowed=LEADERS),
    "training:document-edit": Entry(allowed=LEADERS, kwargs=_doc_kwargs),
    "training:document-retire": Entry(allowed=LEADERS, kwargs=_doc_kwargs, method="post", ok=(302,)),
    "training:version-publish": Entry(allowed=LEADERS, kwargs=_doc_kwargs),
    "training:document-progress": Entry(allowed=PROGRESS, kwargs=_doc_kwargs),
    "training:document-progress-csv": Entry(allowed=PROGRESS, kwargs=_doc_kwargs),
    "training:acknowledgement-on-behalf": Entry(allowed=LEADERS, kwargs=_doc_kwargs),
    "training:acknowledgement-withdraw": Entry(allowed=LEADERS, kwargs=lambda w: {"pk": _acknowledgement(w).pk}),
}
