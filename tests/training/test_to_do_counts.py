"""The home page counts a person's documents and briefings to confirm in the database: the counts
agree with the lists the documents and briefings pages show, whichever roles are invited."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import member
from training.models import BriefingAttendance
from training.selectors.courses import briefings_to_confirm
from training.selectors.documents import outstanding_for_user
from training.selectors.to_do import briefings_to_confirm_ids, documents_to_confirm

from .factories_courses import BriefingFactory
from .factories_documents import confirm, document

pytestmark = pytest.mark.django_db


@pytest.fixture
def things_to_confirm(school, lead):
    document(school, lead, slug="kcsie", audience=[Role.STAFF, Role.DSL])
    document(school, lead, slug="dsl-only", title="DSL handbook", audience=[Role.DSL])
    document(school, lead, slug="deputies", title="Deputies' guide", audience=[Role.DEPUTY_DSL])
    document(school, lead, slug="governors", title="Governors' guide", audience=[Role.GOVERNOR])
    today = datetime.date.today()
    BriefingFactory(school=school, recorded_by=lead, invited_roles=[Role.STAFF.value])
    BriefingFactory(school=school, recorded_by=lead, invited_roles=[Role.DEPUTY_DSL.value])
    BriefingFactory(school=school, recorded_by=lead, invited_roles=[Role.DSL.value, Role.GOVERNOR.value])
    BriefingFactory(school=school, recorded_by=lead, held_on=today - datetime.timedelta(days=120))  # too long ago
    return today


@pytest.mark.parametrize(
    "roles",
    [(Role.STAFF,), (Role.DSL,), (Role.DEPUTY_DSL,), (Role.STAFF, Role.DEPUTY_DSL), (Role.GOVERNOR,)],
)
def test_the_counts_agree_with_the_lists(school, lead, things_to_confirm, roles):
    person = member(school, *roles)
    roles = {str(r) for r in roles}
    # "dsl" is not held by a deputy DSL, though "deputy_dsl" holds its letters.
    assert documents_to_confirm(school, person, roles).count() == len(outstanding_for_user(school, person, roles))
    listed = briefings_to_confirm(school, person, roles=roles)
    assert briefings_to_confirm_ids(school, person, roles).count() == len(listed)
    assert listed  # each of these roles has a briefing: the comparison is not of two empty lists


def test_confirmed_documents_and_attended_briefings_are_not_counted(school, lead, things_to_confirm):
    person = member(school, Role.STAFF, Role.DSL)
    roles = {Role.STAFF.value, Role.DSL.value}
    assert documents_to_confirm(school, person, roles).count() == 2
    assert briefings_to_confirm_ids(school, person, roles).count() == 2
    confirm(person, school.documents.get(slug="kcsie"))
    for briefing in briefings_to_confirm(school, person, roles=roles)[:1]:
        BriefingAttendance.objects.create(briefing=briefing, user=person, confirmed_by=person)
    assert documents_to_confirm(school, person, roles).count() == 1
    assert briefings_to_confirm_ids(school, person, roles).count() == 1


def test_the_home_page_shows_the_counts(login, school, lead, things_to_confirm):
    person = member(school, Role.DEPUTY_DSL, full_name="Dee Deputy")
    page = login(person).get(reverse("home"))
    tasks = {item.label: item.count for item in page.context["tasks"]}
    assert tasks["Documents to read"] == 1  # the deputies' guide, not the DSL handbook
    assert tasks["Briefings to confirm"] == 1
