"""Sample states of the big screen, shared by the projector window's tests (Qt) and the
projector page's (Chromium): the same state must render the same slide in both."""

from __future__ import annotations

import functools

import msgspec

from facilitator.core.logo import Logo as PreparedLogo
from facilitator.core.logo import prepare_logo
from facilitator.protocol.phone import Logo, PublicProjection, PublicReply
from facilitator.protocol.projector import Closing, ProjectorState, SharedMistake
from tests.logo_samples import dark_ink_png, light_ink_png, opaque_jpeg

NOW = "2026-11-30T19:42:00+00:00"
SHOWN_AT = "2026-11-30T19:40:53+00:00"  # 1:07 before NOW
JOIN_URL = "http://192.168.178.23:8737/"

SHORT = "I deployed on a Friday afternoon and went home."
LONG = (
    "I was asked to tidy up the permissions on our shared drive before an audit, and "
    "instead of making a copy first I ran a script that removed every group and then "
    "added back the ones I thought we needed. "
) * 5
LONG = LONG[:1000]
LESSON_LONG = (
    "Make the copy first, run it on a test folder, and ask someone to read the "
    "script before it touches anything real. "
) * 5
LESSON_LONG = LESSON_LONG[:500]
RIGHT_TO_LEFT = "نشرت التحديث يوم الجمعة بعد الظهر وذهبت إلى البيت، ثم تعطل كل شيء."
EMOJI = "🙈 I replied-all 📧 to 4,000 people 😱🔥 with my 🍕 order 🤦‍♀️🤦🏽‍♂️👩🏿‍💻🏳️‍🌈🇨🇾"
REPLIES = tuple(
    PublicReply(
        reply_id=100 + n,
        text=f"{'A deploy freeze after Thursday noon, always. ' * 5}"[:200],
        count=n,
    )
    for n in range(6)
)


def state(slide: str = "join", **changes: object) -> ProjectorState:
    base = ProjectorState(
        slide="join",
        status="open",
        title="Never waste a mistake",
        prompt="What mistake taught you the most?",
        agree_label="Been there",
        house_rules=None,
        unshown_record=False,
        organisers_record=False,
        join_url=JOIN_URL,
        language="",
        theme="dark",
        accent="",
        corner_qr=True,
        timer=False,
        projection=None,
        shown_at=None,
        started_at="2026-11-30T19:00:00+00:00",
        now=NOW,
    )
    return msgspec.structs.replace(base, slide=slide, **changes)  # type: ignore[arg-type]


def confession(
    text: str,
    learned: str = "",
    replies: tuple[PublicReply, ...] = (),
    *,
    content_note: bool = False,
    count: int = 41,
    **changes: object,
) -> ProjectorState:
    projection = PublicProjection(
        confession_id=12,
        text=text,
        learned=learned,
        count=0 if content_note else count,
        replies=replies,
        content_note=content_note,
    )
    return state("confession", projection=projection, shown_at=SHOWN_AT, **changes)


CLOSING = Closing(
    received=214,
    shown=23,
    set_aside=31,
    removed=2,
    most_shared=(
        SharedMistake(SHORT, 187),
        SharedMistake(LONG, 154),
        SharedMistake(RIGHT_TO_LEFT, 98),
    ),
)

# name → state: every slide, and the confessions the fit must hold.
SAMPLES: dict[str, ProjectorState] = {
    "join": state("join"),
    "join-own-rules": state(
        "join",
        house_rules="Chatham House rule.\nNo names of colleagues or clients.\n"
        "Not a whistleblowing channel: talk to Sam in People Ops.\n"
        "The record is deleted after the quarterly review.",
        unshown_record=True,
        organisers_record=True,
    ),
    "confession-short": confession(SHORT, "Not on Fridays."),
    "confession-long": confession(LONG, LESSON_LONG),
    "confession-long-replies": confession(LONG, LESSON_LONG, REPLIES, timer=True),
    "confession-rtl": confession(RIGHT_TO_LEFT, "لا تنشر يوم الجمعة."),
    "confession-emoji": confession(EMOJI, "🐢 Slow down before 'Send' ✉️"),
    "content-note": confession(SHORT, content_note=True, now="2026-11-30T19:40:55+00:00"),
    "content-note-after": confession(SHORT, content_note=True),
    "black": state("black"),
    "break": state("break"),
    "closing": state("closing", closing=CLOSING),
}
SIZES = ((1024, 768), (1920, 1080), (3840, 2160))
THEMES = ("dark", "light")
ACCENTS = ("", "#ffff00", "#1a7f64", "#000000", "#ffffff")


# The slides that show the organiser's logo, and the sample logos they are drawn with.
LOGO_SLIDES = ("join", "join-own-rules", "closing")


@functools.cache
def logo_samples() -> dict[str, PreparedLogo]:
    """name → a sample logo (``tests/logo_samples.py``) as the host prepares it: dark ink
    and light ink on transparency, and an opaque JPEG."""
    return {
        "dark-ink": prepare_logo(dark_ink_png()),
        "light-ink": prepare_logo(light_ink_png()),
        "opaque": prepare_logo(opaque_jpeg()),
    }


def with_logo(sample: ProjectorState, logo: PreparedLogo) -> ProjectorState:
    """``sample`` naming ``logo`` (its big-screen rendition: ``logo.screen``)."""
    info = Logo(logo.version, logo.screen.width, logo.screen.height, logo.ink)
    return msgspec.structs.replace(sample, logo=info)


def as_json(sample: ProjectorState) -> str:
    """The state as the projector page receives it (the envelope's payload)."""
    return msgspec.json.encode(sample).decode()
