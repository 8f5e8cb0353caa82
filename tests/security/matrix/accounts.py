from . import LEADERS, Entry

PUBLIC = Entry(public=True)
EVERYONE = {"staff", "lead", "dsl", "head", "governor", "trust"}

ENTRIES = {
    "home": Entry(allowed=EVERYONE),
    # Django's sign-in and password pages
    "login": PUBLIC,
    "logout": Entry(allowed=EVERYONE, method="post", ok=(302,), outsider=302),
    "password_change": Entry(allowed=EVERYONE, outsider=200),
    "password_change_done": Entry(allowed=EVERYONE, outsider=200),
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": Entry(public=True, kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": PUBLIC,
    # People
    "accounts:switch-school": Entry(
        allowed=EVERYONE,
        method="post",
        data=lambda w: {"school": w.school.pk},
        ok=(302,),
        outsider=404,
        dual="ok",  # school A is one of theirs
    ),
    "accounts:member-list": Entry(allowed=LEADERS),
    "accounts:member-add": Entry(allowed=LEADERS),
    "accounts:member-import": Entry(allowed=LEADERS),
    "accounts:job-titles": Entry(allowed=LEADERS),
    "accounts:member-edit": Entry(allowed=LEADERS, kwargs=lambda w: {"user_id": w.staff.pk}),
    "accounts:member-remove": Entry(
        allowed=LEADERS, kwargs=lambda w: {"user_id": w.staff.pk}, method="post", ok=(302,)
    ),
    # Invitations: the emailed link is public (the token is the key); the Lead resends and cancels.
    "accounts:invitation": Entry(public=True, kwargs=lambda w: {"token": "not-a-real-token"}, ok=(404,)),
    "accounts:invitation-renew": Entry(
        public=True, kwargs=lambda w: {"token": "not-a-real-token"}, method="post", ok=(404,)
    ),
    "accounts:invitation-resend": Entry(
        allowed=LEADERS, kwargs=lambda w: {"invitation_id": _invitation(w).pk}, method="post", ok=(302,)
    ),
    "accounts:invitation-cancel": Entry(
        allowed=LEADERS, kwargs=lambda w: {"invitation_id": _invitation(w).pk}, method="post", ok=(302,)
    ),
    # Sign-in settings (provider, domains, tenant, passwords): the school's leaders.
    "accounts:sign-in-settings": Entry(allowed=LEADERS),
    # Single sign-on (allauth's OpenID Connect views): public; a provider this site is not set up
    # for is a 404, and a callback without the flow's state is refused.
    "openid_connect_login": Entry(public=True, kwargs=lambda w: {"provider_id": "local"}, ok=(200, 404)),
    "openid_connect_callback": Entry(public=True, kwargs=lambda w: {"provider_id": "local"}, ok=(400, 404)),
    # A person's own details: anyone signed in, whatever their school.
    "accounts:profile": Entry(allowed=EVERYONE, outsider=200),
}


def _invitation(world):
    """An open invitation of school A (made once per world)."""
    from accounts.invitations import invitation_create
    from accounts.models import Invitation, Role
    from tests.factories import UserFactory

    existing = Invitation.objects.open().filter(school=world.school).first()
    if existing:
        return existing
    person = UserFactory(email="invited@school.example")
    return invitation_create(
        school=world.school, by=world.lead, user=person, email=person.email, roles=[Role.STAFF], kind="membership"
    )
