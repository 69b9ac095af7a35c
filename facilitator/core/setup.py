"""A session's set-up: what the room reads before anyone confesses, and the shape of
the confession form. Made in the console's set-up dialog, on the moderator page, or
from a prepared file (``setup_file.py``); applied in one store write."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import msgspec

from facilitator.core import rules
from facilitator.core.model import SessionInfo
from facilitator.core.store import SessionChoice
from facilitator.protocol.commands import ApplySetup


@dataclass(frozen=True, slots=True)
class SessionSetup:
    """``house_rules`` ``None``: the default template, which each display shows in its
    own language; ``language`` ``""``: each phone's own; ``accent`` ``""``: the
    product's colours; ``logo``: the version of the organiser's logo (``""``: none), as
    the session has it or as uploaded to the host (``core/logo_shelf.py``)."""

    title: str = rules.DEFAULT_TITLE
    prompt: str = rules.DEFAULT_PROMPT
    agree_label: str = rules.DEFAULT_AGREE_LABEL
    house_rules: str | None = None
    max_length: int = rules.MAX_CONFESSION_CHARS
    offer_lesson: bool = True
    language: str = ""
    accent: str = ""
    logo: str = ""

    @classmethod
    def of(cls, session: SessionInfo) -> SessionSetup:
        return cls(
            session.title,
            session.prompt,
            session.agree_label,
            session.house_rules,
            session.max_length,
            session.offer_lesson,
            session.language,
            session.accent,
            session.logo.version if session.logo is not None else "",
        )


@dataclass(frozen=True, slots=True)
class WarmUp:
    """A confession the facilitator prepared, so that they go first."""

    text: str
    learned: str = ""


def as_command(setup: SessionSetup) -> ApplySetup:
    """The moderators' command that applies ``setup`` (the same fields, by name)."""
    return ApplySetup(**asdict(setup))


def from_command(command: ApplySetup) -> SessionSetup:
    return SessionSetup(**msgspec.structs.asdict(command))


def cleaned(setup: SessionSetup) -> SessionSetup:
    """``setup`` by the rules, or :class:`RuleViolation` naming the field that broke one.
    House rules left blank are the default template's."""
    house_rules = None
    if setup.house_rules is not None:
        house_rules = rules.clean_text(setup.house_rules, rules.HOUSE_RULES) or None
    return SessionSetup(
        title=rules.clean_text(setup.title, rules.TITLE),
        prompt=rules.clean_text(setup.prompt, rules.PROMPT),
        agree_label=rules.clean_text(setup.agree_label, rules.AGREE_LABEL),
        house_rules=house_rules,
        max_length=rules.check_confession_limit(setup.max_length),
        offer_lesson=setup.offer_lesson,
        language=setup.language,
        accent=rules.clean_accent(setup.accent),
        logo=setup.logo,
    )


def cleaned_warm_up(warm_up: WarmUp) -> WarmUp:
    return WarmUp(
        rules.clean_text(warm_up.text, rules.CONFESSION),
        rules.clean_text(warm_up.learned, rules.LEARNED),
    )


def stored_choices(setup: SessionSetup) -> dict[SessionChoice, str | bool | int | None]:
    """The set-up's columns beside title, prompt and label (stored with those; the
    logo is stored on its own)."""
    return {
        "house_rules": setup.house_rules,
        "max_length": setup.max_length,
        "offer_lesson": setup.offer_lesson,
        "language": setup.language,
        "accent": setup.accent,
    }


def house_rules_text(session: SessionInfo) -> str:
    """The house rules as the record keeps them: the facilitator's, or the default
    template, with what the record keeps announced."""
    lines = [session.house_rules or rules.DEFAULT_HOUSE_RULES]
    if session.unshown_record:
        lines.append(UNSHOWN_ANNOUNCEMENT)
    if session.organisers_record:
        lines.append(ORGANISERS_ANNOUNCEMENT)
    return "\n".join(lines)


UNSHOWN_ANNOUNCEMENT = (
    "Approved confessions there is no time to show go into the record too (never who sent them)."
)
ORGANISERS_ANNOUNCEMENT = (
    "Confessions for the organisers only go into a section of the record of their own."
)
