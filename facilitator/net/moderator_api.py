"""The moderator page's API: the same moderation commands as the console, behind a secret.

The secret is checked by the server's middleware before any of these handlers run.
"""

from __future__ import annotations

from aiohttp import web

from facilitator.core.moderation import command_from_name
from facilitator.core.session import SessionService
from facilitator.net import envelope
from facilitator.net.live import LiveUpdates
from facilitator.net.participant_api import HEARTBEAT_SECONDS, json_reply, refusal_reply
from facilitator.net.refusals import REFUSED, Refusal, refusal_for


class ModeratorApi:
    def __init__(self, service: SessionService, live: LiveUpdates, prefix: str) -> None:
        self._service = service
        self._live = live
        self.prefix = prefix

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(f"{self.prefix}/api/state", self.get_state),
            web.post(f"{self.prefix}/api/commands", self.post_command),
            web.get(f"{self.prefix}/ws", self.websocket),
        ]

    async def get_state(self, request: web.Request) -> web.Response:
        return json_reply(self._live.moderator_state())

    async def post_command(self, request: web.Request) -> web.Response:
        try:
            message = envelope.parse(await request.read(), frozenset({"moderate"}))
            command = command_from_name(
                message.payload["command"], message.payload.get("confession_id")
            )
            self._service.execute(command)
        except ValueError as error:
            return refusal_reply(Refusal("invalid_payload", str(error), 400))
        except REFUSED as error:
            return refusal_reply(refusal_for(error))
        return json_reply(self._live.moderator_state())

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(
            heartbeat=HEARTBEAT_SECONDS, compress=False, max_msg_size=envelope.MAX_MESSAGE_BYTES
        )
        await socket.prepare(request)
        client = self._live.moderators.add(socket)
        client.offer("state", self._live.moderator_state())
        try:
            async for _ in socket:
                pass  # commands go over HTTP; the socket only carries state
        finally:
            await self._live.moderators.remove(client)
        return socket
