"""The demo (seed_demo): only where DEBUG or the test settings allow it, and never touching a real school."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.demo import DEMO_URNS, seed_people
from accounts.models import Membership, School, User
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False, DEMO_ALLOWED=False)
def test_seed_demo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert not School.objects.exists()


@override_settings(DEBUG=True, DEMO_ALLOWED=False)
def test_seed_demo_runs_in_debug():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Every demo sign-in uses the password" in out.getvalue()


def test_seed_demo_people_have_addresses_at_reserved_example_domains():
    seed_people(staff_count=5)
    domains = {email.rsplit("@", 1)[1] for email in User.objects.values_list("email", flat=True)}
    assert domains and domains <= {"example.org", "example.com"}


def test_seed_demo_schools_have_urns_no_real_school_can_have():
    seed_people(staff_count=1)
    urns = set(School.objects.values_list("urn", flat=True))
    assert urns == set(DEMO_URNS)
    # A real URN is a number (GIAS issues six digits); a demo URN never is.
    assert not any(urn.isdigit() for urn in urns)


@pytest.mark.parametrize("which", [0, 1])
def test_seed_demo_refuses_when_a_school_not_made_by_the_demo_has_a_demo_urn(which):
    real = SchoolFactory(urn=DEMO_URNS[which], name="A Real School")
    with pytest.raises(CommandError, match=DEMO_URNS[which]):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Membership.objects.filter(school=real).exists()
    assert not User.objects.exists()


def test_seed_demo_twice_changes_nothing_the_second_time():
    seed_people(staff_count=3)
    counts = (User.objects.count(), Membership.objects.count(), School.objects.count())
    seed_people(staff_count=3)
    assert (User.objects.count(), Membership.objects.count(), School.objects.count()) == counts
