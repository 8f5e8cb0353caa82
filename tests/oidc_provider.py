"""A real OpenID Connect provider on a local port (oidc-provider-mock), for the sign-in tests.

The provider is a separate server: Django talks to it over HTTP (discovery, token, JWKS,
userinfo) exactly as it would to Microsoft or Google, and the tests follow the browser's
redirects between the two by hand (or drive Chromium through them).
"""

from contextlib import contextmanager
from urllib.parse import quote

import httpx
import oidc_provider_mock

CLIENT_ID = "prevent-tests"
CLIENT_SECRET = "prevent-tests-secret"  # noqa: S105 - the local provider accepts any secret


def local_app(server_url):
    """The SOCIALACCOUNT_PROVIDERS entry settings.py makes from OIDC_LOCAL_* for this provider."""
    return {
        "provider_id": "local",
        "name": "Local test provider",
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "settings": {
            "server_url": server_url,
            "oauth_pkce_enabled": True,
            "scope": ["openid", "email", "profile"],
            "kind": "oidc",
        },
    }


class LocalProvider:
    def __init__(self, url):
        self.url = url

    def person(self, sub, **claims):
        """The claims the provider gives ``sub`` (email, email_verified, name, tid, amr, ...)."""
        response = httpx.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims)
        assert response.status_code == 204, response.text

    def authorize(self, authorize_url, sub):
        """The person signs in at the provider: the redirect back to the app (with the code)."""
        response = httpx.post(authorize_url, data={"sub": sub})
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def sign_in(self, client, sub, next_url=None, provider_id="local"):
        """The whole redirect flow in Django's test client: the app's last response."""
        data = {"process": "login", **({"next": next_url} if next_url else {})}
        start = client.post(f"/accounts/oidc/{provider_id}/login/", data)
        assert start.status_code == 302, start.status_code
        assert start["Location"].startswith(self.url), start["Location"]
        callback = self.authorize(start["Location"], sub)
        return client.get(callback.replace("http://testserver", ""))


@contextmanager
def running_provider():
    with oidc_provider_mock.run_server_in_thread() as server:
        yield LocalProvider(f"http://localhost:{server.server_port}")
