"""The address of the person making a request, for the sign-in lockout and the audit trail.

Behind a TLS-terminating proxy every request arrives from the proxy, so the client's address
is the one the proxy appends to ``X-Forwarded-For``. That header is believed only when the
request comes from an address in ``settings.TRUSTED_PROXIES``; anyone else could write any
address into it. The header is read from the right: each trusted proxy appends the address it
saw, so the first address from the right that is not a trusted proxy is the client's, and
whatever the client wrote to the left of it is ignored.
"""

import ipaddress

from django.conf import settings


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address):
    return address is not None and any(
        address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES
    )


def client_ip(request):
    """The client's IP address as text, or None if the request carries none."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    client = remote
    if _trusted(remote):
        for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            address = _address(hop)
            if address is None:
                break  # garbage: keep the last address a trusted proxy vouched for
            client = address
            if not _trusted(address):
                break
    return str(client)
