"""Moderation commands from their wire names (docs/protocol.md, `moderate`)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import get_args

import pytest

from facilitator.core.moderation import (
    COMMAND_NAMES,
    Approve,
    Blank,
    Command,
    EndSession,
    Project,
    ProjectNext,
    Restore,
    SetAside,
    command_from_name,
)

NEEDS_CONFESSION = {
    "approve": Approve,
    "set_aside": SetAside,
    "restore": Restore,
    "project": Project,
}
STANDS_ALONE = {
    "project_next": ProjectNext,
    "blank": Blank,
    "end_session": EndSession,
}


def test_the_names_are_exactly_the_protocols() -> None:
    assert set(COMMAND_NAMES) == set(NEEDS_CONFESSION) | set(STANDS_ALONE)
    assert len(COMMAND_NAMES) == len(set(COMMAND_NAMES))
    protocol = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = protocol.split("### `moderate`", 1)[1].split("###", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", section)) >= set(COMMAND_NAMES)


def test_every_command_type_has_a_name() -> None:
    built = {type(command_from_name(name, 1)) for name in COMMAND_NAMES}
    assert built == set(get_args(Command))


@pytest.mark.parametrize(("name", "kind"), NEEDS_CONFESSION.items())
def test_commands_on_a_confession(name: str, kind: type) -> None:
    command = command_from_name(name, 12)
    assert command == kind(12)
    assert type(command) is kind
    assert command.confession_id == 12  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "kind"), STANDS_ALONE.items())
def test_commands_without_a_confession(name: str, kind: type) -> None:
    assert command_from_name(name, None) == kind()
    assert type(command_from_name(name, None)) is kind


@pytest.mark.parametrize(("name", "kind"), STANDS_ALONE.items())
def test_a_confession_id_given_to_a_command_without_one_is_ignored(name: str, kind: type) -> None:
    assert command_from_name(name, 12) == kind()


@pytest.mark.parametrize("name", NEEDS_CONFESSION)
def test_a_missing_confession_id_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match=f"{name} needs a confession_id"):
        command_from_name(name, None)


def test_confession_id_zero_is_an_id_not_a_missing_one() -> None:
    assert command_from_name("approve", 0) == Approve(0)


@pytest.mark.parametrize(
    "name", ["", "Approve", "APPROVE", " approve", "approve ", "delete", "end", "edit", "unknown"]
)
@pytest.mark.parametrize("confession_id", [None, 12])
def test_an_unknown_name_is_refused_as_unknown(name: str, confession_id: int | None) -> None:
    with pytest.raises(ValueError, match="unknown command"):
        command_from_name(name, confession_id)


@pytest.mark.parametrize("kind", get_args(Command))
def test_commands_are_immutable_values(kind: type) -> None:
    fields = [field.name for field in dataclasses.fields(kind)]
    command = kind(*(5 for _ in fields))
    assert command == kind(*(5 for _ in fields))
    assert hash(command) == hash(kind(*(5 for _ in fields)))
    if fields:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(command, fields[0], 6)
