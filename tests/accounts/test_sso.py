"""Signing in with the school's OpenID Connect provider, through a real provider on a local port.

The provider (oidc-provider-mock) issues real signed ID tokens; allauth discovers it, exchanges
the code and checks the token over HTTP. Nothing of allauth is mocked.
"""

import pytest
from django.contrib.auth import SESSION_KEY

from accounts.models import AuditEvent, Invitation, Membership, Role
from accounts.services import member_add, member_leave
from accounts.sso import SESSION_MFA
from tests.factories import PASSWORD

TENANT = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def sso_school(school):
    school.sign_in_provider = "local"
    school.sign_in_domains = "school.example, trust.example"
    school.save()
    return school


def claims(email, **extra):
    return {"email": email, "email_verified": True, "name": "Somebody", **extra}


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


@pytest.fixture
def invite(settings, django_capture_on_commit_callbacks, mailoutbox):
    """Adds a person as the Lead would; returns the path of the emailed invitation link."""
    settings.SITE_URL = "https://prevent.example.org"

    def _invite(school, by, email, name="New Person"):
        with django_capture_on_commit_callbacks(execute=True):
            result = member_add(school=school, by=by, email=email, full_name=name, roles=[Role.STAFF])
        link = next(line for line in mailoutbox[-1].body.splitlines() if "/accounts/invitation/" in line)
        return result, link.strip().replace(settings.SITE_URL, "")

    return _invite


def refusal_reason():
    return AuditEvent.objects.filter(action="sign_in_failed").latest("pk").changes["reason"]


def test_it_signs_a_member_in_with_the_provider(client, oidc_provider, sso_school, staff):
    oidc_provider.person("sam-sub", **claims(staff.email))
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").wsgi_request.user == staff
    assert AuditEvent.objects.filter(action="accounts.signed_in_with_provider", actor=staff).exists()
    assert AuditEvent.objects.filter(action="sign_in", actor=staff).exists()


def test_it_goes_back_to_the_page_asked_for(client, oidc_provider, sso_school, staff):
    oidc_provider.person("sam-sub", **claims(staff.email))
    response = oidc_provider.sign_in(client, "sam-sub", next_url="/documents/")
    assert response["Location"] == "/documents/"


def test_it_matches_the_email_whatever_its_case_and_links_the_provider_account_once(
    client, oidc_provider, sso_school, staff
):
    oidc_provider.person("sam-sub", **claims(staff.email.upper()))
    oidc_provider.sign_in(client, "sam-sub")
    client.logout()
    oidc_provider.sign_in(client, "sam-sub")
    assert signed_in_user_id(client) == str(staff.pk)
    assert staff.socialaccount_set.count() == 1


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("stranger@school.example", "unknown_email"),
        ("sam@other-domain.example", "not_allowed_domain"),
    ],
)
def test_it_refuses_an_unknown_email_or_another_domain(client, oidc_provider, sso_school, staff, who, reason):
    if who.startswith("sam@"):
        staff.email = who
        staff.save()
    oidc_provider.person("x-sub", **claims(who))
    response = oidc_provider.sign_in(client, "x-sub")
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    assert refusal_reason() == reason
    assert b"people are added by their school" in response.content


def test_it_refuses_an_email_the_provider_has_not_verified(client, oidc_provider, sso_school, staff):
    oidc_provider.person("sam-sub", **claims(staff.email, email_verified=False))
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    assert refusal_reason() == "unverified_email"
    assert not staff.socialaccount_set.exists()


def test_it_refuses_another_tenant_where_the_school_names_its_own(client, oidc_provider, sso_school, staff):
    sso_school.sign_in_tenant = TENANT
    sso_school.save()
    oidc_provider.person("sam-sub", **claims(staff.email, tid="99999999-0000-0000-0000-000000000000"))
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 403
    assert refusal_reason() == "not_allowed_tenant"
    assert b"tenant" in response.content

    oidc_provider.person("sam-sub", **claims(staff.email, tid=TENANT))
    assert oidc_provider.sign_in(client, "sam-sub").status_code == 302
    assert signed_in_user_id(client) == str(staff.pk)


def test_it_refuses_a_person_with_no_membership(client, oidc_provider, sso_school):
    from tests.factories import UserFactory

    nobody = UserFactory(email="nobody@school.example")
    oidc_provider.person("n-sub", **claims(nobody.email))
    response = oidc_provider.sign_in(client, "n-sub")
    assert response.status_code == 403
    assert refusal_reason() == "no_membership"


def test_it_refuses_a_former_member_and_a_disabled_account(client, oidc_provider, sso_school, staff, lead):
    oidc_provider.person("sam-sub", **claims(staff.email))
    assert oidc_provider.sign_in(client, "sam-sub").status_code == 302  # linked while a member
    client.logout()
    member_leave(school=sso_school, by=lead, user=staff)
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 403
    assert refusal_reason() == "no_membership"

    Membership.objects.filter(user=staff).update(left_on=None)
    staff.is_active = False
    staff.save()
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 403
    assert refusal_reason() == "account_disabled"


def test_it_refuses_a_school_that_chose_no_provider(client, oidc_provider, school, staff):
    oidc_provider.person("sam-sub", **claims(staff.email))
    response = oidc_provider.sign_in(client, "sam-sub")
    assert response.status_code == 403
    assert refusal_reason() == "not_allowed_provider"


def test_it_never_makes_an_account(client, oidc_provider, sso_school):
    from accounts.models import User

    before = User.objects.count()
    oidc_provider.person("new-sub", **claims("new.person@school.example"))
    oidc_provider.sign_in(client, "new-sub")
    assert User.objects.count() == before


def test_the_providers_second_factor_counts_for_two_factor_sign_in(client, oidc_provider, sso_school, lead, settings):
    settings.REQUIRE_2FA = True
    oidc_provider.person("lee-sub", **claims(lead.email, amr=["pwd", "mfa"]))
    oidc_provider.sign_in(client, "lee-sub")
    assert client.session[SESSION_MFA] is True
    assert client.get("/").status_code == 200  # no code asked


def test_a_password_alone_at_the_provider_still_needs_the_apps_code(client, oidc_provider, sso_school, lead, settings):
    settings.REQUIRE_2FA = True
    oidc_provider.person("lee-sub", **claims(lead.email, amr=["pwd"]))
    oidc_provider.sign_in(client, "lee-sub")
    assert client.session[SESSION_MFA] is False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_a_new_person_joins_by_signing_in_with_the_provider(client, oidc_provider, sso_school, lead, invite):
    result, _ = invite(sso_school, lead, "new.teacher@school.example", "New Teacher")
    oidc_provider.person("nt-sub", **claims("new.teacher@school.example"))
    assert oidc_provider.sign_in(client, "nt-sub").status_code == 302
    invitation = Invitation.objects.get(pk=result.invitation.pk)
    assert invitation.state == "joined"
    assert AuditEvent.objects.filter(action="accounts.invitation_accepted", object_id=str(invitation.pk)).exists()
    client.force_login(lead)
    page = client.get("/accounts/people/")
    assert "New Teacher" in page.content.decode()
    assert page.context["rows"][[m.email for m, _, _ in page.context["rows"]].index(result.user.email)][2] == "joined"


def test_the_invitation_offers_the_schools_provider(client, oidc_provider, sso_school, lead, invite):
    _, path = invite(sso_school, lead, "new@school.example")
    page = client.get(path)
    html = page.content.decode()
    assert "Sign in with Local test provider" in html
    assert "Choose a password" in html


def test_a_school_without_passwords_offers_only_the_provider(client, oidc_provider, sso_school, lead, staff, invite):
    sso_school.password_sign_in = False
    sso_school.save()
    # Sign-in by password is refused, with the way that works.
    response = client.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "signs in with Local test provider" in response.content.decode()
    # The invitation has no password form, and a password posted to it is ignored.
    _, path = invite(sso_school, lead, "new@school.example")
    assert "new_password1" not in client.get(path).content.decode()
    client.post(path, {"new_password1": "a long new password 1", "new_password2": "a long new password 1"})
    assert SESSION_KEY not in client.session


def test_a_person_in_a_school_that_keeps_passwords_may_still_use_one(client, sso_school, other_school, staff):
    sso_school.password_sign_in = False
    sso_school.save()
    Membership.objects.create(user=staff, school=other_school, role=Role.STAFF)
    client.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(staff.pk)


def test_the_sign_in_page_offers_the_provider(client, db, oidc_provider):
    html = client.get("/accounts/login/").content.decode()
    assert "Sign in with Local test provider" in html
    assert 'action="/accounts/oidc/local/login/"' in html


def test_the_lead_sets_the_schools_provider_domains_and_passwords(client, oidc_provider, school, lead):
    client.force_login(lead)
    response = client.post(
        "/accounts/people/sign-in/",
        {"sign_in_provider": "local", "sign_in_domains": "@School.example; trust.example", "sign_in_tenant": ""},
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.sign_in_provider, school.sign_in_domains, school.password_sign_in) == (
        "local",
        "school.example, trust.example",
        False,
    )
    assert AuditEvent.objects.filter(action="update", object_type="accounts.school", actor=lead).exists()


def test_passwords_cannot_be_turned_off_without_a_provider(client, oidc_provider, school, lead):
    client.force_login(lead)
    response = client.post("/accounts/people/sign-in/", {"sign_in_provider": "", "sign_in_domains": ""})
    assert response.status_code == 200
    assert "Choose a provider first" in response.content.decode()
    school.refresh_from_db()
    assert school.password_sign_in


def test_a_sign_in_refused_at_the_provider_signs_nobody_in(client, oidc_provider, sso_school):
    import httpx

    start = client.post("/accounts/oidc/local/login/", {"process": "login"})
    back = httpx.post(start["Location"], data={"action": "deny"})
    assert "error=access_denied" in back.headers["location"]
    response = client.get(back.headers["location"].replace("http://testserver", ""))
    # The local provider's answer carries no state, so it reads as a broken flow, not a cancel.
    assert response.status_code in (200, 400)
    assert b"Sign-in did not work" in response.content or b"Sign-in cancelled" in response.content
    assert SESSION_KEY not in client.session


def test_a_callback_without_the_flow_is_refused(client, db, oidc_provider):
    response = client.get("/accounts/oidc/local/login/callback/?code=forged&state=forged")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session
    assert b"Sign-in did not work" in response.content


def test_an_expired_link_also_offers_the_schools_provider(client, oidc_provider, sso_school, lead, invite):
    result, path = invite(sso_school, lead, "new@school.example")
    Invitation.objects.filter(pk=result.invitation.pk).update(expires_at="2020-01-01T00:00Z")
    html = client.get(path).content.decode()
    assert "Email me a new link" in html
    assert "Sign in with Local test provider" in html
