"""The governors' reports: the figures, the dashboard's charts, PDFs, exports, snapshots,
the annual report, the inspection pack and the trust overview."""
