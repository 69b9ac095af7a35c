"""The command line: what it accepts, and the exit code when it cannot be read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import EXIT_USAGE, parse_args

ROOT = Path(__file__).resolve().parents[1]


def test_the_flags_are_read() -> None:
    args = parse_args(
        ["--headless", "--port", "8737", "--allow-host", "a.example", "--allow-host", "b"]
    )
    assert (args.headless, args.port, args.allow_host) == (True, 8737, ["a.example", "b"])
    assert not args.move_damaged_aside


def test_rehearse_takes_a_number_of_phones_or_thirty() -> None:
    assert parse_args([]).rehearse is None
    assert parse_args(["--rehearse"]).rehearse == 30
    assert parse_args(["--rehearse", "--headless"]).rehearse == 30
    assert parse_args(["--headless", "--rehearse", "5"]).rehearse == 5


@pytest.mark.parametrize(
    "argv",
    [
        ["--port", "70000"],
        ["--no-such-flag"],
        ["--port", "x"],
        ["--rehearse", "0"],
        ["--rehearse", "501"],
        ["--rehearse", "many"],
    ],
)
def test_a_command_line_that_cannot_be_read_has_its_own_exit_code(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_args(argv)
    assert stopped.value.code == EXIT_USAGE != 2  # 2: the data was written by a newer version


def test_the_program_says_what_is_wrong() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--headless", "--port", "70000"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == EXIT_USAGE
    assert "--port must be between 0 and 65535" in result.stderr
    assert "Traceback" not in result.stderr
