"""The Prevent duty's own instruments: the risk assessment, the self-assessment, filtering and monitoring."""
