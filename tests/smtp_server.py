"""A real SMTP server on a local port (aiosmtpd), to send the app's emails through Django's SMTP backend."""

import email
import email.policy
import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Inbox:
    """What the server received: each message parsed as a mail client would."""

    def __init__(self):
        self.envelopes = []
        self.sessions = []  # the connection each message came on, in order

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        self.sessions.append(session)
        return "250 Message accepted for delivery"

    @property
    def connections(self):
        """How many SMTP connections delivered messages (one per batch when batches share one)."""
        return len({id(session) for session in self.sessions})

    @property
    def messages(self):
        return [email.message_from_bytes(e.original_content, policy=email.policy.default) for e in self.envelopes]

    def clear(self):
        self.envelopes.clear()
        self.sessions.clear()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()
