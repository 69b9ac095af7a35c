"""Hostile input for the host: generated envelopes and raw bytes, and what a refusal may say.

:func:`frames` draws what a client might send to one endpoint or socket: envelopes of
the types accepted there (and of others), with near-valid payloads, wrong types,
extra and missing fields, lone surrogates, control and reordering characters, numbers
JSON cannot hold, deep nesting, duplicate keys, strings and bodies around every limit;
and plain garbage. A :class:`Frame` is rendered only when it is sent, because the
tokens it may carry (:class:`PoolToken`) are issued by the running host.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

import msgspec
from hypothesis import strategies as st

from facilitator.protocol.commands import (
    Command,
    EndSession,
    NewSession,
    StartRehearsal,
    StopHost,
)
from facilitator.protocol.envelope import MAX_MESSAGE_BYTES, Error, Message
from facilitator.protocol.moderator import (
    CHANGE_TYPES,
    Done,
    Resync,
    Snapshot,
)
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    ConfessionWithdrawn,
    Count,
    Hello,
    Join,
    Joined,
    PhoneState,
    PublicSession,
    ReplyReceived,
    SetAgreement,
    SubmitConfession,
    SubmitReply,
    WithdrawConfession,
)

# Commands that end, restart or stop what every other request is tried against, or start
# a process (a rehearsal's audience); their answers are the subject of tests of their own.
DISRUPTIVE = (EndSession, NewSession, StopHost, StartRehearsal)


def _members(union: Any) -> list[type[Message]]:
    """The structs of a union of type aliases, flattened."""
    value = getattr(union, "__value__", union)
    members = get_args(value)
    if not members:
        return [value]
    return [struct for member in members for struct in _members(member)]


COMMANDS: tuple[type[Message], ...] = tuple(
    command for command in _members(Command) if command not in DISRUPTIVE
)
# Every request a phone may send: reply.submit too (valid ones go under the confession on
# the screen, id 1; hostile.GOOD), besides the tests of its own in tests/host/test_replies.py.
PHONE_REQUESTS: tuple[type[Message], ...] = (
    SubmitConfession,
    SubmitReply,
    WithdrawConfession,
    SetAgreement,
)
MODERATOR_REQUESTS: tuple[type[Message], ...] = (*COMMANDS, Resync)
WIRE_TYPES = sorted(
    {
        message.TYPE
        for message in (
            Join,
            Hello,
            SubmitConfession,
            SubmitReply,
            SetAgreement,
            WithdrawConfession,
            ConfessionWithdrawn,
            ReplyReceived,
            Resync,
            Joined,
            PublicSession,
            PhoneState,
            Count,
            ConfessionReceived,
            AgreementRecorded,
            Error,
            Snapshot,
            Done,
            *CHANGE_TYPES,
            *COMMANDS,
        )
    }
)

# The refusal codes docs/protocol.md names (``test_every_named_code_is_in_the_document``
# keeps this list honest), and the families it describes: the rules' ``<field>_<reason>``
# for every text field they check, and ``<field>_too_long`` for a field of an incoming
# message far over any limit (refused by the decoder under its wire name).
NAMED_CODES = frozenset(
    {
        "bad_json",
        "bad_envelope",
        "unsupported_version",
        "unknown_type",
        "invalid_payload",
        "too_large",
        "rate_limited",
        "not_found",
        "not_json",
        "host_not_allowed",
        "origin_not_allowed",
        "unknown_participant",
        "session_ended",
        "not_shown",
        "unknown_confession",
        "client_id_invalid",
        "cannot_approve",
        "cannot_set_aside",
        "cannot_restore",
        "cannot_edit",
        "cannot_remove",
        "not_approved",
        "queue_empty",
        "queue_changed",
        "not_queued",
        "nothing_to_merge",
        "cannot_merge",
        "merge_on_screen",
        "too_late",
        "session_current",
        "unknown_session",
        "stale_version",
        "nothing_to_undo",
        "undo_changed",
        "undo_outdated",
        "session_open",
        "unknown_address",
        "not_rehearsal",
        "already_shown",
        "rehearsal_running",
        "rehearsal_not_started",
        "no_rehearsal_record",
        "transcript_not_kept",
        "word_list_forbidden_characters",
        "word_list_too_long",
        "not_saved",
        "transcript_not_written",
        "already_replied",
        "already_approved",
        "cannot_project_reply",
        "learned_not_allowed",
    }
)
_RULE_FIELDS = ("text", "learned", "title", "prompt", "agree_label", "word_list", "closing_note")
_RULE_REASONS = ("empty", "invisible", "forbidden_characters", "too_long")


def documented_codes() -> frozenset[str]:
    """Every refusal code the protocol documents, by name or by family."""
    rules = {f"{name}_{reason}" for name in _RULE_FIELDS for reason in _RULE_REASONS}
    fields = {"command"}
    for message in (Join, Hello, *PHONE_REQUESTS, *MODERATOR_REQUESTS):
        fields.update(f.encode_name for f in msgspec.structs.fields(message))
    return NAMED_CODES | rules | {f"{name}_too_long" for name in fields}


@dataclass(frozen=True)
class Raw:
    """A JSON fragment sent exactly as written (numbers and nesting ``json`` cannot make)."""

    text: str

    def __repr__(self) -> str:
        return f"Raw({self.text[:40]!r}{'…' if len(self.text) > 40 else ''})"


@dataclass(frozen=True)
class PoolToken:
    """One of the tokens the host issued for the test, by its place in the pool."""

    index: int


@dataclass(frozen=True)
class Frame:
    """One message as a client sends it: an envelope (``document``) or raw ``garbage``.

    ``duplicate`` is a JSON member written again in front of the envelope's own (the
    decoder keeps the last); ``cut`` truncates the rendered text to that fraction;
    ``pad_to`` adds trailing whitespace up to that many bytes.
    """

    document: Any = None
    garbage: bytes | str | None = None
    ascii: bool = True
    duplicate: str | None = None
    cut: float | None = None
    pad_to: int | None = None
    content_type: str = "application/json"

    def text(self, tokens: Sequence[str]) -> str:
        """As a WebSocket text frame: real Unicode (escaped where it is not)."""
        if isinstance(self.garbage, bytes):
            return self._padded(self.garbage.decode("latin-1"))
        if isinstance(self.garbage, str):
            return self._padded(self.garbage)
        rendered = render(self.document, tokens, ascii=self.ascii, duplicate=self.duplicate)
        if not _encodable(rendered):
            rendered = render(self.document, tokens, ascii=True, duplicate=self.duplicate)
        return self._padded(self._cut(rendered))

    def body(self, tokens: Sequence[str]) -> bytes:
        """As an HTTP body: lone surrogates sent unescaped become bytes that are not UTF-8."""
        if isinstance(self.garbage, bytes):
            return self._padded(self.garbage)
        if isinstance(self.garbage, str):
            return self._padded(self.garbage.encode("utf-8", "surrogatepass"))
        rendered = render(self.document, tokens, ascii=self.ascii, duplicate=self.duplicate)
        return self._padded(self._cut(rendered).encode("utf-8", "surrogatepass"))

    def _cut[T: (str, bytes)](self, text: T) -> T:
        return text if self.cut is None else text[: int(len(text) * self.cut)]

    def _padded[T: (str, bytes)](self, text: T) -> T:
        if self.pad_to is None:
            return text
        size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
        missing = max(0, self.pad_to - size)
        return text + (" " * missing if isinstance(text, str) else b" " * missing)


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def render(document: Any, tokens: Sequence[str], *, ascii: bool, duplicate: str | None) -> str:
    """``document`` as JSON text, with its :class:`Raw` fragments and pool tokens in place."""
    fragments: dict[str, str] = {}

    def swap(value: Any) -> Any:
        if isinstance(value, Raw):
            key = f"@@raw-{len(fragments)}@@"
            fragments[json.dumps(key)] = value.text
            return key
        if isinstance(value, PoolToken):
            return tokens[value.index % len(tokens)] if tokens else "no-token-yet"
        if isinstance(value, dict):
            return {swap(k) if isinstance(k, Raw) else k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return value

    text = json.dumps(swap(document), ensure_ascii=ascii, allow_nan=True)
    for placeholder, fragment in fragments.items():
        text = text.replace(placeholder, fragment, 1)
    if duplicate is not None and text.startswith("{") and len(text) > 2:
        text = "{" + duplicate + "," + text[1:]
    return text


def nested(depth: int, shape: str, *, closed: bool = True) -> str:
    """A value nested ``depth`` levels deep: arrays, objects or both by turns."""
    if shape == "array":
        opening, closing = "[" * depth, "]" * depth
    elif shape == "object":
        opening, closing = '{"a":' * depth, "}" * depth
    else:
        opening = '[{"a":' * (depth // 2)
        closing = "}]" * (depth // 2)
    if shape == "object":
        return opening + "0" + closing if closed else opening
    return opening + closing if closed else opening


# Values

SPECIAL = (
    "\ud800",  # lone surrogates, in every position
    "\udfff",
    "\udc00\ud800",
    "\udbff",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\u202e",  # bidi override, isolate
    "\u2067",
    "\u200b",  # zero width space, joiner, Hangul filler, BOM, non-characters
    "\u200d",
    "\u3164",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\U000e0041",  # a tag character, and a flag made of regional indicators
    "\U0001f1ec\U0001f1e7",
    "\u0301",  # a lone combining mark; a letter NFC makes two of
    "\u0958",
    "\n",
    "\r\n",
    "\t",
    "\u2028",
    "😀",
    "<script>alert(1)</script>",
    "&lt;",
    '"',
    "\\",
    "é",
    " ",
)
# Around every limit: client ids (8-64), refs (64), tokens (128), word list entries
# (80), replies (200), lessons (500), confessions (1,000), what the decoder takes
# (4,000), a message (16 KiB).
LENGTHS = (7, 8, 64, 65, 80, 81, 128, 129, 200, 201, 500, 501, 1000, 1001, 4000, 4001, 9000)

hostile_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=4), max_size=8).map("".join),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    st.builds(
        lambda unit, length: unit * length,
        st.sampled_from(("a", "é", "😀", " ", "\u200b", "\ud800", "x\u0301", "\x00")),
        st.sampled_from(LENGTHS),
    ),
)
odd_numbers = st.one_of(
    st.integers(),
    st.sampled_from((2**53 - 1, 2**53, -(2**53), 2**63, 2**64, 2**70, -(2**70), 10**400)),
    st.floats(allow_nan=True, allow_infinity=True),  # NaN and Infinity literals
    st.sampled_from(
        [
            Raw(text)
            for text in (
                "1e400",
                "-1e400",
                "1E+400",
                "1e-400",
                "-0",
                "1.0",
                "01",
                "0x1F",
                "+1",
                ".5",
                "1.",
                "NaN",
                "-Infinity",
                "undefined",
            )
        ]
    ),
)
deep = st.builds(
    lambda depth, shape, closed: Raw(nested(depth, shape, closed=closed)),
    st.sampled_from((2, 64, 1000, 1400, 1600, 3000, 5000, 8000, 20_000)) | st.integers(1, 9000),
    st.sampled_from(("array", "object", "mixed")),
    st.sampled_from((True, True, True, False)),
)
scalars = st.one_of(st.none(), st.booleans(), odd_numbers, hostile_text)
any_json = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
hostile_value = st.one_of(hostile_text, hostile_text, odd_numbers, any_json, deep)

ids = st.integers(min_value=0, max_value=6)
_words = st.sampled_from(("Riverside Estate", "overdose", "Jo", "Northgate"))


def _around(limit: int) -> st.SearchStrategy[str]:
    """Text one character under, at and over ``limit``."""
    return st.builds(
        lambda unit, length: unit * length,
        st.sampled_from(("x", "é", "😀")),
        st.sampled_from((limit - 1, limit, limit + 1)),
    )


GOOD: dict[str, st.SearchStrategy[Any]] = {
    "client_id": st.from_regex(r"[A-Za-z0-9_-]{8,64}", fullmatch=True),
    "text": st.sampled_from(("I deployed on a Friday.", "I emailed the wrong file", "Ça ira 😀"))
    | st.text(min_size=1, max_size=40)
    | _around(200)  # a reply's limit
    | _around(1000),
    "learned": st.sampled_from(("", "Not on Fridays.", "Check twice")) | st.none() | _around(500),
    "token": st.builds(PoolToken, st.integers(0, 7)),
    "confession_id": st.sampled_from((1, 1, 1, 2)) | ids,  # 1 is on the screen
    "item_id": ids,
    "expected_item_id": ids,
    "step_id": ids,
    "version": ids,
    "agreed": st.booleans(),
    "title": st.sampled_from(("Never waste a mistake", "Friday deploys")),
    "prompt": st.sampled_from(("What mistake taught you the most?", "")),
    "agree_label": st.sampled_from(("Been there", "Same")),
    "local_names": st.lists(_words, max_size=3),
    "watch_words": st.lists(_words, max_size=3),
    "ip": st.sampled_from(("10.0.0.1", "", "999.0.0.1")),
    "rehearsal": st.none() | st.none() | st.text(max_size=40),  # never this host's secret
    "counted": st.booleans(),
}
# What may be wrong with an envelope: half of them get one flaw or two.
FLAWS = (
    "type",
    "version",
    "payload",
    "field",
    "missing_field",
    "extra_field",
    "command",
    "ref",
    "member",
    "duplicate",
    "cut",
    "size",
    "content_type",
)
_VERSIONS = (2, 0, -1, "1", 1.0, None, True, 2**70, Raw("1e400"), Raw("1.0e0"), "missing")


def _tag(message: type[Message]) -> str | None:
    tag = message.__struct_config__.tag
    return tag if isinstance(tag, str) else None


@st.composite
def payloads(draw: st.DrawFn, message: type[Message], flaws: frozenset[str]) -> dict[str, Any]:
    """A payload for ``message``: valid fields, but for the ``flaws`` drawn."""
    payload: dict[str, Any] = {}
    tag = _tag(message)
    if tag is not None:
        payload["command"] = draw(hostile_value) if "command" in flaws else tag
    names = [f.encode_name for f in msgspec.structs.fields(message)]
    for name in names:
        payload[name] = draw(GOOD.get(name, hostile_value))
    if names and "field" in flaws:
        name = draw(st.sampled_from(names))
        payload[name] = draw(st.none() | hostile_value)
    if names and "missing_field" in flaws:
        del payload[draw(st.sampled_from(names))]
    if "extra_field" in flaws:
        payload[draw(hostile_text)] = draw(any_json)
    return payload


@st.composite
def envelopes(draw: st.DrawFn, accepted: Sequence[type[Message]]) -> Frame:
    """An envelope for one of ``accepted``: valid, or with a flaw or two."""
    message = draw(st.sampled_from(list(accepted)))
    flaws = draw(
        st.just(frozenset[str]())
        | st.just(frozenset[str]())
        | st.frozensets(st.sampled_from(FLAWS), min_size=1, max_size=1)
        | st.frozensets(st.sampled_from(FLAWS), min_size=2, max_size=2)
    )
    document: dict[str, Any] = {"type": message.TYPE, "version": 1}
    if "type" in flaws:
        document["type"] = draw(st.sampled_from(WIRE_TYPES) | hostile_value)
    if "version" in flaws:
        version = draw(st.sampled_from(_VERSIONS))
        if version == "missing":
            del document["version"]
        else:
            document["version"] = version
    if "payload" in flaws:
        document["payload"] = draw(hostile_value)
    else:
        document["payload"] = draw(payloads(message, flaws))
    if "ref" in flaws:
        document["ref"] = draw(hostile_value)
    elif draw(st.booleans()):
        document["ref"] = draw(st.text(st.characters(codec="ascii"), max_size=64))
    if "member" in flaws:
        document[draw(hostile_text)] = draw(any_json)
    duplicate = None
    if "duplicate" in flaws:
        key = draw(st.sampled_from(("type", "version", "payload", "ref")))
        duplicate = f"{json.dumps(key)}:{json.dumps(draw(scalars.filter(_plain)))}"
    sizes = (MAX_MESSAGE_BYTES - 1, MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES + 1)
    content_types = ("text/plain", "application/x-www-form-urlencoded", "")
    return Frame(
        document,
        ascii=draw(st.booleans()),
        duplicate=duplicate,
        cut=draw(st.floats(0, 1)) if "cut" in flaws else None,
        pad_to=draw(st.sampled_from(sizes)) if "size" in flaws else None,
        content_type=(
            draw(st.sampled_from(content_types))
            if "content_type" in flaws
            else draw(st.sampled_from(("application/json", "application/json; charset=utf-8")))
        ),
    )


def _plain(value: Any) -> bool:
    return not isinstance(value, Raw)


garbage = st.one_of(
    st.binary(max_size=64),
    st.text(max_size=64),
    st.sampled_from(("", "{", "}", "[]", "null", "0", '"x"', "{}", "NaN", "\ufeff{}", "{} {}")),
    # A raw control character inside a string, which JSON forbids.
    st.just('{"type":"join","version":1,"payload":{},"ref":"a\nb\u0000"}'),
).map(lambda junk: Frame(garbage=junk))


def frames(accepted: Sequence[type[Message]]) -> st.SearchStrategy[Frame]:
    """What a client may send where ``accepted`` are the message types taken: mostly
    envelopes, some garbage."""
    return st.one_of(envelopes(accepted), envelopes(accepted), envelopes(accepted), garbage)
