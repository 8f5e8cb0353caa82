from django.conf import settings
from django.utils.cache import add_never_cache_headers

from .audit import current_ip
from .client_address import client_ip
from .roles import Capabilities
from .selectors import schools_and_roles

SESSION_SCHOOL_KEY = "current_school_id"


class CurrentSchoolMiddleware:
    """Sets request.school, request.roles and request.caps from the user's memberships.

    ``request.school_options`` maps each school the user may switch to onto their roles there.
    The current school is the one chosen in the session, or the first one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.school, request.roles, request.school_options = None, frozenset(), {}
        if request.user.is_authenticated:
            options = schools_and_roles(request.user)
            if options:
                by_id = {school.pk: school for school in options}
                school = by_id.get(request.session.get(SESSION_SCHOOL_KEY)) or next(iter(options))
                request.school, request.roles = school, options[school]
                request.school_options = options
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

    The same address as the sign-in lockout's (``accounts.client_address``)."""

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
