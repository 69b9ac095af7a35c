"""``confessional --headless --session FILE``: a real host starts a new session set up
as prepared; a malformed file is said on stderr and nothing starts."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import EXIT_SETUP_FILE
from facilitator.core.setup_file import read_setup_file
from tests.e2e.process import APP_ENVIRONMENT, app_command, start_headless
from tests.http_client import http_client

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "session.toml"


async def test_the_prepared_session_is_what_phones_and_moderators_get(tmp_path: Path) -> None:
    prepared = read_setup_file(EXAMPLE)
    app = start_headless(tmp_path / "data", "--port", "0", "--session", str(EXAMPLE))
    try:
        async with http_client() as http:
            async with http.get(f"{app.moderator_url}api/state") as reply:
                state: dict[str, Any] = (await reply.json())["payload"]
            async with http.get(f"{app.base}/api/session") as reply:
                phone: dict[str, Any] = (await reply.json())["payload"]
            logo = phone["logo"]
            async with http.get(f"{app.base}/api/logo/{logo['version']}/screen") as reply:
                screen_logo = await reply.read()
    finally:
        app.terminate()
    session = state["session"]
    assert session["title"] == prepared.setup.title
    assert session["house_rules"] == prepared.setup.house_rules
    assert (session["max_length"], session["accent"]) == (600, "#1a7f64")
    warm_ups = [item["text"] for item in state["items"] if item["state"] == "approved"]
    assert warm_ups == [warm_up.text for warm_up in prepared.warm_ups]
    assert phone["house_rules"] == prepared.setup.house_rules
    assert phone["limits"]["text"] == 600
    assert phone["limits"]["learned"] == 500
    assert phone["accent"] == "#1a7f64"
    assert prepared.logo is not None
    assert logo == {"version": prepared.logo.version, "width": 1200, "height": 300, "ink": "dark"}
    assert session["logo"] == logo
    assert screen_logo == prepared.logo.screen.data


def refused_at_start(session_file: Path, data_dir: Path) -> str:
    """``--headless --session session_file`` refuses to start: what it said on stderr."""
    result = subprocess.run(
        app_command(data_dir, "--headless", "--port", "0", "--session", str(session_file)),
        capture_output=True,
        text=True,
        env=APP_ENVIRONMENT,
        timeout=60,
        check=False,
    )
    assert result.returncode == EXIT_SETUP_FILE
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()
    return result.stderr


def test_a_logo_that_cannot_be_read_refuses_the_file(tmp_path: Path) -> None:
    prepared = tmp_path / "night.toml"
    prepared.write_text('format = 1\nlogo = "brand.png"\n', encoding="utf-8")
    (tmp_path / "brand.png").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    said = refused_at_start(prepared, tmp_path / "data")
    assert f"{prepared}: logo {tmp_path / 'brand.png'}: SVG logos are not taken" in said


def test_a_malformed_file_is_said_and_nothing_starts(tmp_path: Path) -> None:
    malformed = tmp_path / "night.toml"
    malformed.write_text('format = 1\nmax_length = "long"\n', encoding="utf-8")
    said = refused_at_start(malformed, tmp_path / "data")
    assert f"{malformed}: max_length: Expected `int`, got `str`" in said
