"""The app's wiring: resume or start, the port plan, and closing the console."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

from facilitator.app import DEFAULT_PORT, ConfessionalApp, Options
from facilitator.core.model import SessionInfo


def options(data_dir: Path, **changes: object) -> Options:
    base = {"data_dir": data_dir, "host": "127.0.0.1", "port": 0, "zeroconf": False}
    return Options(**{**base, **changes})  # type: ignore[arg-type]


async def test_closing_the_console_stops_the_app_in_order(tmp_path: Path) -> None:
    app = ConfessionalApp(options(tmp_path))
    await app.start()
    assert app.console is not None and app.projector is not None and app.join is not None
    assert app.join.join_url.startswith("http://127.0.0.1:")
    assert app.service is not None and app.service.session.port == app.join.port
    app.console.close()
    assert app.console.isVisible()  # the first close only asks the app to stop
    await asyncio.wait_for(app.wait_for_stop_request(), timeout=5)
    await app.stop()
    assert not app.console.isVisible() and not app.projector.isVisible()


async def test_headless_prints_exactly_one_json_line(tmp_path: Path) -> None:
    out = io.StringIO()
    app = ConfessionalApp(options(tmp_path, headless=True), stdout=out)
    await app.start()
    try:
        [line] = out.getvalue().splitlines()
        document = json.loads(line)
        assert set(document) == {"join_url", "moderator_url"}
        assert app.service is not None
        assert document["moderator_url"].endswith(
            f"/moderator/{app.service.session.moderator_secret}/"
        )
        assert app.console is None
    finally:
        await app.stop()


def test_the_console_decides_whether_to_resume(tmp_path: Path) -> None:
    asked: list[SessionInfo] = []

    def decline(session: SessionInfo) -> bool:
        asked.append(session)
        return False

    first = ConfessionalApp(options(tmp_path))
    original = first.open_session().session
    assert first.store is not None
    first.store.close()

    declined = ConfessionalApp(options(tmp_path), ask_resume=decline)
    assert declined.open_session().session.id != original.id
    assert [s.id for s in asked] == [original.id]
    assert declined.store is not None
    declined.store.close()

    resumed = ConfessionalApp(options(tmp_path), ask_resume=lambda session: True)
    assert resumed.open_session().session.id != original.id  # the newest unfinished one
    assert resumed.resumed
    assert resumed.store is not None
    resumed.store.close()


def test_port_plan(tmp_path: Path) -> None:
    app = ConfessionalApp(options(tmp_path, port=None))
    session = app.open_session().session
    assert app._port_plan(session) == (DEFAULT_PORT, True)
    assert app.service is not None
    app.service.set_port(45678)
    assert app._port_plan(app.service.session) == (45678, False)
    explicit = ConfessionalApp(options(tmp_path, port=5000))
    assert explicit._port_plan(app.service.session) == (5000, False)
    assert app.store is not None
    app.store.close()
