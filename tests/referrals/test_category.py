"""The type of concern: the Home Office's categories, recorded on the concern and changed as it clears."""

from django.urls import reverse

from accounts.models import AuditEvent
from referrals.models import Case, ConcernCategory
from referrals.services import concern_categories_ensure

from .factories import make_case


def test_the_categories_include_mixed_unclear_or_unstable_and_its_parts(db):
    concern_categories_ensure()
    labels = set(ConcernCategory.objects.values_list("label", flat=True))
    assert {
        "Islamist",
        "Extreme right-wing",
        "Left-wing, anarchist or single-issue",
        "Conflicted",
        "Mixed, unclear or unstable (MUU)",
        "School massacre interest",
        "Incel interest",
    } <= labels


def test_the_lead_records_the_type_of_concern_later_and_it_is_audited(world, login):
    concern_categories_ensure()
    case = make_case(world.school, world.lead)
    client = login(world.lead)
    assert "Record the type of concern" in client.get(reverse("referrals:case-detail", args=[case.pk])).content.decode()
    conflicted = ConcernCategory.objects.get(code="conflicted")
    response = client.post(reverse("referrals:category-set", args=[case.pk]), {"concern_category": conflicted.pk})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).concern_category == conflicted
    event = AuditEvent.objects.filter(object_type="referrals.case", action="update").latest("pk")
    assert event.changes["concern_category"] == ["", "Conflicted"]


def test_a_category_no_longer_in_use_is_not_offered(world, login):
    concern_categories_ensure()
    ConcernCategory.objects.filter(code="incel").update(in_use=False)
    page = login(world.lead).get(reverse("referrals:case-add")).content.decode()
    assert "Incel interest" not in page and "Islamist" in page
