"""Report snapshots and the governors' challenge log."""

from django.db import models  # noqa: F401

__all__ = []
