"""The assurance pages, by instrument: the risk assessment, the self-assessment, filtering and monitoring."""
