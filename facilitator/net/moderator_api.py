"""The moderator page's API: the same moderation commands as the console, behind a secret.

The secret is checked by the server's middleware before any of these handlers run.
"""

from __future__ import annotations

from aiohttp import web

from facilitator.core.errors import DomainError, StoreUnavailable
from facilitator.core.moderation import command_from_name
from facilitator.core.session import SessionService
from facilitator.net import envelope
from facilitator.net.envelope import ProtocolError
from facilitator.net.live import LiveUpdates
from facilitator.net.participant_api import (
    HEARTBEAT_SECONDS,
    error_reply,
    json_reply,
    status_for,
)


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
        except ProtocolError as error:
            return error_reply(error.code, error.message, error.status)
        except ValueError as error:
            return error_reply("invalid_payload", str(error), 400)
        try:
            self._service.execute(command)
        except DomainError as error:
            return error_reply(error.code, error.message, status_for(error))
        except StoreUnavailable:
            return error_reply("not_saved", "The laptop cannot save right now.", 503)
        except OSError as error:
            text = f"Could not write the transcript ({error.strerror}); the session is still open."
            return error_reply("transcript_not_written", text, 500)
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
