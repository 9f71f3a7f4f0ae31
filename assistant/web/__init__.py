"""Helpers for the web chat (app.py): display formatting and the settings-file writer."""
