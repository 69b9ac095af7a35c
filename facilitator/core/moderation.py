"""The moderation commands: one set, used by the console and the moderator page alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Approve:
    """Queue an incoming (or set-aside) confession for the big screen."""

    confession_id: int


@dataclass(frozen=True, slots=True)
class SetAside:
    """Keep a confession off the screen; it can be restored."""

    confession_id: int


@dataclass(frozen=True, slots=True)
class Restore:
    """Bring a set-aside confession back to the incoming list."""

    confession_id: int


@dataclass(frozen=True, slots=True)
class Project:
    """Put an approved (or earlier shown) confession on the big screen."""

    confession_id: int


@dataclass(frozen=True, slots=True)
class ProjectNext:
    """Project the first confession in the approved queue."""


@dataclass(frozen=True, slots=True)
class Blank:
    """Take the confession off the big screen without showing another."""


@dataclass(frozen=True, slots=True)
class EndSession:
    """Close the session, write its transcript and forget what was never shown."""


Command = Approve | SetAside | Restore | Project | ProjectNext | Blank | EndSession

COMMAND_NAMES = (
    "approve",
    "set_aside",
    "restore",
    "project",
    "project_next",
    "blank",
    "end_session",
)


def command_from_name(name: str, confession_id: int | None) -> Command:
    """Build a command from its wire name (see docs/protocol.md).

    Raises ``ValueError`` for an unknown name or a missing confession id.
    """
    match name:
        case "project_next":
            return ProjectNext()
        case "blank":
            return Blank()
        case "end_session":
            return EndSession()
    if name not in COMMAND_NAMES:
        raise ValueError(f"unknown command {name!r}")
    if confession_id is None:
        raise ValueError(f"{name} needs a confession_id")
    match name:
        case "approve":
            return Approve(confession_id)
        case "set_aside":
            return SetAside(confession_id)
        case "restore":
            return Restore(confession_id)
        case "project":
            return Project(confession_id)
    raise ValueError(f"unknown command {name!r}")
