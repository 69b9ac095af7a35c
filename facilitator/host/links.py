"""The join link, owned by the host: the address in it, its URLs, who follows it.

The facilitator may put another of the laptop's addresses in the link
(``use_address``); the QR code, every view and the mDNS advertisement follow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from facilitator.core.errors import CommandRefused
from facilitator.join.addresses import choose_advertised, join_link
from facilitator.protocol.moderator import JoinLink

log = logging.getLogger(__name__)

LinkListener = Callable[[JoinLink], None]


class JoinLinks:
    def __init__(self, link: JoinLink, moderator_secret: str) -> None:
        self._link = link
        self._secret = moderator_secret
        self._listeners: list[LinkListener] = []

    @classmethod
    def for_server(cls, bind_host: str, port: int, moderator_secret: str) -> JoinLinks:
        """The best address for a server bound to ``bind_host`` (see ``choose_advertised``)."""
        advertised, candidates = choose_advertised(bind_host)
        return cls(join_link(advertised, port, moderator_secret, candidates), moderator_secret)

    @property
    def link(self) -> JoinLink:
        return self._link

    def bound_to(self, port: int) -> None:
        """The server listens on ``port`` (the plan may have been "any free port")."""
        link = self._link
        if port != link.port:
            self._link = join_link(link.host_ip, port, self._secret, link.candidates)

    def subscribe(self, listener: LinkListener) -> None:
        self._listeners.append(listener)

    def use(self, ip: str) -> JoinLink:
        """Put ``ip`` in the link; it must be one of the candidates."""
        link = self._link
        if ip not in {candidate.ip for candidate in link.candidates}:
            raise CommandRefused("unknown_address", "That is not one of this laptop's addresses.")
        if ip == link.host_ip:
            return link
        self._link = join_link(ip, link.port, self._secret, link.candidates)
        log.info("The join link now uses another of the laptop's addresses")
        for listener in list(self._listeners):
            listener(self._link)
        return self._link
