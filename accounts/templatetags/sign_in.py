"""The single sign-on providers a page offers (the sign-in page, an invitation)."""

from django import template

from ..sso import configured_providers

register = template.Library()


@register.simple_tag
def sign_in_providers(only=""):
    """[(provider id, name)] configured for this site; ``only``: just that provider (a school's)."""
    return [(pid, name) for pid, name, _ in configured_providers() if not only or pid == only]
