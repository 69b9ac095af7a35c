"""The HTTP + WebSocket server: the phones' API, the moderators' API, the static pages."""

from __future__ import annotations

import asyncio
import errno
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import hdrs, web

from facilitator.core.session import SessionService
from facilitator.host import openapi
from facilitator.host.batch_release import BatchRelease
from facilitator.host.connections import ConnectionBudget, ConnectionGuard
from facilitator.host.guards import AllowedHosts, changes_state, same_origin
from facilitator.host.laptop_addresses import LaptopAddresses
from facilitator.host.live import LiveUpdates
from facilitator.host.logo_api import LogoApi
from facilitator.host.moderator_api import ModeratorApi
from facilitator.host.participant_api import ParticipantApi
from facilitator.host.projector_api import PROJECTOR_ROOT, ProjectorApi, projector_prefix
from facilitator.host.record_download import LessonsForPhones, RecordDownload
from facilitator.host.refusals import Refusal
from facilitator.host.replies import refusal_reply
from facilitator.host.shared_addresses import SharedAddresses
from facilitator.host.static_files import StaticFiles
from facilitator.protocol.envelope import MAX_MESSAGE_BYTES
from facilitator.protocol.http import KEEPALIVE_SECONDS

log = logging.getLogger(__name__)
access_log = logging.getLogger("facilitator.access")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LISTEN_BACKLOG = 4096
SHUTDOWN_TIMEOUT_SECONDS = 3.0
MODERATOR_ROOT = "/moderator"
SECRET_ROOTS = (MODERATOR_ROOT, PROJECTOR_ROOT)  # paths that start with a secret
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


HOST_NOT_ALLOWED = Refusal(
    "host_not_allowed",
    "This address does not belong to the laptop running the session.",
    403,
)
ORIGIN_NOT_ALLOWED = Refusal(
    "origin_not_allowed", "Requests from other sites' pages are not accepted.", 403
)
NOT_JSON = Refusal("not_json", "Commands are sent as application/json.", 415)


class PortInUse(OSError):
    pass


def _refused(request: web.Request, refusal: Refusal) -> web.StreamResponse:
    """A JSON ``error`` for the APIs, the message as plain text for pages."""
    if "/api/" in request.path or request.path.endswith("/ws"):
        return refusal_reply(refusal)
    return web.Response(status=refusal.status, text=refusal.message)


def moderator_prefix(secret: str) -> str:
    return f"{MODERATOR_ROOT}/{secret}"


def _route_for_log(path: str) -> str:
    """The request path with the moderators' or the projector's secret removed: safe to
    log."""
    for root in SECRET_ROOTS:
        if path.startswith(root + "/"):
            rest = path[len(root) + 1 :].partition("/")[2]
            return f"{root}/<secret>/{rest}"
    return path[:200]


class _GuardedSite(web.TCPSite):
    """A TCP site whose connections pass the :class:`ConnectionGuard` first.

    ``TCPSite.start`` with the guard as the protocol factory (aiohttp has no hook for it).
    """

    def __init__(
        self, runner: web.AppRunner, guard: ConnectionGuard, host: str, port: int, **kwargs: Any
    ) -> None:
        super().__init__(runner, host, port, **kwargs)
        self._guard = guard

    async def start(self) -> None:
        await web.BaseSite.start(self)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self._guard,
            self._host,
            self._port,
            backlog=self._backlog,
            reuse_address=self._reuse_address,
            reuse_port=self._reuse_port,
        )


class ConfessionalServer:
    """``laptop`` tells the laptop's own addresses from the phones';
    ``on_phone_page`` hears each time another device loads the phone page."""

    def __init__(
        self,
        service: SessionService,
        live: LiveUpdates,
        moderators: ModeratorApi,
        web_root: Path,
        *,
        host: str = "0.0.0.0",
        port: int = 0,
        rehearsal_secret: str,
        shared_addresses: SharedAddresses,
        allowed_hosts: AllowedHosts | None = None,
        connection_budget: ConnectionBudget | None = None,
        laptop: LaptopAddresses | None = None,
        on_phone_page: Callable[[], None] | None = None,
    ) -> None:
        self._service = service
        self._live = live
        self._moderators = moderators
        self._static = StaticFiles(web_root)
        self._host = host
        self._port = port
        self._allowed_hosts = allowed_hosts or AllowedHosts()
        self._laptop = laptop or LaptopAddresses()
        self._on_phone_page = on_phone_page
        self._budget = connection_budget or ConnectionBudget.from_open_file_limit()
        self.connections: ConnectionGuard | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        secret = service.session.moderator_secret
        self._moderator_prefix = moderator_prefix(secret)
        self.projector = ProjectorApi(
            moderators.feed.projector,
            projector_prefix(service.session.projector_secret),
            self._static,
        )
        self._secret_prefixes = {
            MODERATOR_ROOT: self._moderator_prefix,
            PROJECTOR_ROOT: self.projector.prefix,
        }
        self.participants = ParticipantApi(
            service, live, rehearsal_secret, shared_addresses, self._laptop.is_laptop
        )
        self._pace_task: asyncio.Task[None] | None = None
        self._batch_task: asyncio.Task[None] | None = None
        self.app = self._build_app()

    def _build_app(self) -> web.Application:
        app = web.Application(
            client_max_size=MAX_MESSAGE_BYTES,
            middlewares=[
                self._access_middleware,
                self._headers_middleware,
                self._guard,
                self._secret_gate,
            ],
        )
        app.add_routes(self.participants.routes())
        app.add_routes(self._moderators.routes())
        app.add_routes(self.projector.routes())
        app.add_routes(RecordDownload(self._service, self._moderator_prefix).routes())
        app.add_routes(LessonsForPhones(self._service).routes())
        app.add_routes(LogoApi(self._service, self._moderator_prefix).routes())
        app.add_routes(
            [
                web.get("/", self._participant_page),
                web.get(openapi.OPENAPI_PATH, openapi.serve),
                web.get(f"{self._moderator_prefix}/", self._moderator_page),
                web.get(self._moderator_prefix, self._moderator_redirect),
                *self._static.routes(),
            ]
        )
        app.on_shutdown.append(self._close_sockets)
        return app

    async def start(self, *, fall_back_to_any_port: bool = False) -> int:
        """Listen; return the port. Raise :class:`PortInUse` if it is taken (and no fallback)."""
        runner = web.AppRunner(
            self.app,
            access_log=None,
            handle_signals=False,
            shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS,
            keepalive_timeout=KEEPALIVE_SECONDS,
        )
        await runner.setup()
        try:
            port = await self._listen(runner, self._port)
        except PortInUse:
            if not fall_back_to_any_port:
                await runner.cleanup()
                raise
            log.warning("Port %d is taken; listening on another one", self._port)
            port = await self._listen(runner, 0)
        self._runner = runner
        self.port = port
        log.info("Listening on port %d", port)
        return port

    async def _listen(self, runner: web.AppRunner, port: int) -> int:
        assert runner.server is not None
        self.connections = ConnectionGuard(runner.server, self._budget)
        site = _GuardedSite(
            runner,
            self.connections,
            self._host,
            port,
            backlog=LISTEN_BACKLOG,
            reuse_address=True,
        )
        try:
            await site.start()
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(error.errno, f"port {port} is already in use") from error
            raise
        self.connections.start()
        self._pace_task = asyncio.create_task(self.participants.confession_pace.run())
        self._batch_task = asyncio.create_task(BatchRelease(self._service).run())
        bound = runner.addresses[-1]
        return int(bound[1])

    async def stop(self) -> None:
        if self.connections is not None:
            self.connections.stop()
        for task in (self._pace_task, self._batch_task):
            if task is not None:
                task.cancel()
        self._pace_task = self._batch_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            log.info("Server stopped")

    async def _close_sockets(self, app: web.Application) -> None:
        started = time.perf_counter()
        phones = len(self._live.phones)
        await self._live.phones.close_all()
        await self._moderators.close_all()
        await self.projector.close_all()
        log.info("Closed %d phones' sockets in %.2f s", phones, time.perf_counter() - started)

    async def _participant_page(self, request: web.Request) -> web.StreamResponse:
        if self._on_phone_page is not None and not self._laptop.is_laptop(request.remote):
            self._on_phone_page()  # the way in works: a phone reached the laptop
        return self._static.response(request, "index.html", cache_control="no-cache")

    async def _moderator_page(self, request: web.Request) -> web.StreamResponse:
        return self._static.response(request, "moderator.html", cache_control="no-store")

    async def _moderator_redirect(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"{self._moderator_prefix}/")

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Only the laptop's own names (DNS rebinding), only same-origin browsers for what
        changes anything, and moderator commands only as JSON (no cross-site forms)."""
        if self.connections is not None:
            self.connections.served(request.transport)
        if not self._allowed_hosts.allows(request.headers.get(hdrs.HOST)):
            return _refused(request, HOST_NOT_ALLOWED)
        if changes_state(request) and not same_origin(request):
            return _refused(request, ORIGIN_NOT_ALLOWED)
        if (
            request.method == "POST"
            and request.path == f"{self._moderator_prefix}/api/commands"
            and request.content_type != "application/json"
        ):
            return _refused(request, NOT_JSON)
        return await handler(request)

    @web.middleware
    async def _secret_gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Anything under /moderator/ or /projector/ without the exact secret: 403 and
        nothing else (a forgotten secret lets nothing in)."""
        path = request.path
        for root, prefix in self._secret_prefixes.items():
            if path == root or path.startswith(root + "/"):
                given = path[len(root) + 1 :].partition("/")[0]
                expected = prefix[len(root) + 1 :]
                if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
                    return web.Response(status=403)
        return await handler(request)

    @web.middleware
    async def _headers_middleware(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = refusal_reply(Refusal("too_large", "The message is too large.", 413))
        except web.HTTPException as exception:
            if exception.status < 400 or not request.path.startswith("/api/"):
                exception.headers.update(_SECURITY_HEADERS)  # 404s and redirects too
                raise
            response = refusal_reply(Refusal("not_found", exception.reason, exception.status))
        if not response.prepared:
            response.headers.update(_SECURITY_HEADERS)
            if request.path.startswith("/static/"):
                response.headers.setdefault("Cache-Control", "no-cache")
        return response

    @web.middleware
    async def _access_middleware(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        """Our access log: method, path without secrets, status. No address, no user agent."""
        started = time.perf_counter()
        status = 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as exception:
            status = exception.status
            raise
        finally:
            if access_log.isEnabledFor(logging.DEBUG):
                access_log.debug(
                    "%s %s %d %.0f ms",
                    request.method,
                    _route_for_log(request.path),
                    status,
                    (time.perf_counter() - started) * 1000,
                )
