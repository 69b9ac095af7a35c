"""The pages' files over a real socket: gzip to a browser that takes it (a quarter of the
bytes at 400 kbit/s), the same bytes otherwise, 304 for what the browser has, 404 for
anything outside the folder, and a changed file served as it is now."""

from __future__ import annotations

import gzip
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from facilitator.host.static_files import StaticFiles
from facilitator.paths import web_root
from tests.host.harness import running_server
from tests.http_client import http_client


@asynccontextmanager
async def serving(folder: Path) -> AsyncIterator[tuple[aiohttp.ClientSession, str]]:
    app = web.Application()
    app.add_routes(StaticFiles(folder).routes())
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with http_client(auto_decompress=False) as http:
            yield http, f"http://127.0.0.1:{port}/static"
    finally:
        await runner.cleanup()


async def test_gzip_when_taken_the_same_bytes_otherwise_and_304_when_known(
    tmp_path: Path,
) -> None:
    script = "export const words = " + repr(["confession"] * 400) + ";\n"
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    async with serving(tmp_path) as (http, base):
        async with http.get(f"{base}/app.js", headers={"Accept-Encoding": "gzip, br"}) as reply:
            packed = await reply.read()
            assert reply.headers["Content-Encoding"] == "gzip"
            assert reply.headers["Content-Type"] == "text/javascript; charset=utf-8"
            assert reply.headers["Vary"] == "Accept-Encoding"
            etag = reply.headers["ETag"]
        assert gzip.decompress(packed).decode() == script
        assert len(packed) < len(script) / 4
        for refused in ("identity", "gzip;q=0", "br"):
            async with http.get(f"{base}/app.js", headers={"Accept-Encoding": refused}) as reply:
                assert "Content-Encoding" not in reply.headers, refused
                assert (await reply.read()).decode() == script
        async with http.get(f"{base}/app.js", headers={"Accept-Encoding": "gzip;q=0.5"}) as reply:
            assert reply.headers["Content-Encoding"] == "gzip"
        async with http.get(f"{base}/app.js", headers={"If-None-Match": etag}) as reply:
            assert (reply.status, await reply.read()) == (304, b"")


async def test_nothing_outside_the_folder(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for phones", encoding="utf-8")
    (pages / "link.txt").symlink_to(tmp_path / "secret.txt")
    async with serving(pages) as (http, base):
        for path in ("../secret.txt", "%2e%2e/secret.txt", "link.txt", "missing.js", "."):
            async with http.get(f"{base}/{path}") as reply:
                assert reply.status == 404, path
                assert b"not for phones" not in await reply.read()


async def test_a_changed_file_is_served_as_it_is_now(tmp_path: Path) -> None:
    page = tmp_path / "style.css"
    page.write_text("body { color: black; }\n", encoding="utf-8")
    async with serving(tmp_path) as (http, base):
        async with http.get(f"{base}/style.css") as reply:
            first = reply.headers["ETag"]
        page.write_text("body { color: #101214; }\n", encoding="utf-8")
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000))
        async with http.get(f"{base}/style.css") as reply:
            assert (await reply.read()).decode() == "body { color: #101214; }\n"
            assert reply.headers["ETag"] != first


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/i18n/de.json"])
async def test_the_host_sends_its_pages_compressed(tmp_path: Path, path: str) -> None:
    async with (
        running_server(tmp_path) as run,
        http_client(auto_decompress=False) as http,
        http.get(f"{run.base}{path}", headers={"Accept-Encoding": "gzip"}) as reply,
    ):
        assert reply.status == 200
        assert reply.headers["Content-Encoding"] == "gzip"
        assert "Content-Security-Policy" in reply.headers
        body = gzip.decompress(await reply.read())
    name = "index.html" if path == "/" else path.removeprefix("/static/")
    assert body == (web_root() / name).read_bytes()
