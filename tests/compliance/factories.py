"""Action plans for tests: the real template, or a plan of any size built directly."""

from django.core.files.base import ContentFile

from compliance.models import Action, ActionPlan, Area, Duty, Evidence, EvidenceItem, Owner
from compliance.services import evidence_add, plan_create_from_template
from tests.files import PDF_BYTES  # a whole PDF, as the upload check needs


def template_plan(school, by=None, year="2026/27", template="cambridgeshire-peterborough-2019"):
    """The plan made from a template: by default the seed's, word for word (the tests' schools are in
    Peterborough)."""
    return plan_create_from_template(school=school, by=by, academic_year=year, template_key=template)


def sized_plan(school, n_actions, year="2026/27", owner=Owner.ALL_STAFF, measure_key=""):
    """A plan with ``n_actions`` actions over a few areas, duties and evidence lines."""
    plan = ActionPlan.objects.create(school=school, academic_year=year, title="Test plan")
    areas = [Area.objects.create(plan=plan, title=f"Area {a}", position=a) for a in range(3)]
    lines = []
    for a, area in enumerate(areas):
        duty = Duty.objects.create(area=area, text=f"Duty {a}", position=0)
        lines += [Evidence.objects.create(duty=duty, text=f"Evidence {a}.{e}", position=e) for e in range(2)]
    Action.objects.bulk_create(
        Action(
            school=school,
            plan=plan,
            evidence=lines[n % len(lines)],
            text=f"Action {n}",
            position=n,
            owner=owner,
            measure_key=measure_key,
            target_date=None,
        )
        for n in range(n_actions)
    )
    return plan


def file_evidence(action, by, name="briefing.pdf"):
    return evidence_add(
        action=action,
        by=by,
        kind=EvidenceItem.Kind.FILE,
        title="Briefing slides",
        file=ContentFile(PDF_BYTES, name=name),
    )
