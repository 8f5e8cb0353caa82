"""Absolute links for emails: the configured site address, or the address of the request."""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(path, request=None):
    """``path`` as a full URL on ``settings.SITE_URL`` (or on the host the request came to)."""
    if settings.SITE_URL:
        return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))
    if request is None:
        raise ValueError("SITE_URL is not set and there is no request to take the address from.")
    return request.build_absolute_uri(path)
