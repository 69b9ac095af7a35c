"""The projector page's API over a real socket: behind its own secret, read-only, the
big screen's state and the count on screen pushed as they change; a content note keeps
the count off the projector page and the phones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.core.model import ItemState
from facilitator.protocol.commands import Approve, Project, SetContentNote, ShowSlide
from tests.host.harness import Running, receive_json, running_server


def projector_base(run: Running) -> str:
    return f"{run.base}/projector/{run.service.session.projector_secret}"


async def receive_type(socket: Any, kind: str) -> dict[str, Any]:
    while True:
        document: dict[str, Any] = await receive_json(socket)
        if document["type"] == kind:
            return document


async def shown_confession(run: Running, text: str) -> int:
    token = await run.join()
    await run.submit(token, "client-9001", text)
    [item] = [i for i in run.service.items() if i.state is ItemState.INCOMING]
    run.service.execute(Approve(item.id))
    run.service.execute(Project(item.id))
    return item.id


async def test_the_page_state_and_code_are_behind_the_projector_secret(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        base = projector_base(run)
        for path in ("/", "/api/state", "/join-qr.svg"):
            async with run.http.get(f"{base}{path}") as reply:
                assert reply.status == 200, path
            wrong = f"{run.base}/projector/not-the-secret{path}"
            async with run.http.get(wrong) as reply:
                assert reply.status == 403, path
        async with run.http.get(f"{base}/api/state") as reply:
            state = (await reply.json())["payload"]
        assert state["slide"] == "join"
        assert state["join_url"] == f"{run.base}/"
        assert "moderator_secret" not in str(state)
        assert run.service.session.moderator_secret not in str(state)
        async with run.http.get(f"{base}/join-qr.svg") as reply:
            assert reply.content_type == "image/svg+xml"
            assert (await reply.text()).lstrip().startswith("<svg")
        # The moderators' secret does not open the projector's paths, nor the reverse.
        moderator_secret = run.service.session.moderator_secret
        async with run.http.get(f"{run.base}/projector/{moderator_secret}/api/state") as reply:
            assert reply.status == 403


async def test_the_socket_pushes_slides_confessions_and_counts(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        socket_url = f"{projector_base(run).replace('http', 'ws')}/ws"
        async with run.http.ws_connect(socket_url) as socket:
            first = await receive_type(socket, "projector")
            assert first["payload"]["slide"] == "join"
            run.service.execute(ShowSlide("break"))
            assert (await receive_type(socket, "projector"))["payload"]["slide"] == "break"
            confession = await shown_confession(run, "I <b>deployed</b> & left.")
            state = (await receive_type(socket, "projector"))["payload"]
            assert state["slide"] == "confession"
            assert state["projection"]["text"] == "I <b>deployed</b> & left."
            assert state["shown_at"] is not None
            voter = run.service.participant(await run.join())
            run.service.set_agreement(voter, confession, True)
            count = await receive_type(socket, "count")
            assert count["payload"] == {"confession_id": confession, "count": 1}


async def test_a_content_note_hides_the_count_from_the_screen_and_the_phones(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        confession = await shown_confession(run, "Something heavy.")
        token = await run.join()
        run.service.execute(SetContentNote(confession, noted=True))
        status, recorded = await run.send(
            token,
            {
                "type": "agreement.set",
                "version": 1,
                "payload": {"confession_id": confession, "agreed": True},
            },
        )
        assert (status, recorded["payload"]["count"]) == (200, 0)
        assert run.service.item(confession).agreement_count == 1  # counted all the same
        async with run.http.get(f"{run.base}/api/session") as reply:
            projection = (await reply.json())["payload"]["projection"]
        assert (projection["count"], projection["content_note"]) == (0, True)
        async with run.http.get(f"{projector_base(run)}/api/state") as reply:
            state = (await reply.json())["payload"]
        assert (state["projection"]["count"], state["projection"]["content_note"]) == (0, True)


async def test_the_closing_slide_says_what_the_session_gathered(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        confession = await shown_confession(run, "Shared.")
        run.service.set_agreement(run.service.participant(await run.join()), confession, True)
        run.service.execute(ShowSlide("closing"))
        socket_url = f"{projector_base(run).replace('http', 'ws')}/ws"
        async with run.http.ws_connect(socket_url) as socket:
            state = (await receive_type(socket, "projector"))["payload"]
        assert state["slide"] == "closing"
        assert state["closing"] == {
            "received": 1,
            "shown": 1,
            "set_aside": 0,
            "removed": 0,
            "most_shared": [{"text": "Shared.", "count": 1}],
        }


async def test_a_replys_helped_count_reaches_the_page_with_the_state(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        confession = await shown_confession(run, "I skipped the review.")
        token = await run.join()
        outcome = run.service.submit_reply(
            run.service.participant(token), "client-reply-9", confession, "Pair on it."
        )
        assert outcome.confession_id is not None
        run.service.execute(Approve(outcome.confession_id))
        socket_url = f"{projector_base(run).replace('http', 'ws')}/ws"
        async with run.http.ws_connect(socket_url) as socket:
            state = (await receive_type(socket, "projector"))["payload"]
            assert state["projection"]["replies"][0]["count"] == 0
            helper = run.service.participant(await run.join())
            run.service.set_agreement(helper, outcome.confession_id, True)
            state = (await receive_type(socket, "projector"))["payload"]
            assert state["projection"]["replies"][0]["count"] == 1
