"""The prepared session's file: read whole or refused whole, with a message that names
the file, the field and what is wrong; written so that it reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.setup import SessionSetup, WarmUp
from facilitator.core.setup_file import (
    MAX_FILE_BYTES,
    PreparedSession,
    SetupFileError,
    parse_setup,
    read_setup_file,
    setup_file_text,
)

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "session.toml"


def test_the_documented_example_reads() -> None:
    prepared = read_setup_file(EXAMPLE)
    assert prepared.setup.title
    assert prepared.setup.house_rules is not None
    assert prepared.warm_ups


def test_a_minimal_file_is_the_defaults() -> None:
    assert parse_setup("format = 1\n") == PreparedSession(SessionSetup())


def test_what_is_written_reads_back_the_same(tmp_path: Path) -> None:
    prepared = PreparedSession(
        SessionSetup(
            title="Fail night — <b>&amp;</b>",
            prompt="Which mistake?\nSay it plainly.",
            house_rules='No names.\n"Quotes", \\ and emoji 🙈 stay.',
            max_length=500,
            offer_lesson=False,
            language="cy",
            accent="#1a7f64",
        ),
        (WarmUp("I deployed on a Friday.", "Not on a Friday."), WarmUp("مرحبا")),
        unshown_record=True,
    )
    path = tmp_path / "night.toml"
    path.write_text(setup_file_text(prepared), encoding="utf-8")
    assert read_setup_file(path) == prepared


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('format = 1\ntitel = "x"\n', "unknown field `titel`"),
        ('title = "x"\n', "missing required field `format`"),
        ("format = 2\n", "newer Confessional (format 2"),
        ('format = 1\nmax_length = "long"\n', "max_length: Expected `int`"),
        ("format = 1\nmax_length = 20\n", "max_length: A confession's limit must be 100 to 1000"),
        ('format = 1\naccent = "red"\n', "accent: An accent colour is written as #rrggbb"),
        ('format = 1\nlanguage = "German"\n', "language: a language tag such as"),
        ('format = 1\n[[warm_up]]\ntext = " "\n', "warm-up confession 1, text: Please write"),
        ('format = 1\nhouse_rules = "x\\u202ey"\n', "house_rules: The text contains characters"),
        ("format = 1\ntitle = \n", "this is not a TOML file"),
        ('format = 1\n[[warm_up]]\ntext = "a"\nname = "Bob"\n', "unknown field `name`"),
    ],
)
def test_a_malformed_file_is_refused_whole_saying_where(content: str, says: str) -> None:
    with pytest.raises(SetupFileError) as caught:
        parse_setup(content, "night.toml")
    assert str(caught.value).startswith("night.toml: ")
    assert says in str(caught.value)


def test_a_missing_or_huge_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(SetupFileError, match="cannot be read"):
        read_setup_file(tmp_path / "absent.toml")
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(SetupFileError, match="is over 256 KB"):
        read_setup_file(huge)
