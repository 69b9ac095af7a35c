"""The host's own core, stream and command handling, wired to a mirror without a socket.

Every message still goes through the protocol's encoding and decoding; only the
WebSocket is left out, so the windows can be tested with pytest-qt alone. The
real connection is tested end to end in ``tests/e2e``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from facilitator.core.session import SessionService
from facilitator.host.commands import HostCommands
from facilitator.host.feed import ModeratorFeed
from facilitator.host.links import JoinLinks
from facilitator.host.refusals import REFUSED, refusal_for
from facilitator.host.shared_addresses import SharedAddresses
from facilitator.protocol.commands import Command
from facilitator.protocol.envelope import Error, encode
from facilitator.protocol.moderator import Done, JoinLink, decode_to_moderator
from facilitator.ui.host_connection import OnDone, OnRefused
from facilitator.ui.mirror import SessionMirror


def qt_call_later(delay: float, callback: Callable[[], None]) -> None:
    QTimer.singleShot(round(delay * 1000), callback)


class LocalHost:
    """A :class:`~facilitator.ui.host_connection.CommandPort` and a fed mirror."""

    def __init__(self, service: SessionService, link: JoinLink) -> None:
        self.service = service
        self.links = JoinLinks(link, service.session.moderator_secret)
        self.feed = ModeratorFeed(service, self.links, qt_call_later)
        self.stop_requests = 0
        self.commands = HostCommands(
            service, self.links, self.feed, SharedAddresses(), on_stop=self._stop
        )
        self.mirror = SessionMirror()
        self.refusals: list[tuple[str, str]] = []
        self._deliver(encode(self.feed.snapshot()))
        self.feed.subscribe(self._deliver)
        self.mirror.gap.connect(lambda: self._deliver(encode(self.feed.snapshot())))

    def _stop(self) -> None:
        self.stop_requests += 1

    def _deliver(self, raw: bytes) -> None:
        message = decode_to_moderator(raw).message
        assert not isinstance(message, Error | Done), message
        self.mirror.apply(message)

    def send(
        self,
        command: Command,
        on_refused: OnRefused | None = None,
        on_done: OnDone | None = None,
    ) -> None:
        try:
            self.commands.execute(command)
        except REFUSED as refused:
            refusal = refusal_for(refused)
            (on_refused or (lambda code, text: self.refusals.append((code, text))))(
                refusal.code, refusal.message
            )
            return
        if on_done is not None:
            on_done()

    def close(self) -> None:
        self.feed.close()
