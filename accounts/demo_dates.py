"""Dating the demo's evidence in the past as it is created, since evidence is never updated."""

from contextlib import contextmanager

from django.db.models.signals import pre_save


@contextmanager
def created_at(model, field, when):
    """Inside the block, each new ``model`` row gets ``field = when`` (or ``when()``) as it is inserted.

    The demo's history (confirmations over three weeks, decisions before each event) happened
    before the day it is seeded; the append-only tables refuse to be back-dated afterwards.
    ``when`` may be a callable, so that a random date is drawn only for a row really created.
    """

    def set_date(sender, instance, **kwargs):
        if instance._state.adding:
            setattr(instance, field, when() if callable(when) else when)

    pre_save.connect(set_date, sender=model, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(set_date, sender=model)
