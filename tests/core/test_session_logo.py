"""The organiser's logo in a session: uploaded to wait, applied with the set-up in one
store write, kept across a restart and into the next session, gone with the session;
and in a prepared session's file beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.core.events import EventBus, SessionChanged
from facilitator.core.logo import prepare_logo
from facilitator.core.logo_shelf import MAX_WAITING
from facilitator.core.model import LogoInfo
from facilitator.core.session import SessionService
from facilitator.core.setup import SessionSetup, as_command
from facilitator.core.setup_file import (
    PreparedSession,
    SetupFileError,
    read_setup_file,
    write_setup_file,
)
from facilitator.core.store import Store
from facilitator.protocol.commands import EndSession
from tests.core.helpers import TODAY, Recorder, refused
from tests.logo_samples import dark_ink_png, light_ink_png, opaque_jpeg

DARK = prepare_logo(dark_ink_png())
LIGHT = prepare_logo(light_ink_png())


def with_logo(service: SessionService, version: str) -> None:
    service.execute(as_command(replace(SessionSetup.of(service.session), logo=version)))


def test_an_uploaded_logo_waits_until_a_set_up_names_it(
    service: SessionService, store: Store, recorder: Recorder
) -> None:
    service.add_logo(DARK)
    assert service.session.logo is None
    assert service.logos.image(DARK.version, "screen") is None  # not for phones yet
    assert service.logos.image(DARK.version, "screen", waiting=True) == DARK.screen
    with_logo(service, DARK.version)
    assert service.session.logo == LogoInfo(DARK.version, 1200, 300, "dark")
    assert recorder.of(SessionChanged)[-1].session.logo == service.session.logo
    assert service.logos.image(DARK.version, "phone") == DARK.phone
    assert store.logo(service.session.id) == DARK


def test_a_set_up_that_keeps_the_logo_writes_nothing_new(
    service: SessionService, store: Store
) -> None:
    service.add_logo(DARK)
    with_logo(service, DARK.version)
    service.execute(as_command(replace(SessionSetup.of(service.session), title="Retro")))
    assert service.session.title == "Retro"
    assert store.logo(service.session.id) == DARK


def test_no_logo_removes_it_everywhere(service: SessionService, store: Store) -> None:
    service.add_logo(DARK)
    with_logo(service, DARK.version)
    with_logo(service, "")
    assert service.session.logo is None
    assert store.logo(service.session.id) is None
    assert service.logos.image(DARK.version, "screen") is None


def test_a_logo_no_longer_waiting_is_refused_and_nothing_changes(
    service: SessionService, store: Store
) -> None:
    service.add_logo(DARK)
    with_logo(service, DARK.version)
    first_waiting = prepare_logo(opaque_jpeg())
    service.add_logo(first_waiting)
    for n in range(MAX_WAITING):  # the oldest waiting makes room
        service.add_logo(replace(LIGHT, version=f"{n:x}"))
    setup = replace(SessionSetup.of(service.session), title="Changed", logo=first_waiting.version)
    refused("logo_unknown", lambda: service.execute(as_command(setup)))
    assert service.session.title != "Changed"
    assert service.session.logo is not None and service.session.logo.version == DARK.version


def test_the_logo_survives_a_restart_and_goes_into_the_next_session(
    file_store: Store, transcripts_dir: Path
) -> None:
    service = SessionService.start_new(file_store, EventBus(), transcripts_dir, today=lambda: TODAY)
    service.add_logo(LIGHT)
    with_logo(service, LIGHT.version)
    resumed = SessionService.resume(
        file_store, EventBus(), file_store.session(service.session.id), transcripts_dir
    )
    assert resumed.logos.current == LIGHT
    resumed.execute(EndSession())
    resumed.start_next()
    assert resumed.session.logo == LIGHT.info
    assert file_store.logo(resumed.session.id) == LIGHT


def test_deleting_a_past_session_deletes_its_logo(service: SessionService, store: Store) -> None:
    service.add_logo(DARK)
    with_logo(service, DARK.version)
    ended = service.session.id
    service.execute(EndSession())
    service.start_next()
    service.delete_past_session(ended)
    assert store.logo(ended) is None
    assert store._db.execute("SELECT count(*) FROM logos").fetchone()[0] == 1  # the next one's


def test_a_logo_cannot_be_added_to_an_ended_session(service: SessionService) -> None:
    service.execute(EndSession())
    refused("session_ended", lambda: service.add_logo(DARK))


def test_a_prepared_session_brings_its_logo(service: SessionService, tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(dark_ink_png())
    path = tmp_path / "night.toml"
    path.write_text('format = 1\ntitle = "Fail night"\nlogo = "brand/logo.png"\n', "utf-8")
    prepared = read_setup_file(path)
    assert prepared.logo == DARK
    assert prepared.setup.logo == DARK.version
    service.prepare(prepared)
    assert service.session.logo == DARK.info


def test_a_written_file_keeps_its_logo_beside_it(tmp_path: Path) -> None:
    prepared = PreparedSession(SessionSetup(title="Fail night", logo=DARK.version), logo=DARK)
    path = tmp_path / "night.toml"
    write_setup_file(path, prepared)
    assert (tmp_path / "night-logo.png").read_bytes() == DARK.screen.data
    assert 'logo = "night-logo.png"' in path.read_text("utf-8")
    read = read_setup_file(path)
    assert read.logo is not None
    assert read.logo.screen.data == DARK.screen.data  # the screen's rendition, unchanged
    assert replace(read.setup, logo="") == replace(prepared.setup, logo="")


@pytest.mark.parametrize(
    ("logo_file", "content", "says"),
    [
        ("absent.png", None, "logo {folder}/absent.png: cannot be read (No such file"),
        ("notes.png", b"just some notes", "logo {folder}/notes.png: This is not a PNG, JPEG"),
        ("mark.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG logos are not taken"),
    ],
)
def test_a_logo_that_cannot_be_used_refuses_the_file_naming_it(
    tmp_path: Path, logo_file: str, content: bytes | None, says: str
) -> None:
    if content is not None:
        (tmp_path / logo_file).write_bytes(content)
    path = tmp_path / "night.toml"
    path.write_text(f'format = 1\nlogo = "{logo_file}"\n', "utf-8")
    with pytest.raises(SetupFileError) as refusal:
        read_setup_file(path)
    assert str(refusal.value).startswith(f"{path}: ")
    assert says.format(folder=tmp_path) in str(refusal.value)
