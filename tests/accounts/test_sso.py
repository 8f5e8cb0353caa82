"""Signing in with the school's OpenID Connect provider, through a real provider on a local port.

The provider (oidc-provider-mock) issues real signed ID tokens; allauth discovers it, exchanges
the code and checks the token over HTTP. Nothing of allauth is mocked.
"""

import pytest

from accounts.models import AuditEvent, Invitation, Membership, Role
from accounts.services import member_add
from accounts.sso import SESSION_MFA
from tests.factories import member

TENANT = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def sso_school(school):
    school.sign_in_provider = "local"
    school.sign_in_domains = "school.example, trust.example"
    school.save()
    return school


def claims(email, **extra):
    return {"email": email, "email_verified": True, "name": "Sam Staff", **extra}


def test_it_signs_a_member_in_with_the_provider(client, oidc_provider, sso_school, staff):
    oidc_provider.person("sam-sub", **claims(staff.email))
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user == staff
    assert AuditEvent.objects.filter(action="accounts.signed_in_with_provider", actor=staff).exists()

