"""The moderator page's API: the secret gate, the shared commands, live state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from facilitator.protocol.commands import (
    Approve,
    Blank,
    EndSession,
    NewSession,
    Project,
    ProjectNext,
    Restore,
    SetAside,
    UpdateDetails,
    UseAddress,
)
from facilitator.protocol.envelope import encode
from facilitator.protocol.moderator import Resync
from tests.host.harness import envelope, receive_json, receive_until, running_server
from tests.phones import phone_http


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


async def test_page_and_snapshot_with_the_secret(tmp_path: Path) -> None:
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
            body = await reply.json()
        assert body["type"] == "moderator.snapshot"
        snapshot = body["payload"]
        assert snapshot["store_healthy"] is True
        assert snapshot["phones_connected"] == 0
        assert snapshot["join"]["join_url"] == f"{run.base}/"
        assert snapshot["join"]["moderator_url"] == f"{run.moderator_base}/"
        [item] = snapshot["items"]
        assert item["text"] == "I merged without review."
        assert item["original_learned"] == "Reviews matter."
        assert (item["kind"], item["parent_id"], item["state"]) == ("confession", None, "incoming")
        assert token not in str(snapshot)


async def test_commands_drive_the_same_core_as_the_console(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        for n in range(3):
            await run.submit(token, f"client-200{n}", f"Mistake number {n}")
        first, second, third = (c.id for c in run.service.items())
        status, body = await run.moderate(Project(first))
        assert (status, body["payload"]["code"]) == (409, "not_approved")
        assert (await run.moderate(Approve(first)))[0] == 200
        assert (await run.moderate(Approve(second)))[0] == 200
        status, body = await run.moderate(SetAside(third))
        assert (status, body["type"]) == (200, "moderator.done")
        states = {c.id: c.state.value for c in run.service.items()}
        assert states == {first: "approved", second: "approved", third: "set_aside"}
        assert (await run.moderate(ProjectNext(first)))[0] == 200
        assert run.service.session.current_item_id == first
        status, body = await run.moderate(ProjectNext(first))  # the same key pressed twice
        assert (status, body["payload"]["code"]) == (409, "queue_changed")
        assert run.service.session.current_item_id == first
        assert (await run.moderate(ProjectNext(second)))[0] == 200
        status, body = await run.moderate(ProjectNext(second))
        assert (status, body["payload"]["code"]) == (409, "queue_empty")
        assert (await run.moderate(Restore(third)))[0] == 200
        assert (await run.moderate(Blank()))[0] == 200
        assert run.service.session.current_item_id is None
        status, body = await run.moderate(UpdateDetails("Retro", "What went wrong?", "Me too"))
        assert status == 200
        assert run.service.session.agree_label == "Me too"
        status, body = await run.moderate(UpdateDetails("", "p", "l"))
        assert (status, body["payload"]["code"]) == (400, "title_empty")
        status, body = await run.moderate(UseAddress("203.0.113.9"))
        assert (status, body["payload"]["code"]) == (409, "unknown_address")
        status, body = await run.moderate_raw({"command": "approve"})
        assert (status, body["payload"]["code"]) == (400, "invalid_payload")
        status, body = await run.moderate(Approve(999_999))
        assert (status, body["payload"]["code"]) == (404, "unknown_confession")
        status, body = await run.moderate_raw({"command": "explode"})
        assert (status, body["payload"]["code"]) == (400, "invalid_payload")
        status, body = await run.moderate_raw({"command": "approve", "confession_id": first})
        assert (status, body["payload"]["code"]) == (400, "invalid_payload")


class NumberedStream:
    """A moderator's socket read in order: each stream message carries the next number.
    The big screen's state (``projector.changed``) follows the changes that moved it, at
    the next turn of the host's loop: it is numbered too, and skipped here."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse, seq: int) -> None:
        self.socket = socket
        self.seq = seq

    async def next(self) -> dict[str, Any]:
        while True:
            document: dict[str, Any] = await receive_json(self.socket)
            if document["type"] in ("moderator.done", "error"):
                return document
            assert document["payload"]["seq"] == self.seq + 1, document
            self.seq += 1
            if document["type"] != "projector.changed":
                return document


async def test_the_stream_is_a_snapshot_then_numbered_changes(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        async with run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as socket:
            snapshot = await receive_json(socket)
            assert snapshot["type"] == "moderator.snapshot"
            assert snapshot["payload"]["projector"]["slide"] == "join"
            stream = NumberedStream(socket, snapshot["payload"]["seq"])
            await run.submit(token, "client-3001", "I trusted the default config.")
            added = await stream.next()
            assert added["type"] == "item.added"
            item_id = added["payload"]["item"]["id"]

            await socket.send_str(encode(Approve(item_id), ref="c1").decode())
            changed = await stream.next()
            assert (changed["type"], changed["payload"]["item"]["state"]) == (
                "item.changed",
                "approved",
            )
            offered = await stream.next()
            assert (offered["type"], offered["payload"]["undo"]["action"]) == (
                "undo.changed",
                "approve",
            )
            done = await stream.next()  # after the changes it caused
            assert (done["type"], done["ref"], done["payload"]) == (
                "moderator.done",
                "c1",
                {"seq": stream.seq},
            )

            await socket.send_str(encode(ProjectNext(item_id), ref="c2").decode())
            assert (await stream.next())["type"] == "item.changed"
            projected = await stream.next()
            assert projected["payload"] == {"seq": stream.seq, "item_id": item_id}
            assert (await stream.next())["type"] == "undo.changed"
            assert (await stream.next())["ref"] == "c2"

            await socket.send_str(encode(ProjectNext(item_id), ref="c3").decode())
            refused = await stream.next()
            assert (refused["type"], refused["ref"], refused["payload"]["code"]) == (
                "error",
                "c3",
                "queue_empty",
            )
            await socket.send_str('{"type": "moderate", "version": 1, "payload": []}')
            assert (await stream.next())["payload"]["code"] == "invalid_payload"

            run.service.set_agreement(run.service.participant(token), item_id, True)
            count = await stream.next()
            assert count["payload"] == {
                "seq": stream.seq,
                "item_id": item_id,
                "count": 1,
                "set_apart": 0,
            }

            await socket.send_str(encode(Resync(), ref="r").decode())
            again = await receive_json(socket)
            while again["type"] == "projector.changed":
                again = await receive_json(socket)
            assert again["type"] == "moderator.snapshot"
            assert again["payload"]["seq"] >= stream.seq
            assert again["payload"]["current_item_id"] == item_id
            assert again["payload"]["projector"]["slide"] == "confession"


async def test_phones_connected_is_counted_by_the_host(tmp_path: Path) -> None:
    async with (
        running_server(tmp_path) as run,
        run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as socket,
    ):
        await receive_until(socket, "moderator.snapshot")
        address = run.addresses.next()  # another device (tests.host.harness)
        token = await run.join(address)
        async with (
            phone_http(address) as http,
            http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as phone,
        ):
            await phone.send_json(envelope("hello", {"token": token}))
            await receive_until(phone, "state")
            changed = await receive_until(socket, "phones.changed")
            assert changed["payload"]["connected"] == 1
        changed = await receive_until(socket, "phones.changed")
        assert changed["payload"]["connected"] == 0


async def test_ending_removes_what_was_never_shown_and_gives_the_transcript(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        await run.submit(token, "client-3001", "I trusted the default config.")
        await run.submit(token, "client-3002", "Never shown.")
        shown, unshown = (c.id for c in run.service.items())
        async with run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as socket:
            first = await receive_until(socket, "moderator.snapshot")
            assert len(first["payload"]["items"]) == 2
            await run.moderate(Approve(shown))
            await run.moderate(Project(shown))
            status, body = await run.moderate(EndSession())
            assert (status, body["type"]) == (200, "moderator.done")
            removed = await receive_until(socket, "item.removed")
            assert removed["payload"]["item_id"] == unshown
            ended = await receive_until(socket, "session.ended")
            assert ended["payload"]["session"]["status"] == "ended"
            paths = ended["payload"]["transcript_paths"]
        assert len(paths) == 2
        markdown = Path(paths[0]).read_text()
        assert "I trusted the default config." in markdown
        status, body = await run.moderate(ProjectNext(shown))
        assert (status, body["payload"]["code"]) == (409, "session_ended")


async def test_the_next_session_in_the_same_host(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        await run.submit(token, "client-4001", "From the first session.")
        status, body = await run.moderate(NewSession())
        assert (status, body["payload"]["code"]) == (409, "session_open")
        async with (
            run.http.ws_connect(f"{run.moderator_base.replace('http', 'ws')}/ws") as moderator,
            run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as phone,
        ):
            await receive_until(moderator, "moderator.snapshot")
            await phone.send_json(envelope("hello", {"token": token}))
            first_id = (await receive_until(phone, "state"))["payload"]["session_id"]
            assert (await run.moderate(EndSession()))[0] == 200
            assert (await run.moderate(NewSession()))[0] == 200
            fresh = await receive_until(moderator, "moderator.snapshot")
            assert fresh["payload"]["items"] == []
            assert fresh["payload"]["session"]["status"] == "open"
            assert fresh["payload"]["session"]["session_id"] != first_id
            # Phones are told; their old token is no good in the new session.
            pushed = await receive_until(phone, "session")
            while pushed["payload"]["status"] == "ended":  # first: the end of the last one
                pushed = await receive_until(phone, "session")
            assert pushed["payload"]["session_id"] == fresh["payload"]["session"]["session_id"]
            agreement = {"confession_id": 1, "agreed": True}
            await phone.send_json(envelope("agreement.set", agreement, ref="old"))
            refused = await receive_until(phone, "error")
            assert (refused["ref"], refused["payload"]["code"]) == ("old", "unknown_participant")
        new_token = await run.join()
        await run.submit(new_token, "client-4002", "From the second session.")
        assert [c.text for c in run.service.items()] == ["From the second session."]
