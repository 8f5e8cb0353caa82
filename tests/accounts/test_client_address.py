"""The client's address: X-Forwarded-For is believed only from a trusted proxy, read from the right."""

import pytest
from django.test import RequestFactory, override_settings

from core.client_address import client_ip

rf = RequestFactory()


def _ip(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(rf.get("/", **meta))


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not a proxy: its header is ignored
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "192.0.2.9, 198.51.100.1", "198.51.100.1"),  # what the client wrote is ignored
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", "198.51.100.1"),  # two proxies of ours
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "198.51.100.1, not-an-address", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("", None, None),
    ],
)
@override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])
def test_client_ip(remote, forwarded, expected):
    assert _ip(remote, forwarded) == expected
