import datetime

from django.urls import reverse

from .factories import make_action, make_case, make_decision


def _cases(world, count):
    for n in range(count):
        case = make_case(world.school, world.lead, raised_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=n))
        make_decision(case, world.lead)
        make_action(case, world.lead, due_on=datetime.date(2026, 9, 2))


def test_it_lists_open_cases_with_their_latest_decision(world, login):
    _cases(world, 2)
    page = login(world.dsl).get(reverse("referrals:case-list")).content.decode()
    assert "PRV-2026-001" in page and "PRV-2026-002" in page
    assert "Seek advice" in page
    assert "overdue" in page


def test_it_says_what_to_do_when_there_are_no_cases(world, login):
    page = login(world.lead).get(reverse("referrals:case-list")).content.decode()
    assert "No concerns have been recorded yet" in page


def test_it_reads_the_list_in_the_same_number_of_queries_at_two_sizes(world, login, django_assert_num_queries):
    client = login(world.lead)
    client.get(reverse("referrals:case-list"))  # warm the session
    _cases(world, 2)
    # session, user, memberships, schools (middleware); count, page of cases (latest decision and
    # action counts annotated), overdue actions with their case and owner; the session saved
    # (savepoint, update, release)
    with django_assert_num_queries(10):
        assert client.get(reverse("referrals:case-list")).status_code == 200
    _cases(world, 20)
    with django_assert_num_queries(10):
        assert client.get(reverse("referrals:case-list")).status_code == 200
