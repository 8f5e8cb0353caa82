"""The demo school's plan: made from the template, part-done, and the same when run twice."""

import io

from pypdf import PdfReader

from accounts.demo import seed_people
from compliance import demo
from compliance.models import Action, ActionPlan, EvidenceItem


def test_the_demo_plan_is_part_done_and_idempotent(db):
    school, _ = seed_people(staff_count=3)
    demo.seed(school)
    demo.seed(school)
    plans = ActionPlan.objects.filter(school=school)
    assert plans.count() == 2
    current = plans.get(closed_at__isnull=True)
    statuses = set(current.actions.values_list("status", flat=True))
    assert {"in_place", "in_progress", "needs_attention", "to_review"} <= statuses
    assert EvidenceItem.objects.filter(action__plan=current).exists()
    assert Action.objects.filter(plan=current, target_date__isnull=False).exists()


def test_the_demo_plan_is_the_national_one_and_every_demo_step_finds_its_action(db):
    school, _ = seed_people(staff_count=3)
    demo.seed(school)
    current = ActionPlan.objects.get(school=school, closed_at__isnull=True)
    assert current.template_key == "national-2023"
    texts = list(current.actions.values_list("text", flat=True))
    missing = [prefix for prefix, *_ in demo._THIS_YEAR if not any(text.startswith(prefix) for text in texts)]
    assert not missing


def test_the_demo_evidence_files_are_real_pdfs(db):
    school, _ = seed_people(staff_count=3)
    demo.seed(school)
    files = EvidenceItem.objects.filter(action__plan__school=school, kind=EvidenceItem.Kind.FILE)
    assert files.exists()
    for item in files:
        with item.file.open("rb") as f:
            reader = PdfReader(io.BytesIO(f.read()))
        assert len(reader.pages) == 1, item.original_name
        assert item.title in reader.pages[0].extract_text()
