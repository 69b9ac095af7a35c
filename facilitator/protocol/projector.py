"""What the big screen shows, as one value: the projector window in the desktop app and
the projector page a venue's computer opens (``/projector/<secret>/``) render the same
:class:`ProjectorState` the same way.

The state carries no moderator data: the join link, the session's public words, the
confession on screen (edited text, its count unless it carries a content note) and, on
the closing slide, counts and the most shared mistakes. Counts between two states come
as the phones' ``count`` message (``phone.Count``).
"""

from __future__ import annotations

from typing import Literal

import msgspec

from facilitator.protocol.envelope import Message
from facilitator.protocol.phone import Logo, PublicProjection

type ScreenSlide = Literal["join", "confession", "black", "break", "closing"]


class SharedMistake(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    text: str
    count: int


class Closing(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The closing slide: how many confessions were received, shown, set aside and
    removed (counts only), and the mistakes most had been there too."""

    received: int
    shown: int
    set_aside: int
    removed: int
    most_shared: tuple[SharedMistake, ...]


class ProjectorState(Message, frozen=True):
    """``slide`` is ``confession`` while one is on screen (``projection``), else the
    slide chosen. ``house_rules`` null: the default template in the screen's language.
    ``started_at`` and ``shown_at`` (UTC, ISO 8601) drive the timers; ``now`` is the
    host's clock when the state was made (a display corrects its own clock by it)."""

    TYPE = "projector"
    slide: ScreenSlide
    status: Literal["open", "ended"]
    title: str
    prompt: str
    agree_label: str
    house_rules: str | None
    unshown_record: bool
    organisers_record: bool
    join_url: str
    language: str  # the session's phone language ("": the phones' own; the screen: English)
    theme: Literal["dark", "light"]
    accent: str
    corner_qr: bool
    timer: bool
    projection: PublicProjection | None
    shown_at: str | None
    started_at: str | None
    now: str
    closing: Closing | None = None
    logo: Logo | None = None  # shown on the join and closing slides
