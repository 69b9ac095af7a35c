"""The moderator stream: a snapshot, then ordered changes (docs/protocol.md, "Moderators").

Every change carries ``seq``, one more than the message before it on the same
stream; a client that sees a gap asks for a new snapshot (``moderator.resync``).
The console and the moderator page read the same stream and send the same
commands (``facilitator.protocol.commands``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

import msgspec

from facilitator.protocol.commands import Command, _Command
from facilitator.protocol.envelope import Error, Incoming, Message, decode, registry
from facilitator.protocol.phone import Logo
from facilitator.protocol.projector import ProjectorState


class ItemKind(StrEnum):
    """What a moderated item is: a confession, or a reply to one ("what helped"), whose
    ``parent_id`` names the confession."""

    CONFESSION = "confession"
    REPLY = "reply"


class ItemState(StrEnum):
    """incoming → approved (queued) → shown → removed (from the record);
    incoming/approved → set_aside → restorable; any but removed → merged (into another);
    for_organisers: marked so by its author, a lane of its own, never projected.
    Undo walks these back."""

    INCOMING = "incoming"
    APPROVED = "approved"
    SHOWN = "shown"
    SET_ASIDE = "set_aside"
    REMOVED = "removed"
    MERGED = "merged"
    FOR_ORGANISERS = "for_organisers"


class HintKind(StrEnum):
    """What a detail that may identify someone looks like (``facilitator.core.hints``)."""

    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    HANDLE = "handle"
    REFERENCE = "reference"
    POSTCODE = "postcode"
    PERSON = "person"
    ORGANISATION = "organisation"
    LOCAL_NAME = "local_name"  # from the organisers' own list: always flagged
    WATCH_WORD = "watch_word"  # from the editable watch list: flags the confession


class Hint(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A detail that may identify someone: ``field`` ("text" or "learned") from ``start``
    to ``end`` (code points, end exclusive)."""

    field: Literal["text", "learned"]
    start: int
    end: int
    kind: HintKind


SessionStatus = Literal["open", "ended"]


class Item(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A moderated item as moderators see it; the author is never part of it.

    ``text`` and ``learned`` are the edited versions, the only ones that ever leave
    the moderators' view; ``original_*`` keep what the participant wrote. ``version``
    counts edits (an ``edit`` names the one it was made on). ``hints`` mark details
    in the edited text that may identify someone; ``flagged`` is set when a local name
    or a watch word is among them. ``like`` are the items very like this one (the same
    mistake told again: moderators may merge them). ``agreement_count`` is the public count;
    ``set_apart_count`` the agreements from phones on a shared address while the session
    does not count them (see :class:`Room`). ``merged_into`` names the item a merged one
    went into (its voters count there).
    """

    id: int
    kind: ItemKind
    parent_id: int | None
    text: str
    learned: str
    original_text: str
    original_learned: str
    state: ItemState
    queue_position: int | None
    shown_order: int | None
    agreement_count: int
    set_apart_count: int
    version: int
    hints: tuple[Hint, ...]
    flagged: bool
    like: tuple[int, ...] = ()
    merged_into: int | None = None
    content_note: bool = False  # set_content_note: a warning first, no count shown
    shown_at: str | None = None  # when it was last put on the screen (UTC, ISO 8601)


class UndoAction(StrEnum):
    APPROVE = "approve"
    SET_ASIDE = "set_aside"
    RESTORE = "restore"
    PROJECT = "project"
    BLANK = "blank"
    REMOVE = "remove"
    EDIT = "edit"
    MOVE = "move"
    APPROVE_MANY = "approve_many"
    SET_ASIDE_MANY = "set_aside_many"
    MERGE = "merge"


class UndoOffer(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What ``undo`` with ``step_id`` would take back: ``action`` on ``item_id``
    (null for blank, which concerns only the screen); ``item_ids`` are all the items
    the step changed (many for a bulk action or a merge, the kept item first)."""

    step_id: int
    action: UndoAction
    item_id: int | None
    item_ids: tuple[int, ...] = ()


class WordLists(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The organisers' lists (see the ``set_word_lists`` command)."""

    local_names: tuple[str, ...]
    watch_words: tuple[str, ...]


class Room(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What moderators need to read the counts and the queue rightly.

    Phones that joined from an address shared with other phones (a venue network that
    puts phones behind one address, a hotspot, a phone that joined again, or a script
    adding votes): the agreements of ``shared_apart`` of them are left out of the public
    counts (each item shows them as ``set_apart_count``) until a moderator counts them
    with ``count_shared``; ``shared_counted`` were counted so. ``waiting`` confessions
    were sent faster than a person writes; they reach Incoming at a steady pace.
    ``batching``: new confessions reach Incoming now in small shuffled batches (see
    ``set_batching``); how many are held for the next batch is never said.
    """

    shared_apart: int
    shared_counted: int
    waiting: int
    batching: bool = False


class HostStatus(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What the host does for the session besides serving it.

    ``keeping_awake``: the host keeps the laptop from sleeping while the session is live;
    ``awake_detail`` says how, or why it cannot (empty when there is nothing to say).
    ``rehearsal_phones``: how many simulated phones a rehearsal started by the app
    runs (0: none); ``rehearsal_detail`` says why a rehearsal stopped by itself or could
    not start (empty when there is nothing to say).
    ``phone_page_seen``: since the host started, a device other than the laptop opened
    the phone page (the facilitator's own phone scanning the QR code proves the way in).
    ``address_changes``: how often the laptop's network moved the join link to another
    of its addresses since the host started; ``address_changed_from`` is the laptop's
    address before the last such move ("" if none). Never a phone's address.
    """

    keeping_awake: bool = False
    awake_detail: str = ""
    rehearsal_phones: int = 0
    rehearsal_detail: str = ""
    phone_page_seen: bool = False
    address_changes: int = 0
    address_changed_from: str = ""


class SessionDetails(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    session_id: int
    title: str
    prompt: str
    agree_label: str
    status: SessionStatus
    created_on: str
    removed_count: int
    rehearsal: bool = False  # its record is kept apart unless kept (keep_rehearsal)
    withdrawn_count: int = 0  # taken back by their authors before they were shown
    merged_count: int = 0  # merged into another; counted in the record
    organisers_record: bool = False  # set_organisers_record
    batching: Literal["auto", "on", "off"] = "auto"  # set_batching
    language: str = ""  # the phone page's language, fixed by set_phone_language ("": the phone's)
    unshown_record: bool = False  # set_unshown_record
    closing_note: str = ""  # set_closing_note
    house_rules: str | None = None  # apply_setup; null: the default template
    max_length: int = 1000  # apply_setup: the longest confession taken
    offer_lesson: bool = True  # apply_setup: the "what I learned" field is offered
    accent: str = ""  # apply_setup: #rrggbb, or "" for the product's colours
    slide: Literal["join", "black", "break", "closing"] = "join"  # show_slide
    projector_theme: Literal["dark", "light"] = "dark"  # set_projector
    projector_corner_qr: bool = True  # set_projector
    projector_timer: bool = False  # set_projector
    started_at: str | None = None  # UTC, ISO 8601: the session clock counts from it
    projector_path: str = ""  # the projector page, on the join link's address
    logo: Logo | None = None  # apply_setup: the organiser's logo

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class Address(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    ip: str
    interface: str

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.interface})"


class JoinLink(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How phones join (``join_url``, also in the QR code) and how moderators do."""

    join_url: str
    moderator_url: str
    host_ip: str
    port: int
    candidates: tuple[Address, ...]


class Snapshot(Message, frozen=True):
    TYPE = "moderator.snapshot"
    seq: int
    session: SessionDetails
    current_item_id: int | None
    items: tuple[Item, ...]
    phones_connected: int
    store_healthy: bool
    store_detail: str
    join: JoinLink
    transcript_paths: tuple[str, ...]
    undo: UndoOffer | None
    word_lists: WordLists
    room: Room
    host: HostStatus
    projector: ProjectorState | None = None  # what the big screen shows


class ItemAdded(Message, frozen=True):
    TYPE = "item.added"
    seq: int
    item: Item


class ItemChanged(Message, frozen=True):
    """State, place in the queue or text changed (the whole item, as it is now)."""

    TYPE = "item.changed"
    seq: int
    item: Item


class ItemRemoved(Message, frozen=True):
    TYPE = "item.removed"
    seq: int
    item_id: int


class ProjectionChanged(Message, frozen=True):
    """Another item is on the big screen, or none (``item_id`` null)."""

    TYPE = "projection.changed"
    seq: int
    item_id: int | None


class ProjectorChanged(Message, frozen=True):
    """The big screen's state changed (``protocol/projector.py``); counts come apart."""

    TYPE = "projector.changed"
    seq: int
    state: ProjectorState


class CountChanged(Message, frozen=True):
    """An item's agreement count; sent at display rate at most, the latest only."""

    TYPE = "count.changed"
    seq: int
    item_id: int
    count: int
    set_apart: int = 0


class SessionChanged(Message, frozen=True):
    TYPE = "session.changed"
    seq: int
    session: SessionDetails


class SessionEnded(Message, frozen=True):
    TYPE = "session.ended"
    seq: int
    session: SessionDetails
    transcript_paths: tuple[str, ...]


class StoreChanged(Message, frozen=True):
    """Saving started failing (``healthy`` false) or works again."""

    TYPE = "store.changed"
    seq: int
    healthy: bool
    detail: str


class PhonesChanged(Message, frozen=True):
    """How many phones have their live connection open (the host's one count): phones on
    other devices and a rehearsal's simulated phones, never the laptop's own browser."""

    TYPE = "phones.changed"
    seq: int
    connected: int


class JoinChanged(Message, frozen=True):
    TYPE = "join.changed"
    seq: int
    join: JoinLink


class UndoChanged(Message, frozen=True):
    """What ``undo`` would take back now (``undo`` null: nothing)."""

    TYPE = "undo.changed"
    seq: int
    undo: UndoOffer | None


class RoomChanged(Message, frozen=True):
    TYPE = "room.changed"
    seq: int
    room: Room


class HostChanged(Message, frozen=True):
    TYPE = "host.changed"
    seq: int
    host: HostStatus


class Done(Message, frozen=True):
    """A command was carried out and committed; the stream up to ``seq`` shows its effect."""

    TYPE = "moderator.done"
    seq: int


class LogoAdded(Message, frozen=True):
    """The answer to a logo uploaded (``POST …/api/logo``): its version and size, for a
    set-up to name (``apply_setup``'s ``logo``)."""

    TYPE = "logo.added"
    logo: Logo


class Resync(Message, frozen=True):
    """Moderator → host: send a new snapshot (after a gap in ``seq``)."""

    TYPE = "moderator.resync"


type Change = (
    ItemAdded
    | ItemChanged
    | ItemRemoved
    | ProjectionChanged
    | ProjectorChanged
    | CountChanged
    | SessionChanged
    | SessionEnded
    | StoreChanged
    | PhonesChanged
    | JoinChanged
    | UndoChanged
    | RoomChanged
    | HostChanged
)
type StreamMessage = Snapshot | Change
type FromModerator = Command | Resync
type ToModerator = StreamMessage | Done | Error

CHANGE_TYPES: tuple[type[Message], ...] = get_args(Change.__value__)
_FROM_MODERATOR: dict[str, object] = {_Command.TYPE: Command.__value__, Resync.TYPE: Resync}


def decode_from_moderator(raw: str | bytes) -> Incoming[FromModerator]:
    return decode(raw, _FROM_MODERATOR)


_TO_MODERATOR = registry(Snapshot, *CHANGE_TYPES, Done, Error)


def decode_to_moderator(raw: str | bytes) -> Incoming[ToModerator]:
    """What the host sends to moderators (a snapshot may be large: no size limit here)."""
    return decode(raw, _TO_MODERATOR, max_bytes=None)
