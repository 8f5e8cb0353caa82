"""The demo school, built once for the tests of this folder, its people by role, and their crawls.

``seed_demo`` takes a while, so it runs once, as a shared world (tests/worlds.py) rolled back
when the folder's tests are done; each test still runs in its own savepoint on top of it. A
person's crawl is kept too, so that the HTML check reads the pages the crawl tests fetched.
"""

import os

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.worlds import shared_world

from .crawler import crawl
from .personas import demo_personas


@shared_world(scope="package")
def demo():
    """The demo school's people: {"staff": user, "lead": user, ..., "two_schools": user}."""
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    return demo_personas()


def signed_in(user, school=None):
    """A test client signed in as ``user`` (if any; working in ``school`` if given) that answers a
    server error with a 500, as a person sees it, instead of raising."""
    client = Client(raise_request_exception=False)
    if user is None:
        return client
    client.force_login(user)
    if school is not None:
        switched = client.post(reverse("accounts:switch-school"), {"school": school.pk, "next": "/"})
        assert switched.status_code == 302, f"{user} could not switch to {school}"
    return client


@pytest.fixture(scope="package")
def crawls(demo):
    """crawls(persona, school=None): that person's crawl (in that school), made once;
    "anonymous" is someone not signed in."""
    done = {}

    def crawl_of(persona, school=None):
        key = (persona, school.pk if school else None)
        if key not in done:
            who = persona if school is None else f"{persona} in {school.name}"
            done[key] = crawl(signed_in(demo.get(persona), school), who)
        return done[key]

    return crawl_of
