"""Errors the domain raises. Each carries a stable ``code`` for the wire."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse. ``code`` is stable and shown translated on phones."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class RuleViolation(DomainError):
    """Participant input that breaks a rule (too long, empty, forbidden characters)."""


class CommandRefused(DomainError):
    """A moderation command or a vote that does not fit the session's state."""


class UnknownParticipant(DomainError):
    def __init__(self) -> None:
        super().__init__("unknown_participant", "This phone is not part of the current session.")


class StoreUnavailable(Exception):
    """The store cannot write: nothing may be acknowledged until it can again."""


class StoreTooNew(Exception):
    """The data file was written by a newer version of Confessional."""


class TranscriptNotWritten(Exception):
    """Ending failed because the transcript could not be written; the session stays open."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
