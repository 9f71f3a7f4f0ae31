"""Triage of connection requests you receive: which reply fits, and why."""

from assistant.triage.suggest import Suggestion, suggest_situation

__all__ = ["Suggestion", "suggest_situation"]
