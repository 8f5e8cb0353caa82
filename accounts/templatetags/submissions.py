"""``{% submission_token %}``: the hidden token that makes a form save once (accounts.submissions)."""

from django import template
from django.utils.html import format_html

from ..submissions import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    """A new token each time the form is shown: its two sends (a double click, a retry) share it."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
