"""Documents, versions and acknowledgements (issue: staff read and confirm KCSIE)."""

from django.db import models  # noqa: F401

__all__ = []
