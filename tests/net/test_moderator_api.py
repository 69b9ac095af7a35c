"""The moderator page's API: the secret gate, the shared commands, live state."""

from __future__ import annotations

from pathlib import Path

from tests.net.harness import envelope, receive_until, running_server


async def test_without_the_secret_everything_is_403_and_empty(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        secret = run.service.session.moderator_secret
        for path in (
            "/moderator",
            "/moderator/",
            "/moderator/wrong/",
            f"/moderator/{secret[:-1]}/api/state",
            f"/moderator/{secret}x/api/state",
            "/moderator/wrong/api/state",
            "/moderator/wrong/ws",
        ):
            async with run.http.get(f"{run.base}{path}", allow_redirects=False) as reply:
                assert reply.status == 403, path
                assert await reply.read() == b"", path
        async with run.http.post(
            f"{run.base}/moderator/wrong/api/commands",
            json=envelope("moderate", {"command": "end_session"}),
        ) as reply:
            assert reply.status == 403
        assert run.service.session.is_open


async def test_page_and_state_with_the_secret(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        async with run.http.get(f"{run.moderator_base}/") as reply:
            assert reply.status == 200
            assert "text/html" in reply.headers["Content-Type"]
            assert reply.headers["Cache-Control"] == "no-store"
        async with run.http.get(run.moderator_base, allow_redirects=False) as reply:
            assert reply.status == 302
            assert reply.headers["Location"] == f"{run.moderator_base.split(':', 2)[2][5:]}/"
        token = await run.join()
        await run.submit(token, "client-1001", "I merged without review.", "Reviews matter.")
        async with run.http.get(f"{run.moderator_base}/api/state") as reply:
            state = (await reply.json())["payload"]
        assert state["phones_joined"] == 1
        assert state["store_healthy"] is True
        [confession] = state["confessions"]
        assert confession["text"] == "I merged without review."
        assert confession["original_learned"] == "Reviews matter."
        assert confession["state"] == "incoming"
        assert token not in str(state)


async def test_commands_drive_the_same_core_as_the_console(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        for n in range(3):
            await run.submit(token, f"client-200{n}", f"Mistake number {n}")
        first, second, third = (c.id for c in run.service.confessions())
        status, body = await run.moderate("project", first)
        assert (status, body["payload"]["code"]) == (409, "not_approved")
        assert (await run.moderate("approve", first))[0] == 200
        assert (await run.moderate("approve", second))[0] == 200
        status, body = await run.moderate("set_aside", third)
        assert status == 200
        states = {c["id"]: c["state"] for c in body["payload"]["confessions"]}
        assert states == {first: "approved", second: "approved", third: "set_aside"}
        status, body = await run.moderate("project_next")
        assert body["payload"]["current_confession_id"] == first
        status, body = await run.moderate("project_next")
        assert body["payload"]["current_confession_id"] == second
        status, body = await run.moderate("project_next")
        assert (status, body["payload"]["code"]) == (409, "queue_empty")
        assert (await run.moderate("restore", third))[0] == 200
        status, body = await run.moderate("blank")
        assert body["payload"]["current_confession_id"] is None
        status, body = await run.moderate("approve")
        assert (status, body["payload"]["code"]) == (400, "invalid_payload")
        status, body = await run.moderate("approve", 999_999)
        assert (status, body["payload"]["code"]) == (404, "unknown_confession")
        status, body = await run.moderate("explode")
        assert (status, body["payload"]["code"]) == (400, "invalid_payload")


async def test_end_session_writes_transcript_and_pushes_paths(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        await run.submit(token, "client-3001", "I trusted the default config.")
        confession_id = run.service.confessions()[0].id
        async with run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as socket:
            first = await receive_until(socket, "moderator.state")
            assert len(first["payload"]["confessions"]) == 1
            await run.moderate("approve", confession_id)
            await run.moderate("project", confession_id)
            status, _ = await run.moderate("end_session")
            assert status == 200
            state = await receive_until(socket, "moderator.state")
            while state["payload"]["session"]["status"] != "ended":
                state = await receive_until(socket, "moderator.state")
            paths = state["payload"]["transcript_paths"]
        assert len(paths) == 2
        markdown = Path(paths[0]).read_text()
        assert "I trusted the default config." in markdown
        status, body = await run.moderate("project_next")
        assert (status, body["payload"]["code"]) == (409, "session_ended")
