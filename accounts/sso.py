"""Single sign-on with a school's OpenID Connect provider (Microsoft Entra ID, Google Workspace).

django-allauth runs the OpenID Connect flow (``allauth.socialaccount.providers.openid_connect``);
the rules of who may sign in are here, in the adapter allauth calls once the provider has
answered:

- no self-registration: the person must already have an account with a current membership;
- matched on a *verified* email only (``email_verified``; for Microsoft also ``xms_edov``);
- in a school that chose this provider, at one of the school's email domains, from the school's
  Microsoft tenant (``tid``) where it names one, and for Google from its Workspace domain (``hd``).

Anything else is refused with a page that says why, and the refusal is audited. A sign-in whose
ID token says the provider checked a second factor (``amr``, see ``MFA_AMR``) counts as two-factor
for ``accounts.two_factor``.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import render

from .audit import AuditAction, record_event
from .models import Membership, OrganisationMembership, User
from .two_factor import PROVIDER_MFA_SESSION

# RFC 8176 authentication method references that mean a second factor was checked: "mfa"
# (Entra ID after any MFA), a one-time code ("otp"), a hardware or software key ("hwk", "swk")
# or a smart card ("sc"). A password ("pwd") alone, or no amr at all (Google), is not enough.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sc"})
SESSION_PROVIDER = "sso_provider"
SESSION_MFA = PROVIDER_MFA_SESSION
# The session names the backend that loads the user on each request (the project's own, by id).
MODEL_BACKEND = "accounts.backends.EmailBackend"


class Refusal(Exception):
    """Why the provider's person may not sign in here: ``code`` for the audit, ``message`` for them."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def configured_providers():
    """[(provider id, name, kind)] of the providers this deployment is set up for."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return [(app["provider_id"], app["name"], app.get("settings", {}).get("kind", "oidc")) for app in apps]


def provider_name(provider_id):
    return next((name for pid, name, _ in configured_providers() if pid == provider_id), "")


def provider_kind(provider_id):
    return next((kind for pid, _, kind in configured_providers() if pid == provider_id), "")


def claims_of(extra_data):
    """The person's claims: the userinfo answer, with the ID token's own claims (signed) on top."""
    return {**(extra_data.get("userinfo") or {}), **(extra_data.get("id_token") or {})}


def _true(value):
    return value is True or str(value).lower() == "true"


def email_is_verified(kind, claims):
    if _true(claims.get("email_verified")):
        return True
    # Entra ID sends no email_verified; its optional claim xms_edov says the domain owner verified it.
    return kind == "microsoft" and _true(claims.get("xms_edov"))


def _school_accepts(school, *, provider_id, kind, domain, claims):
    """'' if ``school`` accepts this sign-in, else the reason it does not."""
    if school.sign_in_provider != provider_id:
        return "provider"
    if domain not in school.sign_in_domain_list:
        return "domain"
    tenant = school.sign_in_tenant.strip().lower()
    if tenant and str(claims.get("tid", "")).lower() != tenant:
        return "tenant"
    if kind == "microsoft" and not tenant:
        return "tenant"  # a Microsoft school must name its tenant: any tenant could otherwise sign in
    if kind == "google" and str(claims.get("hd", "")).lower() not in school.sign_in_domain_list:
        return "domain"  # a personal Google account can carry a school address; only Workspace has hd
    return ""


def match_person(*, provider_id, kind, claims):
    """(user, [schools that accept this sign-in]) for the provider's claims, or Refusal."""
    email = str(claims.get("email") or "").strip().lower()
    if not email or not email_is_verified(kind, claims):
        raise Refusal(
            "unverified_email",
            "Your organisation account did not give a verified email address, so we cannot tell who you are.",
        )
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise Refusal(
            "unknown_email",
            f"There is no account for {email}. Ask your school's Prevent Lead to add you: you will get an "
            "email invitation.",
        )
    if not user.is_active:
        raise Refusal("account_disabled", f"The account for {email} has been switched off.")
    schools = [m.school for m in Membership.objects.current().filter(user=user).select_related("school")]
    if not schools:
        raise Refusal(
            "no_membership",
            f"{email} is not a current member of any school here. If you have joined a new school, ask its "
            "Prevent Lead to add you.",
        )
    domain = email.rsplit("@", 1)[1]
    reasons = {}
    for school in schools:
        reasons.setdefault(
            school, _school_accepts(school, provider_id=provider_id, kind=kind, domain=domain, claims=claims)
        )
    accepting = [s for s, reason in reasons.items() if not reason]
    if not accepting:
        wrong = sorted(set(reasons.values()))
        raise Refusal(
            f"not_allowed_{'_'.join(wrong)}",
            f"Your school does not accept sign-in to {email} with {provider_name(provider_id) or 'this provider'}"
            + (" from this organisation (tenant)." if "tenant" in wrong else ".")
            + " Sign in the way your school uses, or ask its Prevent Lead.",
        )
    return user, accepting


def password_sign_in_allowed(user):
    """False if every school ``user`` belongs to has turned password sign-in off."""
    if user.is_staff or user.is_superuser or OrganisationMembership.objects.filter(user=user).exists():
        return True
    flags = list(Membership.objects.current().filter(user=user).values_list("school__password_sign_in", flat=True))
    return not flags or any(flags)


def providers_for(user):
    """[(provider id, name)] that the schools of ``user`` sign in with (for the sign-in page's hint)."""
    chosen = set(
        Membership.objects.current()
        .filter(user=user)
        .exclude(school__sign_in_provider="")
        .values_list("school__sign_in_provider", flat=True)
    )
    return [(pid, name) for pid, name, _ in configured_providers() if pid in chosen]


class ClosedAccountAdapter(DefaultAccountAdapter):
    """allauth's account side: nobody signs up; people are added by their school."""

    def is_open_for_signup(self, request):
        return False

    def add_message(self, *args, **kwargs):
        # allauth's "Successfully signed in" notices: the home page says where you are.
        return None


class SchoolSocialAccountAdapter(DefaultSocialAccountAdapter):
    """allauth's provider side: sign in to an existing, current membership, or a page that says why not."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        provider_id = sociallogin.account.provider
        kind = provider_kind(provider_id)
        claims = claims_of(sociallogin.account.extra_data)
        try:
            user, schools = match_person(provider_id=provider_id, kind=kind, claims=claims)
            if sociallogin.is_existing and sociallogin.user.pk != user.pk:
                raise Refusal(
                    "linked_to_another_person",
                    "This organisation account is linked to another person here. Ask your school's Prevent Lead.",
                )
        except Refusal as refusal:
            record_event(
                action=AuditAction.SIGN_IN_FAILED,
                object_type="accounts.user",
                changes={"email": str(claims.get("email", ""))[:254], "provider": provider_id, "reason": refusal.code},
            )
            raise ImmediateHttpResponse(
                render(
                    request,
                    "accounts/sso_refused.html",
                    {"message": refusal.message, "provider": provider_name(provider_id)},
                    status=403,
                )
            ) from None
        from .invitations import invitations_accept_by_sign_in

        with transaction.atomic():
            if not sociallogin.is_existing:
                sociallogin.connect(request, user)
            invitations_accept_by_sign_in(user=user, schools=schools, provider=provider_id)
        user.backend = MODEL_BACKEND
        sociallogin.user = user
        amr = claims.get("amr") or []
        request._sso_sign_in = {
            "provider": provider_id,
            "mfa": bool(MFA_AMR & {str(a).lower() for a in (amr if isinstance(amr, list) else [amr])}),
        }

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        cancelled = error == "cancelled"
        raise ImmediateHttpResponse(
            render(
                request,
                "accounts/sso_error.html",
                {"cancelled": cancelled, "provider": getattr(provider, "name", "")},
                status=400 if not cancelled else 200,
            )
        )


@receiver(user_logged_in)
def _remember_provider(sender, request, user, **kwargs):
    """The session remembers a provider sign-in and whether the provider checked a second factor."""
    if request is None or not hasattr(request, "session"):
        return
    sso = getattr(request, "_sso_sign_in", None)
    request.session.pop(SESSION_MFA, None)
    request.session.pop(SESSION_PROVIDER, None)
    if sso:
        request.session[SESSION_PROVIDER] = sso["provider"]
        request.session[SESSION_MFA] = sso["mfa"]
        record_event(action=AuditAction.SIGNED_IN_WITH_PROVIDER, by=user, obj=user, changes=sso)
