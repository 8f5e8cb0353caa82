from collections.abc import Mapping

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from core.client_address import client_ip

from .audit import current_ip
from .models import Role
from .roles import Capabilities
from .selectors import membership_roles, school_for, schools_and_roles

SESSION_SCHOOL_KEY = "current_school_id"


class SchoolOptions(Mapping):
    """{school: roles} of every school the user may switch to, read only when a page shows it.

    An officer of a local authority oversees hundreds of schools: the middleware loads the one
    they are looking at, and this list only when the school switcher (or a view) asks for it.
    """

    def __init__(self, user, roles, officer_anywhere):
        self._user, self._roles, self._officer_anywhere = user, roles, officer_anywhere
        self._schools = None

    def _all(self):
        if self._schools is None:
            self._schools = schools_and_roles(self._user, self._roles)
        return self._schools

    def __getitem__(self, school):
        return self._all()[school]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        # Without an organisation, the user's schools are their memberships': no query.
        return len(self._all()) if self._officer_anywhere else len(self._roles)

    def role_sets(self):
        """The roles held in each school, without loading the schools (for two-factor)."""
        sets = [frozenset(roles) for roles in self._roles.values()]
        return [*sets, frozenset({Role.TRUST_OFFICER})] if self._officer_anywhere else sets


class CurrentSchoolMiddleware:
    """Sets request.school, request.roles and request.caps from the user's memberships.

    The current school is the one chosen in the session, or the first one by name, found by the
    membership and organisation keys: two queries, whatever the number of schools.
    ``request.school_options`` (a SchoolOptions) maps each school the user may switch to onto
    their roles there, read only where it is used.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.school, request.roles, request.school_options = None, frozenset(), {}
        if request.user.is_authenticated:
            roles = membership_roles(request.user)
            chosen = request.session.get(SESSION_SCHOOL_KEY)
            found = school_for(request.user, chosen, roles)
            if found is None and chosen is not None:
                found = school_for(request.user, None, roles)
            if found is not None:
                school, held = found
                request.school, request.roles = school, held
                request.school_options = SchoolOptions(request.user, roles, school.officer_anywhere)
        request.caps = Capabilities(request.roles, request.school)
        return self.get_response(request)


class NoStoreMiddleware:
    """Signed-in pages may hold children's and staff data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class AuditContextMiddleware:
    """Remembers the client's address for audit events written while serving the request.

    The same address as the sign-in lockout's (``core.client_address``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response.

    The app never uses the camera, microphone, location or payments, so no page (nor anything
    injected into one) may ask the browser for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
