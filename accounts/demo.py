"""The demo school's people: about 60 staff, one sign-in per role, made the same way each time."""

import random
from dataclasses import dataclass

from django.db import transaction

from .models import Membership, Organisation, OrganisationMembership, Role, School, User

DEMO_PASSWORD = "prevent-demo-2026"  # noqa: S105 - the demo only, printed on purpose
DEMO_URN = "136512"

FIRST = [
    "Amelia",
    "Oliver",
    "Isla",
    "Harry",
    "Ava",
    "Jack",
    "Mia",
    "George",
    "Sophie",
    "Noah",
    "Grace",
    "Leo",
    "Lily",
    "Arthur",
    "Freya",
    "Oscar",
    "Evie",
    "Charlie",
    "Ruby",
    "Jacob",
    "Priya",
    "Mohammed",
    "Zara",
    "Tomasz",
    "Aisha",
    "Daniel",
    "Chloe",
    "Ethan",
    "Hannah",
    "Samuel",
]
LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Thompson",
    "Evans",
    "Walker",
    "Khan",
    "Hughes",
    "Green",
    "Lewis",
    "Wood",
    "Nowak",
]
JOBS = [
    "Teacher of English",
    "Teacher of Maths",
    "Teacher of Science",
    "Teacher of History",
    "Teacher of RE",
    "Teacher of PSHE and Citizenship",
    "Teacher of Computing",
    "Teaching assistant",
    "Head of Year 9",
    "Head of Year 11",
    "SENCo",
    "Librarian",
    "Site manager",
    "Receptionist",
    "Cover supervisor",
    "Attendance officer",
    "Pastoral manager",
    "Teacher of Geography",
    "Teacher of PE",
    "Exams officer",
]


@dataclass
class DemoLogin:
    role: str
    email: str
    name: str


# The sign-ins printed for the demo, one per role.
KEY_PEOPLE = [
    ("Prevent Lead/SPOC", "lead@demo.school", "Rachel Adeyemi", "Deputy Headteacher", [Role.STAFF, Role.PREVENT_LEAD]),
    ("DSL", "dsl@demo.school", "Martin Cole", "Designated Safeguarding Lead", [Role.STAFF, Role.DSL]),
    ("Headteacher", "head@demo.school", "Helen Marsh", "Headteacher", [Role.STAFF, Role.HEADTEACHER]),
    ("Staff", "staff@demo.school", "Tom Baker", "Teacher of History", [Role.STAFF]),
    ("Governor", "governor@demo.school", "Anita Sharma", "Safeguarding governor", [Role.GOVERNOR]),
]


def _user(email, name, job, phone=""):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "job_title": job, "phone": phone}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _roles(user, school, roles):
    for role in roles:
        Membership.objects.get_or_create(user=user, school=school, role=role)


@transaction.atomic
def seed_people(staff_count=56):
    """The demo trust, its secondary school in Peterborough, a sibling school, and their people."""
    trust, _ = Organisation.objects.get_or_create(
        name="Nene Learning Trust", defaults={"kind": Organisation.Kind.TRUST}
    )
    school, _ = School.objects.get_or_create(
        urn=DEMO_URN,
        defaults={
            "name": "Orton Meadows Academy",
            "local_authority": "Peterborough",
            "phase": School.Phase.SECONDARY,
            "organisation": trust,
            "cpoms_url": "https://ortonmeadows.cpoms.net/",
        },
    )
    sibling, _ = School.objects.get_or_create(
        urn="136513",
        defaults={
            "name": "Werrington Fields Primary",
            "local_authority": "Peterborough",
            "phase": School.Phase.PRIMARY,
            "organisation": trust,
        },
    )
    logins = []
    for role_label, email, name, job, roles in KEY_PEOPLE:
        phone = "01733 555 010" if role_label in ("Prevent Lead/SPOC", "DSL") else ""
        _roles(_user(email, name, job, phone), school, roles)
        logins.append(DemoLogin(role_label, email, name))
    officer = _user("trust@demo.school", "Graham Okafor", "Trust safeguarding officer")
    OrganisationMembership.objects.get_or_create(user=officer, organisation=trust)
    logins.append(DemoLogin("Trust officer", officer.email, officer.full_name))
    sibling_lead = _user("lead@werrington.demo.school", "Nadia Ferreira", "Deputy Headteacher", "01733 555 020")
    _roles(sibling_lead, sibling, [Role.STAFF, Role.PREVENT_LEAD])

    rng = random.Random(2026)  # the same people every time
    for n in range(staff_count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        user = _user(f"{first}.{last}.{n}@demo.school".lower(), f"{first} {last}", rng.choice(JOBS))
        _roles(user, school, [Role.STAFF])
    for n, (first, last) in enumerate([("Peter", "Lang"), ("Joy", "Okonkwo")]):
        _roles(_user(f"governor{n + 2}@demo.school", f"{first} {last}", "Governor"), school, [Role.GOVERNOR])
    return school, logins
