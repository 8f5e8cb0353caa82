"""The demo documents: realistic, and the same after a second run."""

import pytest

from accounts.demo import seed_people
from training import demo_documents
from training.models import Acknowledgement, Document, DocumentVersion
from training.selectors.documents import acknowledgement_rates

pytestmark = pytest.mark.django_db


def test_it_seeds_kcsie_2024_and_2025_with_some_staff_outstanding_and_runs_twice():
    school, _ = seed_people(staff_count=20)
    demo_documents.seed(school)
    kcsie = Document.objects.get(school=school, slug="kcsie")
    assert list(kcsie.versions.values_list("label", flat=True)) == ["2025", "2024"]
    rate = next(r for r in acknowledgement_rates(school) if r.document == kcsie)
    assert 0 < len(rate.outstanding) < rate.required / 2
    counts = (Document.objects.count(), DocumentVersion.objects.count(), Acknowledgement.objects.count())
    demo_documents.seed(school)
    assert (Document.objects.count(), DocumentVersion.objects.count(), Acknowledgement.objects.count()) == counts
