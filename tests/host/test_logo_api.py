"""The organiser's logo over a real socket: uploaded behind the moderators' secret, named
by a set-up, then served to phones and the projector page, cached for good by version;
anything else refused with a reason, the session untouched."""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp

from facilitator.core.logo import MAX_FILE_BYTES
from facilitator.core.setup import SessionSetup, as_command
from tests.host.harness import Running, receive_until, running_server
from tests.logo_samples import dark_ink_png, opaque_jpeg


async def upload(run: Running, data: Any, **options: Any) -> tuple[int, dict[str, Any]]:
    async with run.http.post(f"{run.moderator_base}/api/logo", data=data, **options) as reply:
        return reply.status, await reply.json()


async def uploaded(run: Running, data: bytes) -> dict[str, Any]:
    status, answer = await upload(run, data)
    assert status == 200, answer
    assert answer["type"] == "logo.added"
    logo: dict[str, Any] = answer["payload"]["logo"]
    return logo


async def apply_logo(run: Running, version: str) -> None:
    setup = replace(SessionSetup.of(run.service.session), logo=version)
    status, answer = await run.moderate(as_command(setup))
    assert status == 200, answer


async def fetch(run: Running, path: str, **options: Any) -> tuple[int, bytes, Any]:
    async with run.http.get(f"{run.base}{path}", **options) as reply:
        return reply.status, await reply.read(), reply.headers


async def test_an_uploaded_logo_is_previewed_by_moderators_and_shown_once_applied(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        logo = await uploaded(run, dark_ink_png())
        assert logo == {"version": logo["version"], "width": 1200, "height": 300, "ink": "dark"}
        version = logo["version"]
        moderator_path = f"/moderator/{run.service.session.moderator_secret}/api/logo"
        status, body, headers = await fetch(run, f"{moderator_path}/{version}/phone")
        assert (status, headers["Content-Type"]) == (200, "image/png")
        assert "private" in headers["Cache-Control"]
        status, _, _ = await fetch(run, f"/api/logo/{version}/phone")
        assert status == 404  # waiting: not the session's yet
        assert run.service.session.logo is None

        await apply_logo(run, version)
        status, body, headers = await fetch(run, f"/api/logo/{version}/screen")
        assert status == 200
        assert body == run.service.logos.image(version, "screen").data  # type: ignore[union-attr]
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        etag = headers["ETag"]
        status, body, _ = await fetch(
            run, f"/api/logo/{version}/screen", headers={"If-None-Match": etag}
        )
        assert (status, body) == (304, b"")
        for size in ("phone", "screen"):
            status, _, _ = await fetch(run, f"/api/logo/{version}/{size}")
            assert status == 200
        status, _, _ = await fetch(run, f"/api/logo/{version}/poster")
        assert status == 404


async def test_phones_the_projector_and_moderators_are_told_of_the_logo(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        projector = f"{run.base}/projector/{run.service.session.projector_secret}"
        async with (
            run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as phone,
            run.http.ws_connect(f"{run.moderator_base}/ws") as moderator,
            run.http.ws_connect(f"{projector.replace('http', 'ws')}/ws") as screen,
        ):
            await phone.send_json({"type": "hello", "version": 1, "payload": {"token": token}})
            await receive_until(phone, "state")
            await receive_until(moderator, "moderator.snapshot")
            await receive_until(screen, "projector")
            logo = await uploaded(run, opaque_jpeg())
            await apply_logo(run, logo["version"])
            session = await receive_until(phone, "session")
            assert session["payload"]["logo"] == logo
            changed = await receive_until(moderator, "session.changed")
            assert changed["payload"]["session"]["logo"] == logo
            state = await receive_until(screen, "projector")
            assert state["payload"]["logo"] == logo

            await apply_logo(run, "")
            assert (await receive_until(phone, "session"))["payload"]["logo"] is None
            status, _, _ = await fetch(run, f"/api/logo/{logo['version']}/phone")
            assert status == 404


async def test_what_cannot_be_a_logo_is_refused_and_the_session_keeps_its_own(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        kept = await uploaded(run, dark_ink_png())
        await apply_logo(run, kept["version"])
        for data, code in (
            (b"hello", "logo_not_image"),
            (b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "logo_svg"),
            (b"", "logo_empty"),
        ):
            status, answer = await upload(run, data)
            assert (status, answer["payload"]["code"]) == (400, code)
        status, answer = await upload(run, io.BytesIO(b"\0" * (MAX_FILE_BYTES + 1)))
        assert (status, answer["payload"]["code"]) == (413, "logo_too_large")

        async def trickle() -> Any:
            for _ in range(MAX_FILE_BYTES // (1024 * 1024) + 2):
                yield b"\0" * (1024 * 1024)

        status, answer = await upload(run, trickle())  # chunked: no length said first
        assert (status, answer["payload"]["code"]) == (413, "logo_too_large")
        setup = replace(SessionSetup.of(run.service.session), logo="0123456789abcdef")
        status, answer = await run.moderate(as_command(setup))
        assert (status, answer["payload"]["code"]) == (400, "logo_unknown")
        assert run.service.session.logo is not None
        assert run.service.session.logo.version == kept["version"]
        status, _, _ = await fetch(run, f"/api/logo/{kept['version']}/phone")
        assert status == 200


async def test_only_moderators_upload_and_only_from_their_own_page(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        async with run.http.post(f"{run.base}/moderator/not-the-secret/api/logo", data=b"x") as r:
            assert r.status == 403
        status, answer = await upload(run, dark_ink_png(), headers={"Origin": "http://evil.test"})
        assert (status, answer["payload"]["code"]) == (403, "origin_not_allowed")
        async with run.http.post(f"{run.base}/api/logo", data=dark_ink_png()) as reply:
            assert reply.status in (404, 405)
        assert run.service.logos.image("", "screen", waiting=True) is None


async def test_an_upload_cut_short_is_refused_and_the_host_carries_on(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        data = dark_ink_png()
        half = data[: len(data) // 2]
        status, answer = await upload(run, half)
        assert (status, answer["payload"]["code"]) == (400, "logo_damaged")
        headers = {"Content-Length": str(len(data))}
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):  # the body never ends
            await upload(run, half, headers=headers, timeout=aiohttp.ClientTimeout(total=2))
        assert (await uploaded(run, data))["ink"] == "dark"
