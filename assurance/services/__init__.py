"""Use cases of the assurance records, one module per instrument; each write is one transaction."""
