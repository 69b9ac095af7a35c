"""The organiser's logo between the console and a real session host over HTTP: uploaded
and fetched by the console's connection, refused in the host's words, chosen in the
set-up dialog and applied, and drawn by the projector window once it arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from facilitator.core.setup_file import read_setup_file
from facilitator.protocol.phone import Logo
from facilitator.ui.host_connection import HostConnection
from facilitator.ui.logo_client import LogoClient, LogoRefused, logo_api_url
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.projector import ProjectorWindow
from facilitator.ui.session_setup import SessionSetupDialog
from tests.host.harness import Running, running_server
from tests.logo_samples import dark_ink_png, light_ink_png
from tests.waiting import wait_until


def stream_url(run: Running) -> str:
    return run.moderator_base.replace("http://", "ws://", 1) + "/ws"


@asynccontextmanager
async def connected(tmp_path: Path) -> AsyncIterator[tuple[Running, HostConnection]]:
    """A real host, and the console's connection to it with its first snapshot in."""
    async with running_server(tmp_path) as run:
        mirror = SessionMirror()
        connection = HostConnection(mirror, stream_url(run))
        task = asyncio.get_running_loop().create_task(connection.run())
        try:
            await wait_until(lambda: mirror.session is not None)
            yield run, connection
        finally:
            connection.stop()
            await task


def test_the_logo_address_is_the_streams() -> None:
    assert logo_api_url("ws://192.168.1.23:8737/moderator/s3cret/ws") == (
        "http://192.168.1.23:8737/moderator/s3cret/api/logo"
    )
    assert logo_api_url("wss://example.org/moderator/s3cret/ws") == (
        "https://example.org/moderator/s3cret/api/logo"
    )


async def test_a_logo_is_uploaded_then_fetched_while_it_waits(tmp_path: Path) -> None:
    async with connected(tmp_path) as (run, connection):
        logo = await connection.upload_logo(dark_ink_png())
        assert (logo.width, logo.height, logo.ink) == (1200, 300, "dark")
        screen = QImage.fromData(await connection.fetch_logo(logo.version, "screen"))
        assert (screen.width(), screen.height()) == (1200, 300)
        phone = QImage.fromData(await connection.fetch_logo(logo.version, "phone"))
        assert (phone.width(), phone.height()) == (480, 120)
        assert run.service.session.logo is None  # waiting, until a set-up names it


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo_svg"),
        (b"not an image at all", "logo_not_image"),
        (b"", "logo_empty"),
    ],
)
async def test_a_refusal_comes_back_in_the_hosts_words(
    tmp_path: Path, data: bytes, code: str
) -> None:
    async with connected(tmp_path) as (_run, connection):
        with pytest.raises(LogoRefused) as refused:
            await connection.upload_logo(data)
        assert refused.value.code == code and refused.value.message
        with pytest.raises(LogoRefused) as missing:
            await connection.fetch_logo("0123456789abcdef", "screen")
        assert missing.value.code == "no_logo"


async def test_an_unreachable_host_is_said_plainly() -> None:
    client = LogoClient("ws://127.0.0.1:9/moderator/nobody/ws")
    with pytest.raises(LogoRefused) as refused:
        await client.upload_logo(dark_ink_png())
    assert refused.value.code == "host_unreachable"
    assert "could not be reached" in refused.value.message


async def test_chosen_in_the_dialog_applied_and_shown_on_the_big_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    async with connected(tmp_path) as (run, connection):
        mirror = connection._mirror
        assert mirror.session is not None
        dialog = SessionSetupDialog(connection, mirror.session, logos=connection)
        qtbot.addWidget(dialog)
        projector = ProjectorWindow(mirror, logos=connection, motion=False)
        qtbot.addWidget(projector)
        projector.resize(1280, 720)
        projector.show()
        file = tmp_path / "logo.png"
        file.write_bytes(light_ink_png())
        dialog.logo_row.upload_file(file)
        assert dialog.logo_row.busy() and not dialog.apply_button.isEnabled()
        assert dialog.logo_row.caption.text() == "Preparing the logo…"
        await wait_until(lambda: dialog.logo_row.version() != "")
        version = dialog.logo_row.version()
        assert dialog.logo_row.caption.text() == "1200 \N{MULTIPLICATION SIGN} 300 px"
        await wait_until(lambda: dialog.logo_row.images.image(version) is not None)
        assert dialog.apply_button.isEnabled()
        dialog.apply_button.click()
        await wait_until(lambda: run.service.session.logo is not None)
        assert run.service.session.logo is not None
        assert run.service.session.logo.version == version
        await wait_until(lambda: projector.stage.join.mark is not None)
        assert mirror.projector is not None
        assert mirror.projector.logo == Logo(version, 1200, 300, "light")

        dialog.logo_row.upload(b"<svg></svg>")  # refused: the logo before stays
        await wait_until(lambda: not dialog.logo_row.busy())
        assert dialog.error_label.text().startswith("Logo: SVG logos are not taken")
        assert dialog.logo_row.version() == version
        poster = tmp_path / "poster.png"  # 200 MB chosen by mistake: a little over 10 is read
        with poster.open("wb") as file:
            file.write(light_ink_png())
            file.truncate(200 * 1024 * 1024)
        dialog.logo_row.upload_file(poster)
        await wait_until(lambda: not dialog.logo_row.busy())
        assert dialog.error_label.text() == (
            "Logo: A logo file may be up to 10 MB: save it smaller, please."
        )
        assert dialog.logo_row.version() == version

        saved = tmp_path / "with-logo.toml"
        dialog.save_to(saved)
        assert dialog.error_label.text() == ""
        assert dialog.note_label.text() == f"Set-up saved as {saved}."
        assert (tmp_path / "with-logo-logo.png").is_file()
        assert 'logo = "with-logo-logo.png"' in saved.read_text(encoding="utf-8")
        read = read_setup_file(saved)
        assert read.logo is not None and read.logo.ink == "light"
        assert (read.logo.screen.width, read.logo.screen.height) == (1200, 300)

        dialog.logo_row.clear()
        dialog.apply_button.click()
        await wait_until(lambda: run.service.session.logo is None)
        await wait_until(lambda: projector.stage.join.mark is None)
        projector.allow_close()
        projector.close()
