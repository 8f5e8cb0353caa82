"""Emails as templates: every message is a subject, a plain-text body and an HTML body.

``send_templated_email("training/email/acknowledgement_reminder", to=[...], context={...})``
renders ``<name>_subject.txt``, ``<name>_body.txt`` and ``<name>_body.html`` (the HTML part is
optional) and sends them with Django's email backend.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def render_email(name, context):
    """(subject, text, html or None) rendered from the templates named ``name``."""
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    text = render_to_string(f"{name}_body.txt", context)
    try:
        html = render_to_string(f"{name}_body.html", context)
    except TemplateDoesNotExist:
        html = None
    return subject, text, html


def build_templated_email(name, *, to, context, from_email=None):
    """The message rendered from the email templates ``name``, ready to send (e.g. in a batch)."""
    subject, text, html = render_email(name, context)
    message = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send_templated_email(name, *, to, context, from_email=None):
    """Render the email templates ``name`` with ``context`` and send them to ``to`` (a list)."""
    message = build_templated_email(name, to=to, context=context, from_email=from_email)
    message.send()
    return message
