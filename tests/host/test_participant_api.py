"""The participant API over real sockets: join, submit, agree, and every refusal."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from facilitator.protocol.commands import Approve, EndSession, Project
from tests.host.harness import envelope, receive_json, receive_until, running_server


def submission(client_id: str, text: str, **extra: object) -> dict[str, object]:
    return envelope("confession.submit", {"client_id": client_id, "text": text, **extra})


async def test_join_submit_and_duplicate(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        status, body = await run.send(token, submission("client-0001", "I deployed on a Friday."))
        assert status == 200
        assert body == {
            "type": "confession.received",
            "version": 1,
            "payload": {"client_id": "client-0001", "duplicate": False},
        }
        status, body = await run.send(token, submission("client-0001", "I deployed on a Friday."))
        assert (status, body["payload"]["duplicate"]) == (200, True)
        assert [c.text for c in run.service.items()] == ["I deployed on a Friday."]


async def test_tokens_are_issued_by_the_server_and_distinct(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        tokens = {await run.join() for _ in range(5)}
        assert len(tokens) == 5
        assert all(len(token) >= 32 for token in tokens)


async def test_unknown_or_missing_token_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        for token in (None, "made-up-token-0000000000000000"):
            status, body = await run.send(token, submission("client-0002", "hello"))
            assert status == 401
            assert body["payload"]["code"] == "unknown_participant"
        assert run.service.items() == []


async def test_hostile_and_malformed_input_gets_clear_errors_and_server_carries_on(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        cases: list[tuple[object, int, str]] = [
            ("not json at all", 400, "bad_json"),
            ([1, 2, 3], 400, "bad_envelope"),
            ({"type": "confession.submit", "payload": {}}, 400, "unsupported_version"),
            ({**submission("client-0003", "x"), "version": 2}, 400, "unsupported_version"),
            (envelope("confession.explode", {}), 400, "unknown_type"),
            (submission("client-0003", "x", extra_field=1), 400, "invalid_payload"),
            (envelope("confession.submit", {"client_id": "client-0003"}), 400, "invalid_payload"),
            (envelope("confession.submit", {"client_id": 5, "text": "x"}), 400, "invalid_payload"),
            (submission("bad id!", "x"), 400, "client_id_invalid"),
            (submission("client-0003", "x" * 1001), 400, "text_too_long"),
            (submission("client-0003", "\u200b\u3164"), 400, "text_invisible"),
            (submission("client-0003", "evil\u202etxt.exe"), 400, "text_forbidden_characters"),
            (submission("client-0003", "bell\x07"), 400, "text_forbidden_characters"),
            (submission("client-0003", "   "), 400, "text_empty"),
            (submission("client-0003", "ok", learned="y" * 501), 400, "learned_too_long"),
        ]
        for body, expected_status, expected_code in cases:
            data = body if isinstance(body, str) else None
            kwargs: dict[str, object] = {"data": data} if data else {"json": body}
            async with run.http.post(
                f"{run.base}/api/messages",
                headers={"Authorization": f"Bearer {token}"},
                **kwargs,  # type: ignore[arg-type]
            ) as reply:
                answer = await reply.json()
                assert (reply.status, answer["payload"]["code"]) == (
                    expected_status,
                    expected_code,
                ), body
                assert answer["type"] == "error"
                assert answer["payload"]["message"]
        assert run.service.items() == []
        status, _ = await run.send(token, submission("client-0003", "Still works."))
        assert status == 200


async def test_oversized_body_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        async with run.http.post(
            f"{run.base}/api/messages",
            data=b'{"type":"confession.submit","version":1,"payload":{"text":"' + b"a" * 40_000,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        ) as reply:
            assert reply.status == 413
            assert (await reply.json())["payload"]["code"] == "too_large"


async def test_a_phone_of_the_next_session_starts_with_its_own_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_server(tmp_path) as run:
        # Time stands still for the limiter: a slow machine refills nothing meanwhile.
        monkeypatch.setattr(run.server.participants._messages, "_clock", lambda: 1000.0)
        busy = await run.join()
        agree = envelope("agreement.set", {"confession_id": 999, "agreed": True})
        statuses = [(await run.send(busy, agree))[0] for _ in range(31)]
        assert statuses[-1] == 429
        run.service.execute(EndSession())
        run.service.start_next()
        fresh = await run.join()  # the next session gives the same participant id out again
        status, body = await run.send(fresh, agree)
        assert (status, body["payload"]["code"]) == (409, "not_shown")


async def test_one_agreement_per_participant_and_take_back(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author, voter = await run.join(), await run.join()
        await run.submit(author, "client-0004", "I forgot the backup.")
        confession = run.service.items()[0]
        agree = envelope("agreement.set", {"confession_id": confession.id, "agreed": True})
        status, body = await run.send(voter, agree)
        assert (status, body["payload"]["code"]) == (409, "not_shown")
        run.service.execute(Approve(confession.id))
        run.service.execute(Project(confession.id))
        for _ in range(3):
            status, body = await run.send(voter, agree)
            assert status == 200
            assert body["payload"] == {"confession_id": confession.id, "agreed": True, "count": 1}
        status, body = await run.send(author, agree)
        assert body["payload"]["count"] == 2
        withdraw = envelope("agreement.set", {"confession_id": confession.id, "agreed": False})
        status, body = await run.send(voter, withdraw)
        assert body["payload"] == {"confession_id": confession.id, "agreed": False, "count": 1}


async def test_store_failure_answers_503_and_recovers(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        token = await run.join()
        run.store._db.execute("PRAGMA query_only = ON")
        status, body = await run.send(token, submission("client-0005", "Lost?"))
        assert (status, body["payload"]["code"]) == (503, "not_saved")
        assert not run.service.store_healthy
        run.store._db.execute("PRAGMA query_only = OFF")
        status, body = await run.send(token, submission("client-0005", "Lost?"))
        assert (status, body["payload"]["duplicate"]) == (200, False)
        assert run.service.store_healthy


async def test_session_and_pages_are_served_with_safe_headers(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        async with run.http.get(f"{run.base}/api/session") as reply:
            body = await reply.json()
        assert body["type"] == "session"
        assert body["payload"]["projection"] is None
        assert body["payload"]["agree_label"] == "Been there"
        assert "moderator_secret" not in str(body)
        assert run.service.session.moderator_secret not in str(body)
        async with run.http.get(f"{run.base}/") as reply:
            assert reply.status == 200
            assert "text/html" in reply.headers["Content-Type"]
            assert reply.headers["Referrer-Policy"] == "no-referrer"
            assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
        async with run.http.get(f"{run.base}/static/i18n/en.json") as reply:
            assert reply.status == 200
        async with run.http.get(f"{run.base}/static/../pyproject.toml") as reply:
            assert reply.status in (403, 404)


async def test_websocket_hello_state_projection_and_counts(tmp_path: Path) -> None:
    from tests.host.harness import receive_until

    async with running_server(tmp_path) as run:
        author, phone = await run.join(), await run.join()
        await run.submit(author, "client-0006", "I ignored the alert.")
        confession = run.service.items()[0]
        async with run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as socket:
            await socket.send_json(envelope("hello", {"token": phone}))
            state = await receive_until(socket, "state")
            assert state["payload"]["projection"] is None
            assert state["payload"]["agreed"] is False
            run.service.execute(Approve(confession.id))
            run.service.execute(Project(confession.id))
            session = await receive_until(socket, "session")
            assert session["payload"]["projection"]["text"] == "I ignored the alert."
            await socket.send_json(
                envelope(
                    "agreement.set", {"confession_id": confession.id, "agreed": True}, ref="r1"
                )
            )
            reply = await receive_until(socket, "agreement.recorded")
            assert reply["ref"] == "r1"
            await run.send(
                author, envelope("agreement.set", {"confession_id": confession.id, "agreed": True})
            )
            count = await receive_until(socket, "count")
            while count["payload"]["count"] < 2:
                count = await receive_until(socket, "count")
            assert count["payload"] == {"confession_id": confession.id, "count": 2}
        async with run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as socket:
            await socket.send_json(envelope("hello", {"token": phone}))
            state = await receive_until(socket, "state")
            assert state["payload"]["agreed"] is True
            assert state["payload"]["projection"]["count"] == 2


async def test_websocket_refuses_unknown_token_and_bad_frames(tmp_path: Path) -> None:
    from tests.host.harness import receive_json, receive_until

    async with running_server(tmp_path) as run:
        ws_url = f"{run.base.replace('http', 'ws')}/ws"
        async with run.http.ws_connect(ws_url) as socket:
            await socket.send_json(envelope("hello", {"token": "nobody-0000000000000000000000"}))
            error = await receive_json(socket)
            assert error["payload"]["code"] == "unknown_participant"
            closing = await socket.receive(timeout=5)
            assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert socket.close_code == 4001
        token = await run.join()
        async with run.http.ws_connect(ws_url) as socket:
            await socket.send_json(envelope("hello", {"token": token}))
            await receive_until(socket, "state")
            await socket.send_str("{nonsense")
            error = await receive_until(socket, "error")
            assert error["payload"]["code"] == "bad_json"
            await socket.send_json(
                submission(
                    "client-0007",
                    "Via the socket",
                ),
            )
            received = await receive_until(socket, "confession.received")
            assert received["payload"]["client_id"] == "client-0007"


async def test_shutdown_closes_phone_sockets_with_going_away(tmp_path: Path) -> None:
    from tests.host.harness import receive_until

    async with running_server(tmp_path) as run:
        token = await run.join()
        socket = await run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws")
        await socket.send_json(envelope("hello", {"token": token}))
        await receive_until(socket, "state")
        await run.server.stop()
        message = await socket.receive(timeout=5)
        assert message.type is aiohttp.WSMsgType.CLOSE
        assert message.data == 1001
        await socket.close()


async def test_a_phone_withdraws_its_confession_until_it_is_shown(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        author = await run.join()
        await run.submit(author, "client-0001", "I read a colleague's messages.")
        await run.submit(author, "client-0002", "I deployed on a Friday.")
        withdrawn, shown = (item.id for item in run.service.items())
        run.service.execute(Approve(shown))
        run.service.execute(Project(shown))
        async with run.http.ws_connect(f"{run.moderator_base}/ws") as moderator:
            snapshot = await receive_json(moderator)
            assert {item["id"] for item in snapshot["payload"]["items"]} == {withdrawn, shown}

            withdraw = envelope("confession.withdraw", {"client_id": "client-0001"})
            status, body = await run.send(author, withdraw)
            assert (status, body["type"]) == (200, "confession.withdrawn")
            changed = await receive_until(moderator, "session.changed")
            assert changed["payload"]["session"]["withdrawn_count"] == 1
            removed = await receive_until(moderator, "item.removed")
            assert removed["payload"]["item_id"] == withdrawn

        assert [item.id for item in run.service.items()] == [shown]
        status, body = await run.send(author, withdraw)  # again: nothing left to take back
        assert (status, body["type"]) == (200, "confession.withdrawn")
        too_late = envelope("confession.withdraw", {"client_id": "client-0002"})
        status, body = await run.send(author, too_late)
        assert (status, body["payload"]["code"]) == (409, "already_shown")
        assert run.service.session.withdrawn_count == 1
