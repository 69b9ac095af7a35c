"""The facilitator may fix the phone page's language; phones learn it at once."""

from __future__ import annotations

from pathlib import Path

from facilitator.protocol.commands import SetPhoneLanguage
from tests.host.harness import envelope, receive_until, running_server


async def test_a_fixed_language_reaches_every_phone_and_can_be_left_to_them_again(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        async with run.http.get(f"{run.base}/api/session") as reply:
            assert (await reply.json())["payload"]["language"] == ""
        phone = await run.join()
        async with run.http.ws_connect(f"{run.base.replace('http', 'ws')}/ws") as socket:
            await socket.send_json(envelope("hello", {"token": phone}))
            assert (await receive_until(socket, "state"))["payload"]["language"] == ""
            status, _ = await run.moderate(SetPhoneLanguage("cy"))
            assert status == 200
            assert (await receive_until(socket, "session"))["payload"]["language"] == "cy"
            await run.moderate(SetPhoneLanguage(""))
            assert (await receive_until(socket, "session"))["payload"]["language"] == ""
        assert run.service.session.language == ""


async def test_what_is_not_a_language_tag_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        for bad in ("../x", "DE", "e", "de_DE", "<b>"):
            status, body = await run.moderate_raw(
                {"command": "set_phone_language", "language": bad}
            )
            assert (status, body["payload"]["code"]) == (400, "invalid_payload"), bad
