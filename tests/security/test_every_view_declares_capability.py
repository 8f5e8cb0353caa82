"""Every page of the project says which capability it needs (``accounts.access.capability_required``,
or ``referrals.guards.hidden_unless`` for case pages): a view that declares none is open to every
signed-in person, whatever their role or school. Only the pages below may do without, each for
its reason.
"""

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from accounts.access import capability_required
from accounts.roles import CAPABILITIES

# Pages a person opens before they have a role in a school, or whatever their role.
WITHOUT_CAPABILITY = {
    # Signing in and out, by password or the school's single sign-on (no school yet).
    "login",
    "logout",
    "openid_connect_login",
    "openid_connect_callback",
    # The second factor, asked after the password and before any school page.
    "accounts:two-factor-verify",
    "accounts:two-factor-enrol",
    # Resetting a forgotten password (signed out), and changing one's own (any signed-in person).
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "password_change",
    "password_change_done",
    # An invitation is opened by the person invited, before they belong to the school.
    "accounts:invitation",
    "accounts:invitation-renew",
    # One's own account and the choice of school: anyone signed in, in any school or none.
    "accounts:profile",
    "accounts:switch-school",
    # For the load balancer: no sign-in, no school data (background/health.py).
    "health",
}
# Django's admin asks for a site administrator itself (test_access_matrix checks every persona).
ADMIN_NAMESPACE = "admin:"


def views_of(patterns, namespace="", prefix=""):
    """("namespace:name", or "namespace:route" if unnamed; view) of every URL pattern, through every include."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from views_of(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name or prefix + str(pattern.pattern)}"
            yield name, pattern.callback


def undeclared(patterns, allowed=frozenset()):
    return sorted(
        name
        for name, view in views_of(patterns)
        if not getattr(view, "capability", "") and name not in allowed and not name.startswith(ADMIN_NAMESPACE)
    )


def test_every_view_declares_a_capability():
    missing = undeclared(get_resolver().url_patterns, WITHOUT_CAPABILITY)
    assert not missing, f"Views that declare no capability (use @capability_required): {missing}"


def test_every_declared_capability_is_in_the_table():
    unknown = {
        name: view.capability
        for name, view in views_of(get_resolver().url_patterns)
        if getattr(view, "capability", "") and view.capability not in CAPABILITIES
    }
    assert not unknown, f"Views asking for capabilities accounts/roles.py does not know: {unknown}"


def test_the_allow_list_names_only_urls_that_exist():
    names = {name for name, _ in views_of(get_resolver().url_patterns)}
    stale = WITHOUT_CAPABILITY - names
    assert not stale, f"Stale names in WITHOUT_CAPABILITY: {stale}"


def _page(request):
    return HttpResponse("")


def test_the_walk_finds_an_undeclared_view_inside_an_include():
    inner = [path("open/", _page, name="open"), path("closed/", capability_required("view_plan")(_page))]
    patterns = [path("top/", _page), path("app/", include((inner, "app")))]
    assert undeclared(patterns) == ["app:open", "top/"]
    assert undeclared(patterns, {"app:open", "top/"}) == []
