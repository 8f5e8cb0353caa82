"""Courses, training needs, training records and briefings."""

from django.db import models  # noqa: F401

__all__ = []
