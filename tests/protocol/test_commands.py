"""The moderation commands on the wire (docs/protocol.md, "Commands")."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import msgspec
import pytest

from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    Approve,
    ApproveMany,
    Blank,
    Command,
    CountShared,
    DeleteSession,
    Edit,
    EndSession,
    KeepRehearsal,
    Merge,
    Move,
    MoveToTop,
    NewSession,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SetAside,
    SetAsideMany,
    SetBatching,
    SetClosingNote,
    SetContentNote,
    SetOrganisersRecord,
    SetPhoneLanguage,
    SetProjector,
    SetUnshownRecord,
    SetWordLists,
    ShowSlide,
    StartRehearsal,
    StopHost,
    StopRehearsal,
    Undo,
    UpdateDetails,
    UseAddress,
    decode_command,
)
from facilitator.protocol.envelope import ProtocolError, encode

EXAMPLES: list[Command] = [
    Approve(12),
    SetAside(12),
    Restore(0),
    Project(12),
    ProjectNext(12),
    Blank(),
    EndSession(),
    UpdateDetails("Retro", "What went wrong?", "Me too"),
    UseAddress("192.168.1.23"),
    NewSession(),
    StopHost(),
    Edit(12, 3, "Someone at […] broke the build", "Pair on releases."),
    Remove(12),
    Undo(7),
    SetWordLists(("Riverside Estate", "Northgate Council"), ("overdose",)),
    CountShared(counted=True),
    StartRehearsal(phones=30),
    StopRehearsal(),
    KeepRehearsal(),
    Move(12, before_id=7),
    Move(12, before_id=None),
    MoveToTop(12),
    ApproveMany((3, 4, 5)),
    SetAsideMany((6,)),
    Merge(12, (13, 14), 2, "I stayed silent in the review", ""),
    SetOrganisersRecord(keep=True),
    SetBatching("off"),
    SetPhoneLanguage("cy"),
    SetPhoneLanguage(""),
    SetUnshownRecord(keep=True),
    DeleteSession(3),
    SetClosingNote("Thank you. Bring one lesson to Monday."),
    ApplySetup("Fail night", "Which mistake?", "Been there", None, 600, False, "cy", "#1a7f64", ""),
    AddWarmUp("I went first.", "Go first."),
    ShowSlide("break"),
    SetContentNote(12, noted=True),
    SetProjector("light", corner_qr=False, timer=True),
]


def wire_name(command_type: type) -> str:
    return str(msgspec.inspect.type_info(command_type).tag)  # type: ignore[attr-defined]


def flatten(alias: object) -> set[object]:
    value = getattr(alias, "__value__", alias)
    args = typing.get_args(value)
    return set().union(*(flatten(arg) for arg in args)) if args else {value}


def test_every_command_in_the_union_has_an_example() -> None:
    assert {type(example) for example in EXAMPLES} == flatten(Command)


def test_the_names_are_exactly_the_documented_ones() -> None:
    protocol = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")
    section = protocol.split("### Commands", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)) - {"command"}
    assert documented == {wire_name(command_type) for command_type in flatten(Command)}


@pytest.mark.parametrize("command", EXAMPLES, ids=lambda c: type(c).__name__)
def test_every_command_round_trips(command: Command) -> None:
    encoded = encode(command, ref="r1")
    incoming = decode_command(encoded)
    assert (incoming.message, incoming.ref) == (command, "r1")
    assert type(incoming.message) is type(command)


@pytest.mark.parametrize(
    "payload",
    [
        b'{"command": "Approve", "item_id": 1}',
        b'{"command": "delete", "item_id": 1}',
        b'{"command": "approve"}',
        b'{"command": "approve", "item_id": "1"}',
        b'{"command": "approve", "item_id": 1, "extra": 0}',
        b'{"command": "blank", "item_id": 1}',
        b'{"command": "project_next"}',
        b'{"command": "start_rehearsal"}',
        b'{"command": "start_rehearsal", "phones": 0}',
        b'{"command": "start_rehearsal", "phones": 501}',
        b'{"command": "stop_rehearsal", "phones": 3}',
        b'{"command": "approve_many", "item_ids": []}',
        b'{"command": "move", "item_id": 1}',
        b'{"command": "merge", "keep_id": 1, "item_ids": [], "version": 1, "text": "a", '
        b'"learned": ""}',
        b'{"command": "set_batching", "mode": "sometimes"}',
        b'{"command": "set_phone_language", "language": "../../etc"}',
        b'{"command": "set_phone_language", "language": "DE"}',
        b'{"item_id": 1}',
        b"[]",
    ],
)
def test_malformed_commands_are_refused(payload: bytes) -> None:
    body = b'{"type": "moderate", "version": 1, "payload": ' + payload + b"}"
    with pytest.raises(ProtocolError) as refused:
        decode_command(body)
    assert refused.value.code == "invalid_payload"


def test_commands_are_immutable_values() -> None:
    assert Approve(5) == Approve(5)
    assert hash(Approve(5)) == hash(Approve(5))
    assert Approve(5) != SetAside(5)
    with pytest.raises(AttributeError):
        Approve(5).item_id = 6  # type: ignore[misc]
