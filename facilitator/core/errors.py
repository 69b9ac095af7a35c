"""Errors the domain raises. Each carries a stable ``code`` for the wire."""

from __future__ import annotations

from pathlib import Path


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


class StoreNotOpened(Exception):
    """The store cannot be opened: ``path`` is the folder or file at fault, ``reason``
    what is wrong with it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataDirUnusable(StoreNotOpened):
    """The data folder cannot be created, is not a folder, or cannot be written to."""


class StoreUnreadable(StoreNotOpened):
    """The database file cannot be opened for reading and writing (its permissions, a
    folder in its place, a lock held by another program, the disk)."""


class StoreDamaged(StoreNotOpened):
    """The database file is not a database, or SQLite finds it damaged (a copy cut
    short, overwritten pages)."""


class TranscriptNotWritten(Exception):
    """Ending failed because the transcript could not be written; the session stays open."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
