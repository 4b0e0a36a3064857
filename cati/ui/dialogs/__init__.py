"""Dialogs shared by the dashboard and setup: export, report, answer correction."""
