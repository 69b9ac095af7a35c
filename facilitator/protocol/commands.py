"""The moderation commands: one set, for the console and the moderator page alike.

On the wire each is the payload of a ``moderate`` envelope, tagged by its
``command`` field: ``{"command": "approve", "item_id": 12}``. The core carries
out :data:`SessionCommand`; the host itself carries out :data:`HostCommand`.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from facilitator.protocol.envelope import Id, Incoming, Message, decode

_FIELD_CHARS = 4000  # the rules give the precise limits; this only bounds the work
FieldText = Annotated[str, msgspec.Meta(max_length=_FIELD_CHARS)]
_WORD_CHARS = 80
_WORDS_PER_LIST = 2000
Address = Annotated[str, msgspec.Meta(max_length=64)]
MAX_REHEARSAL_PHONES = 500  # one address may hold 1,024 connections (host/connections.py)
RehearsalPhones = Annotated[int, msgspec.Meta(ge=1, le=MAX_REHEARSAL_PHONES)]
MAX_ITEMS_AT_ONCE = 10_000  # bulk actions and merges name at most this many items
ItemIds = Annotated[tuple[Id, ...], msgspec.Meta(min_length=1, max_length=MAX_ITEMS_AT_ONCE)]


class _Command(Message, frozen=True, tag_field="command"):
    TYPE = "moderate"


class Approve(_Command, frozen=True, tag="approve"):
    """Queue an incoming (or set-aside) item for the big screen."""

    item_id: Id


class SetAside(_Command, frozen=True, tag="set_aside"):
    """Keep an unshown item off the screen; it can be restored."""

    item_id: Id


class Restore(_Command, frozen=True, tag="restore"):
    """Bring a set-aside item back to the incoming list, or a removed one back into the
    record (shown, not on screen)."""

    item_id: Id


class Project(_Command, frozen=True, tag="project"):
    """Put an approved (or earlier shown) item on the big screen."""

    item_id: Id


class ProjectNext(_Command, frozen=True, tag="project_next"):
    """Project the first item of the queue, which must be ``expected_item_id``.

    Naming it means a repeated key press never puts up two: the second finds
    another item at the head of the queue and is refused (``queue_changed``).
    """

    expected_item_id: Id


class Blank(_Command, frozen=True, tag="blank"):
    """Take the item off the big screen without showing another."""


class EndSession(_Command, frozen=True, tag="end_session"):
    """Close the session, write its transcript and forget what was never shown."""


class UpdateDetails(_Command, frozen=True, tag="update_details"):
    """Change the session's title, prompt and agreement button label."""

    title: FieldText
    prompt: FieldText
    agree_label: FieldText


class Edit(_Command, frozen=True, tag="edit"):
    """Replace an item's text and lesson (to redact or correct it) as moderators see them.

    ``version`` is the item's version the edit was made on; if another moderator
    edited it since, the edit is refused (``stale_version``) and nothing is overwritten.
    """

    item_id: Id
    version: Id
    text: FieldText
    learned: FieldText


class Remove(_Command, frozen=True, tag="remove"):
    """Take a shown item off the screen and the phones and out of the record."""

    item_id: Id


class Undo(_Command, frozen=True, tag="undo"):
    """Take back the last moderation action, which must be step ``step_id``.

    Naming it means a repeated key press never undoes two: the second finds another
    step last (``undo_changed``), or none (``nothing_to_undo``).
    """

    step_id: Id


class Move(_Command, frozen=True, tag="move"):
    """Move a queued item to just before ``before_id`` in Up next (null: to the end).

    Naming a neighbour rather than a number means the move lands where the moderator
    saw it land, whatever other moves renumbered meanwhile.
    """

    item_id: Id
    before_id: Id | None


class MoveToTop(_Command, frozen=True, tag="move_to_top"):
    """Move a queued item to the head of Up next: it is the one ``project_next`` shows."""

    item_id: Id


class ApproveMany(_Command, frozen=True, tag="approve_many"):
    """Approve every named item that is still incoming or set aside, in the order named,
    as one step to undo. Items another moderator moved on meanwhile are left as they are;
    if none is left to approve, the command is refused."""

    item_ids: ItemIds


class SetAsideMany(_Command, frozen=True, tag="set_aside_many"):
    """Set aside every named item that is still incoming or queued, as one step to undo."""

    item_ids: ItemIds


class Merge(_Command, frozen=True, tag="merge"):
    """Merge ``item_ids`` into ``keep_id``: the kept item takes ``text`` and ``learned``
    (the moderator may have combined them; ``version`` is the kept item's version it was
    written on) and the union of the voters, so a phone that agreed with two of them
    counts once. The others leave every lane; the record counts how many were merged.
    Undoable like any other step."""

    keep_id: Id
    item_ids: ItemIds
    version: Id
    text: FieldText
    learned: FieldText


class SetOrganisersRecord(_Command, frozen=True, tag="set_organisers_record"):
    """Whether confessions marked for the organisers go into a section of the record of
    their own (otherwise they are read by the moderators and forgotten at the end).
    Only before the first confession arrives: the phones' house rules say which."""

    keep: bool


PhoneLanguage = Annotated[
    str, msgspec.Meta(max_length=35, pattern=r"^([a-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$")
]


class SetPhoneLanguage(_Command, frozen=True, tag="set_phone_language"):
    """Fix the language of the phone page (a BCP 47 tag such as ``de`` or ``cy``), or
    leave it to each phone's own (``""``). A language the page has no catalogue for
    leaves it to the phone too."""

    language: PhoneLanguage


class SetUnshownRecord(_Command, frozen=True, tag="set_unshown_record"):
    """Whether the approved confessions there was no time to show go into a section of
    the record. Only before the first confession arrives: the house rules say which."""

    keep: bool


class SetClosingNote(_Command, frozen=True, tag="set_closing_note"):
    """The facilitator's closing note for the record (empty: none)."""

    note: FieldText


class ApplySetup(_Command, frozen=True, tag="apply_setup"):
    """The session's set-up in one step: what the room reads (title, prompt, house
    rules: null for the default template, shown in each phone's language), the
    agreement label, the longest confession taken (100 to 1,000 characters), whether the
    "what I learned" field is offered, the phone page's language (as
    ``set_phone_language``), the organiser's accent colour (``#rrggbb``, or empty) and
    logo: the version of the session's logo, or of one uploaded to the host
    (``POST …/api/logo``), or empty for none."""

    title: FieldText
    prompt: FieldText
    agree_label: FieldText
    house_rules: FieldText | None
    max_length: Annotated[int, msgspec.Meta(ge=1, le=100_000)]
    offer_lesson: bool
    language: PhoneLanguage
    accent: Annotated[str, msgspec.Meta(max_length=16)]
    logo: Annotated[str, msgspec.Meta(max_length=64, pattern="^[0-9a-f]*$")]


class ShowSlide(_Command, frozen=True, tag="show_slide"):
    """Take any confession off the big screen and show a slide instead: ``join`` (how
    to join, the house rules), ``black`` (nothing at all), ``break`` or ``closing`` (what
    the session gathered, and the one-lesson question). Putting a confession on screen
    returns the slide to ``join`` for when it is taken off again."""

    slide: Literal["join", "black", "break", "closing"]


class SetContentNote(_Command, frozen=True, tag="set_content_note"):
    """Whether a confession carries a content note: the big screen shows a short warning
    before it, and its count is shown neither there nor on the phones."""

    item_id: Id
    noted: bool


class SetProjector(_Command, frozen=True, tag="set_projector"):
    """How the big screen looks: ``theme``, a small join code in a corner beside each
    confession (``corner_qr``, for latecomers), and the confession's timer (``timer``)."""

    theme: Literal["dark", "light"]
    corner_qr: bool
    timer: bool


class AddWarmUp(_Command, frozen=True, tag="add_warm_up"):
    """A confession the facilitator prepared, so that they go first: approved, at the
    end of Up next, with no author."""

    text: FieldText
    learned: FieldText = ""


class SetBatching(_Command, frozen=True, tag="set_batching"):
    """Release new confessions into Incoming in small shuffled batches, so that nobody
    watching a moderator's screen can tie a confession to the phone that just sent it:
    ``auto`` (in rooms of over 30 phones), ``on`` or ``off``."""

    mode: Literal["auto", "on", "off"]


class CountShared(_Command, frozen=True, tag="count_shared"):
    """Count the agreements of the phones on shared addresses so far (a venue network,
    a hotspot, or someone adding votes), or set them all apart again. Until counted they
    are shown to moderators beside each count, never in it. Phones joining later from
    those addresses count too; an address found shared later is set apart again."""

    counted: bool


WordList = Annotated[
    tuple[Annotated[str, msgspec.Meta(max_length=_WORD_CHARS)], ...],
    msgspec.Meta(max_length=_WORDS_PER_LIST),
]


class SetWordLists(_Command, frozen=True, tag="set_word_lists"):
    """The organisers' lists: local names that are always flagged, and watch words that
    flag a confession for a closer look. They apply to every session on this laptop."""

    local_names: WordList
    watch_words: WordList


class UseAddress(_Command, frozen=True, tag="use_address"):
    """Put another of the laptop's addresses in the join link, the QR code and mDNS."""

    ip: Address


class NewSession(_Command, frozen=True, tag="new_session"):
    """Start the next session once this one has ended; the host keeps running and the
    join and moderator links stay the same."""


class DeleteSession(_Command, frozen=True, tag="delete_session"):
    """Delete an ended session from this laptop: what the store kept of it (its shown
    confessions and counts) and its record's files in the library. Not the session the
    host runs now."""

    session_id: Id


class StopHost(_Command, frozen=True, tag="stop_host"):
    """Stop the session host (the app is closing); the session stays open to resume later."""


class StartRehearsal(_Command, frozen=True, tag="start_rehearsal"):
    """Start a simulated audience of ``phones`` phones, in a process of its own, admitted
    by the host's rehearsal secret; the session is marked as a rehearsal."""

    phones: RehearsalPhones


class StopRehearsal(_Command, frozen=True, tag="stop_rehearsal"):
    """Stop the simulated audience (nothing happens if none runs)."""


class KeepRehearsal(_Command, frozen=True, tag="keep_rehearsal"):
    """Keep an ended rehearsal's record: it moves into the session library with the real
    sessions' records, and the session is no longer a rehearsal."""


type SessionCommand = (
    Approve
    | SetAside
    | Restore
    | Project
    | ProjectNext
    | Blank
    | EndSession
    | UpdateDetails
    | Edit
    | Remove
    | Undo
    | CountShared
    | Move
    | MoveToTop
    | ApproveMany
    | SetAsideMany
    | Merge
    | SetOrganisersRecord
    | SetBatching
    | SetPhoneLanguage
    | SetUnshownRecord
    | SetClosingNote
    | ApplySetup
    | AddWarmUp
    | ShowSlide
    | SetContentNote
    | SetProjector
)
type HostCommand = (
    DeleteSession
    | UseAddress
    | NewSession
    | StopHost
    | SetWordLists
    | StartRehearsal
    | StopRehearsal
    | KeepRehearsal
)
type Command = SessionCommand | HostCommand

_ACCEPTED: dict[str, object] = {_Command.TYPE: Command.__value__}


def decode_command(raw: str | bytes) -> Incoming[Command]:
    return decode(raw, _ACCEPTED)
