"""Moderators download the session's record, during the session and after its end."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.protocol.commands import Approve, EndSession, Project, SetBatching
from tests.host.harness import running_server


async def test_the_record_as_it_stands_then_as_it_was_written(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        await run.moderate(SetBatching("off"))
        token = await run.join()
        await run.submit(token, "client-0001", "I shipped <it> & =SUM(A1) on a Friday.")
        await run.submit(token, "client-0002", "Never shown, never in the record.")
        [first, _] = [item.id for item in run.service.items()]
        await run.moderate(Approve(first))
        await run.moderate(Project(first))
        base = f"{run.moderator_base}/api/record"
        async with run.http.get(f"{base}.json") as reply:
            assert reply.status == 200
            assert reply.headers["Cache-Control"] == "no-store"
            assert reply.headers["Content-Disposition"].endswith('.json"')
            during = json.loads(await reply.read())
        assert [c["text"] for c in during["confessions"]] == [
            "I shipped <it> & =SUM(A1) on a Friday."
        ]
        assert "Never shown" not in json.dumps(during)
        async with run.http.get(f"{base}.csv") as reply:
            assert reply.headers["Content-Type"].startswith("text/csv")
            assert "'=SUM" not in await reply.text()  # defused only at a cell's start
        async with run.http.get(f"{base}.html") as reply:
            assert "I shipped &lt;it&gt; &amp; =SUM(A1)" in await reply.text()
        await run.moderate(EndSession())
        async with run.http.get(f"{base}.md") as reply:
            assert reply.status == 200
            after = await reply.text()
        assert "Phones joined: 1" in after  # as written, before the voters were forgotten
        assert during["fingerprint"] in after  # nothing changed since: the same record


async def test_pdf_and_unknown_formats_are_not_served_and_the_secret_guards_it(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        for ext in ("pdf", "exe", "json.bak"):
            async with run.http.get(f"{run.moderator_base}/api/record.{ext}") as reply:
                assert reply.status == 404, ext
        async with run.http.get(f"{run.base}/moderator/wrong/api/record.json") as reply:
            assert reply.status == 403
            assert await reply.read() == b""


async def test_phones_take_home_what_was_shown_and_its_lessons_once_it_ended(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        await run.moderate(SetBatching("off"))
        token = await run.join()
        await run.submit(token, "client-0001", "I said <yes> to everything.", "Say no early.")
        await run.submit(token, "client-0002", "Never shown, never taken home.")
        first = run.service.items()[0].id
        await run.moderate(Approve(first))
        await run.moderate(Project(first))
        async with run.http.get(f"{run.base}/api/lessons.html") as reply:
            assert reply.status == 409
            assert (await reply.json())["payload"]["code"] == "session_open"
        await run.moderate(EndSession())
        async with run.http.get(f"{run.base}/api/lessons.html") as reply:
            assert reply.status == 200
            assert reply.headers["Cache-Control"] == "no-store"
            page = await reply.text()
        assert "I said &lt;yes&gt; to everything." in page
        assert "Say no early." in page
        assert "Never shown" not in page
        assert "Been there" not in page and "Phones joined" not in page
