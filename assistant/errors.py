"""Errors that tell the user what went wrong and how to fix it."""

from __future__ import annotations


class CordialError(Exception):
    """Base error: a one-line message plus the fix, printed without a traceback."""

    exit_code = 1

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class InputError(CordialError):
    """The user's input cannot be used: empty, too large, malformed."""

    exit_code = 2


class NeedsKeyError(CordialError):
    """The openai backend was chosen but no API key is set."""

    def __init__(self) -> None:
        super().__init__(
            "the openai backend needs an API key",
            "set OPENAI_API_KEY or CORDIAL_API_KEY, or use --backend local",
        )


class ModelFilesError(CordialError):
    """The embedded model's files are missing or corrupt."""


class BackendError(CordialError):
    """A model server could not be reached, timed out, or answered with an error."""
