"""A prepared session in a file (``confessional --session FILE``, the console's set-up
dialog): TOML, versioned by its ``format`` field, documented in docs/session-file.md.

A file that cannot be read is refused whole with :class:`SetupFileError`, whose message
names the file, the field and what is wrong; nothing of it is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from facilitator.core.model import Logo, LogoImage
from facilitator.core.setup import SessionSetup, WarmUp, cleaned, cleaned_warm_up

FORMAT = 1  # the newest format this version reads and writes
MAX_FILE_BYTES = 256 * 1024
MAX_WARM_UPS = 20
_LANGUAGE = re.compile(r"^([a-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$")


class SetupFileError(Exception):
    """The file cannot be used; the message says why, for the facilitator to read."""


@dataclass(frozen=True, slots=True)
class PreparedSession:
    """A session as prepared: its set-up, the warm-up confessions that go first, what
    the record keeps beyond what was shown (announced in the house rules), and the
    organiser's logo (``setup.logo`` names its version)."""

    setup: SessionSetup
    warm_ups: tuple[WarmUp, ...] = ()
    unshown_record: bool = False
    organisers_record: bool = False
    logo: Logo | None = None


class _WarmUp(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    text: str
    learned: str = ""


class _Record(msgspec.Struct, forbid_unknown_fields=True):
    unshown: bool = False
    organisers: bool = False


class _File(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    format: int
    title: str = rules.DEFAULT_TITLE
    prompt: str = rules.DEFAULT_PROMPT
    agree_label: str = rules.DEFAULT_AGREE_LABEL
    house_rules: str | None = None
    max_length: int = rules.MAX_CONFESSION_CHARS
    offer_lesson: bool = True
    language: str = ""
    accent: str = ""
    logo: str = ""  # an image file, relative to this file
    record: _Record = msgspec.field(default_factory=_Record)
    warm_up: list[_WarmUp] = msgspec.field(default_factory=list)


def read_setup_file(path: Path) -> PreparedSession:
    """The prepared session in ``path``, or :class:`SetupFileError` saying why not."""
    raw = _read(path, MAX_FILE_BYTES, str(path))
    return parse_setup(raw, str(path), path.parent)


def _read(path: Path, limit: int, name: str) -> bytes:
    try:
        with path.open("rb") as file:
            raw = file.read(limit + 1)
    except OSError as error:
        raise SetupFileError(f"{name}: cannot be read ({error.strerror or error}).") from error
    if len(raw) > limit:
        raise SetupFileError(f"{name}: is over {_size(limit)}; is it the right file?")
    return raw


def _size(limit: int) -> str:
    megabytes = limit // (1024 * 1024)
    return f"{megabytes} MB" if megabytes else f"{limit // 1024} KB"


def parse_setup(
    raw: bytes | str, name: str = "the session file", folder: Path | None = None
) -> PreparedSession:
    """``folder``: where a ``logo`` named in it is found (the file's own folder)."""
    try:
        found = msgspec.toml.decode(raw, type=_File)
    except msgspec.ValidationError as error:
        raise SetupFileError(f"{name}: {_where(str(error))}") from error
    except msgspec.DecodeError as error:
        raise SetupFileError(
            f"{name}: this is not a TOML file the way it is written ({error})."
        ) from error
    if found.format > FORMAT:
        raise SetupFileError(
            f"{name}: written for a newer Confessional (format {found.format}; this version "
            f"reads format {FORMAT})."
        )
    if found.format < 1:
        raise SetupFileError(f"{name}: format must be {FORMAT}.")
    if not _LANGUAGE.match(found.language):
        raise SetupFileError(
            f"{name}: language: a language tag such as en, de, cy or ar (or leave it out, "
            "for each phone's own)."
        )
    if len(found.warm_up) > MAX_WARM_UPS:
        raise SetupFileError(f"{name}: at most {MAX_WARM_UPS} warm-up confessions, please.")
    try:
        setup = cleaned(
            SessionSetup(
                found.title,
                found.prompt,
                found.agree_label,
                found.house_rules,
                found.max_length,
                found.offer_lesson,
                found.language,
                found.accent,
            )
        )
    except RuleViolation as violation:
        raise SetupFileError(f"{name}: {_field_of(violation)}: {violation.message}") from violation
    logo = _logo(found.logo, name, folder or Path.cwd())
    if logo is not None:
        setup = replace(setup, logo=logo.version)
    warm_ups = []
    for number, warm_up in enumerate(found.warm_up, start=1):
        try:
            warm_ups.append(cleaned_warm_up(WarmUp(warm_up.text, warm_up.learned)))
        except RuleViolation as violation:
            raise SetupFileError(
                f"{name}: warm-up confession {number}, {_field_of(violation)}: {violation.message}"
            ) from violation
    return PreparedSession(
        setup, tuple(warm_ups), found.record.unshown, found.record.organisers, logo
    )


def _logo(relative: str, name: str, folder: Path) -> Logo | None:
    if not relative:
        return None
    # Pillow is loaded when a file names a logo, not at every start.
    from facilitator.core.logo import prepare_logo

    path = folder / relative
    raw = _read(path, rules.MAX_LOGO_BYTES, f"{name}: logo {path}")
    try:
        return prepare_logo(raw)
    except RuleViolation as violation:
        raise SetupFileError(f"{name}: logo {path}: {violation.message}") from violation


def write_setup_file(
    path: Path, prepared: PreparedSession, screen: LogoImage | None = None
) -> None:
    """``prepared`` as a file, with its logo's big-screen rendition (``screen``, else
    ``prepared.logo``'s: written as it is, never decoded again) beside it as
    ``<name>-logo.png`` (or ``.jpg``), which the file names; :class:`OSError` if either
    cannot be written."""
    logo_file = ""
    if screen is None and prepared.logo is not None:
        screen = prepared.logo.screen
    if screen is not None:
        suffix = ".png" if screen.media_type == "image/png" else ".jpg"
        logo_file = f"{path.stem}-logo{suffix}"
        (path.parent / logo_file).write_bytes(screen.data)
    path.write_text(setup_file_text(prepared, logo_file), encoding="utf-8")


def setup_file_text(prepared: PreparedSession, logo_file: str = "") -> str:
    """``prepared`` as a file :func:`parse_setup` reads back the same (its logo, if any,
    in ``logo_file`` beside it: :func:`write_setup_file`)."""
    setup = prepared.setup
    document = _File(
        format=FORMAT,
        title=setup.title,
        prompt=setup.prompt,
        agree_label=setup.agree_label,
        house_rules=setup.house_rules,
        max_length=setup.max_length,
        offer_lesson=setup.offer_lesson,
        language=setup.language,
        accent=setup.accent,
        logo=logo_file,
        record=_Record(prepared.unshown_record, prepared.organisers_record),
        warm_up=[_WarmUp(w.text, w.learned) for w in prepared.warm_ups],
    )
    header = f"# A Confessional session, prepared (format {FORMAT}: docs/session-file.md)\n"
    return header + msgspec.toml.encode(document).decode()


def _where(message: str) -> str:
    """msgspec's ``… - at `$.warm_up[0].text``` as ``warm_up[0].text: …``."""
    text, _, path = message.partition(" - at `")
    path = path.rstrip("`").removeprefix("$").removeprefix(".")
    return f"{path}: {text}" if path else text


def _field_of(violation: RuleViolation) -> str:
    """The field a rule's code names (``title_too_long`` → ``title``)."""
    for field in (
        "house_rules",
        "agree_label",
        "max_length",
        "accent",
        "title",
        "prompt",
        "learned",
        "text",
    ):
        if violation.code.startswith(field):
            return field
    return violation.code
