"""The demo's people by role, read from the demo's own constants (never hard-coded emails)."""

from django.db.models import Count

from accounts.demo import DEMO_URN, KEY_PEOPLE
from accounts.models import Role, School, User

# The roles of KEY_PEOPLE entries, mapped to the persona names the tests use.
ROLE_PERSONAS = {
    (Role.STAFF,): "staff",
    (Role.STAFF, Role.PREVENT_LEAD): "lead",
    (Role.STAFF, Role.DSL): "dsl",
    (Role.STAFF, Role.HEADTEACHER): "head",
    (Role.GOVERNOR,): "governor",
}


def demo_personas():
    """{"staff", "lead", "dsl", "head", "governor", "trust", "two_schools"} -> the demo's User."""
    school = School.objects.get(urn=DEMO_URN)
    people = {}
    for _label, email, *_rest, roles in KEY_PEOPLE:
        people[ROLE_PERSONAS[tuple(roles)]] = User.objects.get(email=email)
    people["trust"] = User.objects.filter(organisation_memberships__organisation=school.organisation).first()
    people["two_schools"] = (
        User.objects.annotate(schools=Count("memberships__school", distinct=True)).filter(schools__gte=2).first()
    )
    missing = sorted(name for name, user in people.items() if user is None)
    assert not missing, f"the demo has nobody for: {', '.join(missing)}"
    return people
