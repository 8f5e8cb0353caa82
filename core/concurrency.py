"""Optimistic locking: the second of two people editing the same record is told, not overwritten.

A model that people edit in forms subclasses ``Versioned``; its form includes the hidden
``version`` field (``VersionedForm``); the service saves with ``save_versioned``, which raises
``StaleEdit`` if someone saved in between. The view shows the message and keeps the input.
An edit that arrives without its version (a page from before the field, a hand-made request)
is a stale edit too: it cannot show that it started from the record as it is now.
"""

from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F

STALE_MESSAGE = (
    "Someone else saved a change to this record after you opened it. Your changes have not been saved: "
    "they are still in the form below. Open the record again in a new tab to see the latest version, then save."
)


class StaleEdit(ValidationError):
    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class VersionedForm(forms.ModelForm):
    """A ModelForm that carries the version the person started from.

    Valid only if that version is the record's as loaded: an edit without it (a page from
    before the field, a hand-made request), with another, or with one someone has since saved
    over, is a ``StaleEdit`` on the form. The version is then ``form.expected_version``, not in
    ``cleaned_data``: the view passes it to the service, whose ``save_versioned`` refuses a save
    that lands after someone else's (the same message on the form).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    expected_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        version = data.pop("version", None)
        if self.instance.pk and version != self.instance.version:
            raise StaleEdit()
        self.expected_version = version
        return data


def save_versioned(instance, expected_version, fields):
    """Save ``fields`` of an existing instance only if its version is still ``expected_version``."""
    if expected_version is None:
        raise StaleEdit()
    values = {name: getattr(instance, name) for name in fields}
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected_version)
        .update(**values, version=F("version") + 1)
    )
    if not updated:
        raise StaleEdit()
    instance.version = expected_version + 1
    return instance


@contextmanager
def refused_on_clash(message):
    """Run the block in a savepoint; if a rule of the database (a unique constraint) refuses it,
    raise ``ValidationError(message)`` instead of the database's error.

    A check in Python ("is there one already?") cannot see a row that another request is
    committing at the same moment; the constraint can. This gives its refusal the same clear
    message, so the person sees why and nothing is half-saved. ``message`` may be a dict
    {field: message}.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError(message) from exc
