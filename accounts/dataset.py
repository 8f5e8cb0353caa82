"""Schools and their people for a benchmark dataset (manage.py generate_dataset).

Bulk inserts only: every user shares one precomputed password hash (hashing 25,000 passwords
would take longer than everything else put together). The same seed gives the same schools,
people and roles.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from .demo import FIRST, JOBS, LAST
from .models import Membership, Organisation, OrganisationMembership, Role, School, User

DATASET_PASSWORD = "prevent-dataset-2026"  # noqa: S105 - benchmark data only, printed on purpose
ORGANISATION = "Fenland County Council (dataset)"
PHASES = [School.Phase.PRIMARY] * 6 + [School.Phase.SECONDARY] * 3 + [School.Phase.SPECIAL]
PLACES = ["Peterborough", "Wisbech", "March", "Ely", "Huntingdon", "St Neots", "Whittlesey", "Chatteris"]
KINDS = ["Primary School", "Academy", "Church of England Primary", "Community College", "School"]

# The people every school has besides its staff: (index in the staff list, extra roles).
LEADERS = {0: [Role.PREVENT_LEAD], 1: [Role.DSL], 2: [Role.HEADTEACHER]}
GOVERNORS_PER_SCHOOL = 2


@dataclass
class SchoolPeople:
    """One generated school and who is who in it (what the other apps' generators need)."""

    school: School
    lead: User
    dsl: User
    head: User
    # Every person with the staff role, with all the roles they hold in the school.
    staff: list = field(default_factory=list)  # [(User, [roles])]
    governors: list = field(default_factory=list)

    @property
    def slug(self):
        return f"school{self.school.urn}"


def urn_of(seed, n):
    return f"9{seed % 1000:03d}{n:05d}"


def email_of(seed, n, who):
    return f"{who}@{urn_of(seed, n)}.dataset.example"


def _name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def generate(*, schools, staff_per_school, seed, years, today, progress=None):
    """Make ``schools`` schools of one local authority, each with ``staff_per_school`` staff (the
    first three are also its Prevent Lead, DSL and headteacher) and two governors, plus one
    local-authority officer. Returns (organisation, officer, [SchoolPeople])."""
    if staff_per_school < len(LEADERS):
        raise ValueError(f"A school needs at least {len(LEADERS)} staff (its Lead, DSL and head).")
    rng = random.Random(f"{seed}-accounts")
    password = make_password(DATASET_PASSWORD)
    organisation, _ = Organisation.objects.get_or_create(
        name=ORGANISATION, defaults={"kind": Organisation.Kind.LOCAL_AUTHORITY}
    )
    officer = User.objects.create(
        email=f"officer{seed}@la.dataset.example",
        full_name="Pat Okoro",
        job_title="Local authority Prevent education officer",
        password=password,
    )
    OrganisationMembership.objects.create(user=officer, organisation=organisation)

    school_rows = School.objects.bulk_create(
        School(
            name=f"{rng.choice(PLACES)} {rng.choice(KINDS)} {n + 1:03d}",
            urn=urn_of(seed, n),
            local_authority="Peterborough" if n % 3 == 0 else "Cambridgeshire",
            phase=rng.choice(PHASES),
            organisation=organisation,
            cpoms_url=f"https://{urn_of(seed, n)}.cpoms.example/",
        )
        for n in range(schools)
    )
    result = []
    for n, school in enumerate(school_rows):
        users = []
        for i in range(staff_per_school):
            users.append(
                User(
                    email=email_of(seed, n, f"staff{i}"),
                    full_name=_name(rng),
                    job_title=rng.choice(JOBS),
                    password=password,
                )
            )
        governors = [
            User(email=email_of(seed, n, f"governor{g}"), full_name=_name(rng), job_title="Governor", password=password)
            for g in range(GOVERNORS_PER_SCHOOL)
        ]
        users = User.objects.bulk_create(users)
        governors = User.objects.bulk_create(governors)
        joined_earliest = today - datetime.timedelta(days=365 * years)
        memberships = []
        staff = []
        for i, user in enumerate(users):
            roles = [Role.STAFF, *LEADERS.get(i, [])]
            joined = joined_earliest + datetime.timedelta(days=rng.randint(0, 365 * years // 2))
            memberships.extend(Membership(user=user, school=school, role=role, joined_on=joined) for role in roles)
            staff.append((user, [str(r) for r in roles]))
        memberships.extend(Membership(user=g, school=school, role=Role.GOVERNOR) for g in governors)
        Membership.objects.bulk_create(memberships)
        result.append(
            SchoolPeople(school=school, lead=users[0], dsl=users[1], head=users[2], staff=staff, governors=governors)
        )
        if progress:
            progress()
    return organisation, officer, result
