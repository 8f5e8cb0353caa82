"""Email backends for the queue tests: the test outbox, counting the SMTP connections opened;
and a mail server that cannot be reached."""

from django.core.mail.backends.locmem import EmailBackend


class CountingBackend(EmailBackend):
    """The locmem outbox, counting how many connections were opened (one per batch)."""

    opened = 0

    def open(self):
        type(self).opened += 1
        return True


class UnreachableBackend(EmailBackend):
    """A mail server that refuses every connection."""

    def open(self):
        raise ConnectionRefusedError("refused")
