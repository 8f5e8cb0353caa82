"""Shared pieces of the reliability tests (issue 16): evidence, the audit chain, export, mail."""

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (roles, concurrent writers, advisory locks)"
)
