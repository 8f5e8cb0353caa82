"""The action plan: plans, areas, duties, evidence, actions, owners, evidence items, history."""

from django.db import models  # noqa: F401

__all__ = []
