"""What helped, over real sockets: a phone replies under a shown confession (HTTP and
WebSocket), moderators approve it, and every phone sees it and may say it helped too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from facilitator.core.model import ItemKind
from facilitator.protocol.commands import Approve, Edit, Project, SetAside
from tests.host.harness import Running, envelope, receive_until, running_server


def reply_message(client_id: str, confession_id: int, text: str, **extra: Any) -> dict[str, Any]:
    payload = {"client_id": client_id, "confession_id": confession_id, "text": text}
    return envelope("reply.submit", payload, **extra)


async def shown_confession(run: Running, token: str, text: str = "I deployed on a Friday.") -> int:
    await run.submit(token, f"conf-{len(run.service.items()):04d}", text)
    confession = max(item.id for item in run.service.items())
    run.service.execute(Approve(confession))
    run.service.execute(Project(confession))
    return confession


def ws_url(run: Running) -> str:
    return f"{run.base.replace('http', 'ws')}/ws"


async def test_a_reply_over_http_and_its_duplicate(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, phone = await run.join(), await run.join()
        confession = await shown_confession(run, author)

        status, body = await run.send(phone, reply_message("reply-0001", confession, "Flags"))

        assert (status, body) == (
            200,
            {
                "type": "reply.received",
                "version": 1,
                "payload": {"client_id": "reply-0001", "duplicate": False},
            },
        )
        status, body = await run.send(phone, reply_message("reply-0001", confession, "Flags"))
        assert (status, body["payload"]["duplicate"]) == (200, True)
        [reply] = [i for i in run.service.items() if i.kind is ItemKind.REPLY]
        assert (reply.parent_id, reply.text) == (confession, "Flags")


async def test_refusals(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, phone = await run.join(), await run.join()
        await run.submit(author, "conf-unshown", "Not shown yet")
        unshown = run.service.items()[0].id
        confession = await shown_confession(run, author)

        async def refusal(message: dict[str, Any], token: str | None = phone) -> tuple[int, str]:
            status, body = await run.send(token, message)
            assert body["type"] == "error", body
            return status, body["payload"]["code"]

        assert await refusal(reply_message("reply-0002", unshown, "x")) == (409, "not_shown")
        assert await refusal(reply_message("reply-0003", 99999, "x")) == (409, "not_shown")
        assert await refusal(reply_message("reply-0004", confession, "x" * 201)) == (
            400,
            "text_too_long",
        )
        assert await refusal(reply_message("reply-0005", confession, "a\nb")) == (
            400,
            "text_forbidden_characters",
        )
        assert await refusal(reply_message("reply-0006", confession, "x"), None) == (
            401,
            "unknown_participant",
        )
        status, _ = await run.send(phone, reply_message("reply-0007", confession, "First"))
        assert status == 200
        assert await refusal(reply_message("reply-0008", confession, "Second")) == (
            409,
            "already_replied",
        )
        [reply] = [i for i in run.service.items() if i.kind is ItemKind.REPLY]
        run.service.execute(Approve(reply.id))
        withdraw = envelope("confession.withdraw", {"client_id": "reply-0007"})
        assert await refusal(withdraw) == (409, "already_approved")
        status, body = await run.moderate(Project(reply.id))
        assert (status, body["payload"]["code"]) == (409, "cannot_project_reply")


async def test_a_reply_over_the_websocket_is_answered_with_its_ref(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, phone = await run.join(), await run.join()
        confession = await shown_confession(run, author)
        async with run.http.ws_connect(ws_url(run)) as socket:
            await socket.send_json(envelope("hello", {"token": phone}))
            await receive_until(socket, "state")
            await socket.send_json(reply_message("reply-0010", confession, "Pairing", ref="w1"))
            answer = await receive_until(socket, "reply.received")
            assert answer["ref"] == "w1"
            assert answer["payload"] == {"client_id": "reply-0010", "duplicate": False}
            await socket.send_json(reply_message("reply-0011", confession, "Again", ref="w2"))
            refused = await receive_until(socket, "error")
            assert (refused["ref"], refused["payload"]["code"]) == ("w2", "already_replied")


async def test_a_phone_sees_an_approved_reply_and_says_it_helped_too(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, replier, phone = await run.join(), await run.join(), await run.join()
        confession = await shown_confession(run, author)
        await run.send(replier, reply_message("reply-0020", confession, "A deploy freeze"))
        [reply] = [i for i in run.service.items() if i.kind is ItemKind.REPLY]

        async with run.http.ws_connect(ws_url(run)) as socket:
            await socket.send_json(envelope("hello", {"token": phone}))
            state = await receive_until(socket, "state")
            assert state["payload"]["projection"]["replies"] == []
            assert state["payload"]["limits"]["reply"] == 200

            status, _ = await run.moderate(Approve(reply.id))
            assert status == 200
            session = await receive_until(socket, "session")
            assert session["payload"]["projection"]["replies"] == [
                {"reply_id": reply.id, "text": "A deploy freeze", "count": 0}
            ]

            helped = {"confession_id": reply.id, "agreed": True}
            await socket.send_json(envelope("agreement.set", helped, ref="h1"))
            recorded = await receive_until(socket, "agreement.recorded")
            assert recorded["payload"] == {"confession_id": reply.id, "agreed": True, "count": 1}
            session = await _session_until(
                socket, lambda p: p["projection"]["replies"][0]["count"] == 1
            )
            assert session["projection"]["count"] == 0  # the confession's own count

            await run.moderate(Edit(reply.id, 1, "A deploy freeze on Fridays", ""))
            session = await _session_until(
                socket,
                lambda p: p["projection"]["replies"][0]["text"] == "A deploy freeze on Fridays",
            )
            await run.moderate(SetAside(reply.id))
            await _session_until(socket, lambda p: p["projection"]["replies"] == [])

        status, body = await run.send(phone, envelope("agreement.set", helped))
        assert (status, body["payload"]["code"]) == (409, "not_shown")
        run.service.execute(Approve(reply.id))
        async with run.http.ws_connect(ws_url(run)) as socket:  # a phone back after a reload
            await socket.send_json(envelope("hello", {"token": phone}))
            state = await receive_until(socket, "state")
            assert (state["payload"]["agreed"], state["payload"]["helped"]) == (False, [reply.id])


async def test_the_public_session_over_http_carries_replies(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, replier = await run.join(), await run.join()
        confession = await shown_confession(run, author)
        await run.send(replier, reply_message("reply-0030", confession, "Checklists"))
        [reply] = [i for i in run.service.items() if i.kind is ItemKind.REPLY]
        run.service.execute(Approve(reply.id))
        async with run.http.get(f"{run.base}/api/session") as answer:
            body = await answer.json()
        assert body["payload"]["projection"]["replies"] == [
            {"reply_id": reply.id, "text": "Checklists", "count": 0}
        ]


async def test_moderators_get_replies_as_items(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, replier = await run.join(), await run.join()
        confession = await shown_confession(run, author)
        await run.send(replier, reply_message("reply-0040", confession, "Review first"))
        async with run.http.get(f"{run.moderator_base}/api/state") as answer:
            snapshot = await answer.json()
        [reply] = [i for i in snapshot["payload"]["items"] if i["kind"] == "reply"]
        assert (reply["parent_id"], reply["state"], reply["text"]) == (
            confession,
            "incoming",
            "Review first",
        )


async def test_the_moderator_stream_carries_a_reply_and_its_confession_on_screen(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        author, replier = await run.join(), await run.join()
        confession = await shown_confession(run, author)
        stream = f"{run.moderator_base.replace('http', 'ws')}/ws"
        async with run.http.ws_connect(stream) as socket:
            await receive_until(socket, "moderator.snapshot")
            await run.send(replier, reply_message("reply-0050", confession, "Ask early"))
            added = await receive_until(socket, "item.added")
            item = added["payload"]["item"]
            assert (item["kind"], item["parent_id"], item["state"]) == (
                "reply",
                confession,
                "incoming",
            )
            await run.moderate(Approve(item["id"]))
            changed = await receive_until(socket, "item.changed")
            assert (changed["payload"]["item"]["state"], changed["payload"]["item"]["id"]) == (
                "approved",
                item["id"],
            )
            projection = await receive_until(socket, "projection.changed")
            assert projection["payload"]["item_id"] == confession  # its replies changed


async def _session_until(
    socket: aiohttp.ClientWebSocketResponse, done: Any, timeout: float = 5.0
) -> dict[str, Any]:
    while True:
        session = await receive_until(socket, "session", timeout)
        payload: dict[str, Any] = session["payload"]
        if done(payload):
            return payload
