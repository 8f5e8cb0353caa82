"""The demo school's people: about 60 staff, one sign-in per role, made the same way each time.

Every demo account has the published password, so the demo must never share anything with real
people or schools: its addresses are at example.org (reserved by RFC 2606, no one can receive
mail there) and its schools' URNs contain letters. A URN is the number the Department for
Education gives a school (six digits in Get Information About Schools), so no real school, and
no school imported from a real export, can ever hold a demo URN; and a school that does hold one
but is not the demo's is refused rather than filled with demo people.
"""

import random
from dataclasses import dataclass

from django.db import transaction

from .models import Membership, Organisation, OrganisationMembership, Role, School, User

DEMO_PASSWORD = "prevent-demo-2026"  # noqa: S105 - the demo only, printed on purpose
DEMO_URN = "DEMO01"
DEMO_SIBLING_URN = "DEMO02"
DEMO_URNS = [DEMO_URN, DEMO_SIBLING_URN]
DEMO_SCHOOL_NAME = "Orton Meadows Academy"
DEMO_SIBLING_NAME = "Werrington Fields Primary"
DEMO_TRUST_NAME = "Nene Learning Trust"
DEMO_DOMAIN = "example.org"
DEMO_STAFF_EMAIL = f"staff@{DEMO_DOMAIN}"


class DemoRefused(Exception):
    """The demo would touch something that is not the demo's."""


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
    (
        "Prevent Lead/SPOC",
        f"lead@{DEMO_DOMAIN}",
        "Rachel Adeyemi",
        "Deputy Headteacher",
        [Role.STAFF, Role.PREVENT_LEAD],
    ),
    ("DSL", f"dsl@{DEMO_DOMAIN}", "Martin Cole", "Designated Safeguarding Lead", [Role.STAFF, Role.DSL]),
    ("Headteacher", f"head@{DEMO_DOMAIN}", "Helen Marsh", "Headteacher", [Role.STAFF, Role.HEADTEACHER]),
    ("Staff", DEMO_STAFF_EMAIL, "Tom Baker", "Teacher of History", [Role.STAFF]),
    ("Governor", f"governor@{DEMO_DOMAIN}", "Anita Sharma", "Safeguarding governor", [Role.GOVERNOR]),
]


def _user(email, name, job, phone=""):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "job_title": job, "phone": phone}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _demo_school(urn, name, **fields):
    """The demo's school with ``urn``, made if missing; refused if a school that is not the demo's holds it."""
    school = School.objects.filter(urn=urn).first()
    if school is None:
        return School.objects.create(urn=urn, name=name, **fields)
    if school.name != name:
        raise DemoRefused(
            f"A school that is not the demo's ({school.name}) has the demo's URN {urn}: the demo will not touch it."
        )
    return school


def _roles(user, school, roles):
    for role in roles:
        Membership.objects.get_or_create(user=user, school=school, role=role)


@transaction.atomic
def seed_people(staff_count=56):
    """The demo trust, its secondary school in Peterborough, a sibling school, and their people."""
    trust, _ = Organisation.objects.get_or_create(name=DEMO_TRUST_NAME, defaults={"kind": Organisation.Kind.TRUST})
    if trust.schools.exclude(urn__in=DEMO_URNS).exists():
        raise DemoRefused(f"{DEMO_TRUST_NAME} has schools that are not the demo's: the demo will not join them.")
    school = _demo_school(
        DEMO_URN,
        DEMO_SCHOOL_NAME,
        local_authority="Peterborough",
        phase=School.Phase.SECONDARY,
        organisation=trust,
        cpoms_url="https://cpoms.example.org/",
    )
    sibling = _demo_school(
        DEMO_SIBLING_URN,
        DEMO_SIBLING_NAME,
        local_authority="Peterborough",
        phase=School.Phase.PRIMARY,
        organisation=trust,
    )
    logins = []
    for role_label, email, name, job, roles in KEY_PEOPLE:
        phone = "01733 555 010" if role_label in ("Prevent Lead/SPOC", "DSL") else ""
        _roles(_user(email, name, job, phone), school, roles)
        logins.append(DemoLogin(role_label, email, name))
    officer = _user(f"trust@{DEMO_DOMAIN}", "Graham Okafor", "Trust safeguarding officer")
    OrganisationMembership.objects.get_or_create(user=officer, organisation=trust)
    logins.append(DemoLogin("Trust officer", officer.email, officer.full_name))
    sibling_lead = _user(f"werrington.lead@{DEMO_DOMAIN}", "Nadia Ferreira", "Deputy Headteacher", "01733 555 020")
    _roles(sibling_lead, sibling, [Role.STAFF, Role.PREVENT_LEAD])
    # Someone with two schools, to try the school switcher: also a governor of the secondary.
    _roles(sibling_lead, school, [Role.GOVERNOR])
    logins.append(DemoLogin("Two schools", sibling_lead.email, sibling_lead.full_name))

    rng = random.Random(2026)  # the same people every time
    for n in range(staff_count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        user = _user(f"{first}.{last}.{n}@{DEMO_DOMAIN}".lower(), f"{first} {last}", rng.choice(JOBS))
        _roles(user, school, [Role.STAFF])
    for n, (first, last) in enumerate([("Peter", "Lang"), ("Joy", "Okonkwo")]):
        _roles(_user(f"governor{n + 2}@{DEMO_DOMAIN}", f"{first} {last}", "Governor"), school, [Role.GOVERNOR])
    return school, logins
