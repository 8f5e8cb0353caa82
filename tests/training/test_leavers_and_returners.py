"""A person who leaves keeps every record and drops out of the chase lists; back again, they reappear."""

from accounts.models import Role
from accounts.services import member_add, member_leave
from training.selectors.courses import training_matrix
from training.selectors.documents import acknowledgement_rates, outstanding_by_person

from .factories_courses import CourseFactory
from .factories_documents import confirm, document


def chased(school):
    return {user for user, _ in outstanding_by_person(school)}


def test_a_leaver_leaves_the_chase_lists_and_a_returner_comes_back(school, lead, staff, dsl):
    doc = document(school, lead)
    CourseFactory(school=school, required_roles=[Role.STAFF.value])
    confirm(dsl, doc)
    assert staff in chased(school)
    assert staff in {row.user for row in training_matrix(school).rows}

    member_leave(school=school, by=lead, user=staff)
    assert staff not in chased(school)
    assert staff not in {row.user for row in training_matrix(school).rows}
    assert staff not in acknowledgement_rates(school)[0].outstanding
    member_leave(school=school, by=lead, user=dsl)
    assert dsl.acknowledgements.count() == 1  # the leaver's record stays

    result = member_add(school=school, by=lead, email=staff.email, full_name="ignored", roles=[Role.STAFF])
    assert result.outcome == "returned"
    assert staff in chased(school)
    assert staff in {row.user for row in training_matrix(school).rows}


def test_a_leavers_home_has_nothing_to_do(client, school, lead, staff):
    document(school, lead)
    member_leave(school=school, by=lead, user=staff)
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert "Keeping children safe in education" not in html
    assert client.get("/documents/").status_code == 403
