"""manage.py generate_dataset: every app's rows, the same data from the same seed, a progress bar."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import Membership, Role, School, User
from compliance.models import Action, ActionPlan, EvidenceItem
from referrals.models import Case
from referrals.models import Decision as CaseDecision
from speakers.models import Decision, DueDiligenceCheck, SpeakerRequest
from training.models import Acknowledgement, BriefingAttendance, Document, DocumentVersion, TrainingRecord

pytestmark = pytest.mark.django_db

SEED = 7


def generate(seed=SEED, **options):
    out, err = StringIO(), StringIO()
    call_command(
        "generate_dataset", schools=2, staff_per_school=5, years=2, seed=seed, stdout=out, stderr=err, **options
    )
    return out.getvalue(), err.getvalue()


def snapshot():
    """The generated data without database ids, in a fixed order."""
    return {
        "schools": list(School.objects.order_by("urn").values_list("urn", "name", "phase")),
        "users": list(User.objects.order_by("email").values_list("email", "full_name", "job_title")),
        "acknowledgements": sorted(
            Acknowledgement.objects.values_list(
                "user__email", "version__document__slug", "version__label", "confirmed_at", "on_behalf_by__email"
            )
        ),
        "records": sorted(
            TrainingRecord.objects.values_list("user__email", "course__slug", "completed_on", "verified_at")
        ),
        "requests": sorted(SpeakerRequest.objects.values_list("school__urn", "event_title", "starts_at", "status")),
        "cases": sorted(Case.objects.values_list("school__urn", "reference", "raised_on", "closed_on")),
        "actions": sorted(Action.objects.values_list("school__urn", "plan__academic_year", "text", "status")),
    }


def test_it_makes_every_apps_records():
    out, _ = generate()
    schools = School.objects.filter(urn__startswith="9007")
    assert schools.count() == 2
    # 5 staff and 2 governors a school, and the local-authority officer.
    assert User.objects.filter(email__endswith=".dataset.example").count() == 2 * 7 + 1
    school = schools.first()
    assert Membership.objects.filter(school=school, role=Role.PREVENT_LEAD).count() == 1
    kcsie = Document.objects.get(school=school, slug="kcsie")
    assert DocumentVersion.objects.filter(document=kcsie).count() == 2  # an edition a year
    assert kcsie.current_version.label == max(kcsie.versions.values_list("label", flat=True))
    assert Acknowledgement.objects.filter(school=school).exists()
    assert TrainingRecord.objects.filter(school=school).exists()
    assert BriefingAttendance.objects.filter(briefing__school=school).exists()
    assert SpeakerRequest.objects.filter(school=school).exists()
    assert DueDiligenceCheck.objects.filter(request__school=school).exists()
    assert Decision.objects.filter(request__school=school).exists()
    assert CaseDecision.objects.filter(case__school=school).exists()
    # Two years: last year's plan rolled over to this year's, which is adopted.
    plans = ActionPlan.objects.filter(school=school)
    assert plans.count() == 2
    assert plans.filter(closed_at__isnull=True, status=ActionPlan.Status.ADOPTED).count() == 1
    assert EvidenceItem.objects.filter(school=school).exists()
    assert "Generated in" in out and "acknowledgements" in out


def test_it_makes_the_same_data_from_the_same_seed():
    with transaction.atomic():
        generate()
        first = snapshot()
        transaction.set_rollback(True)
    assert not School.objects.filter(urn__startswith="9007").exists()
    generate()
    assert snapshot() == first


def test_it_makes_other_data_from_another_seed():
    generate()
    first = snapshot()
    generate(seed=SEED + 1)
    names = [name for email, name, _ in snapshot()["users"] if "@9008" in email]
    assert names and names != [name for _, name, _ in first["users"]]


def test_it_refuses_a_seed_the_database_already_holds():
    generate()
    with pytest.raises(CommandError, match="already holds"):
        generate()


def test_it_shows_a_progress_bar_on_stderr():
    _, err = generate()
    assert "2/2 schools" in err
    _, err = generate(seed=SEED + 1, no_progress=True)
    assert err == ""
