"""What the assurance records share: append-only records that carry an idempotency key."""

from django.core.exceptions import ValidationError
from django.db import models


class AppendOnly(models.Model):
    """A record kept as it was written (a review, a sign-off, a rating, a check).

    A correction is a new record; ``nonce`` is the form's one-time key, so a double click or a
    retry after an error makes one record, not two.
    """

    # The database refuses UPDATE and DELETE too (core.append_only).
    append_only = True

    nonce = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(f"A {self._meta.verbose_name} is never changed: record a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"A {self._meta.verbose_name} is never deleted.")
