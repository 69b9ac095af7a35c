"""The join link, owned by the host: the address in it, its URLs, who follows it.

The facilitator may put another of the laptop's addresses in the link
(``use_address``); the QR code, every view and the mDNS advertisement follow. When
the laptop's own addresses change (another network, a hotspot), the link follows them
(:meth:`JoinLinks.follow`): it keeps the facilitator's choice while the laptop still
has it, and otherwise takes the best address the laptop has now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from facilitator.core.errors import CommandRefused
from facilitator.join.addresses import choose_advertised, join_link, rank_candidates
from facilitator.protocol.moderator import Address, JoinLink

log = logging.getLogger(__name__)

LinkListener = Callable[[JoinLink], None]
WILDCARD_HOSTS = ("", "0.0.0.0", "::")


class JoinLinks:
    """``follows``: the server listens on every interface, so the link may move to any
    of the laptop's addresses (bound to one address, it stays there)."""

    def __init__(self, link: JoinLink, moderator_secret: str, *, follows: bool = False) -> None:
        self._link = link
        self._secret = moderator_secret
        self._follows = follows
        self._chosen = False  # the facilitator picked the address (use_address)
        self._listeners: list[LinkListener] = []

    @classmethod
    def for_server(
        cls,
        bind_host: str,
        port: int,
        moderator_secret: str,
        interfaces: list[tuple[str, str]] | None = None,
    ) -> JoinLinks:
        """The best address for a server bound to ``bind_host`` (see ``choose_advertised``)."""
        advertised, candidates = choose_advertised(bind_host, interfaces)
        link = join_link(advertised, port, moderator_secret, candidates)
        return cls(link, moderator_secret, follows=bind_host in WILDCARD_HOSTS)

    @property
    def link(self) -> JoinLink:
        return self._link

    def bound_to(self, port: int) -> None:
        """The server listens on ``port`` (the plan may have been "any free port")."""
        link = self._link
        if port != link.port:
            self._link = join_link(link.host_ip, port, self._secret, link.candidates)
            for listener in list(self._listeners):
                listener(self._link)  # the big screen's state was made with the plan

    def subscribe(self, listener: LinkListener) -> None:
        self._listeners.append(listener)

    def use(self, ip: str) -> JoinLink:
        """Put ``ip`` in the link; it must be one of the candidates."""
        link = self._link
        if ip not in {candidate.ip for candidate in link.candidates}:
            raise CommandRefused("unknown_address", "That is not one of this laptop's addresses.")
        self._chosen = True
        if ip == link.host_ip:
            return link
        log.info("The join link now uses another of the laptop's addresses")
        return self._change(ip, link.candidates)

    def follow(self, interfaces: Iterable[tuple[str, str]]) -> JoinLink | None:
        """The laptop's addresses are now ``interfaces``: the candidates follow, and the
        link's address too when it is gone or (not chosen by the facilitator) a better
        one ranks first. With no usable address at all the link stays as it is: there is
        nothing better to offer, and phones reconnect by themselves if it comes back.
        Returns the new link, or ``None`` when nothing changed."""
        if not self._follows:
            return None
        candidates = tuple(rank_candidates(list(interfaces)))
        link = self._link
        ips = [candidate.ip for candidate in candidates]
        ip = link.host_ip
        if ips and (ip not in ips or not self._chosen):
            if ip not in ips:
                self._chosen = False  # the chosen address is gone: the best one now
            ip = ips[0]
        if (ip, candidates) == (link.host_ip, link.candidates):
            return None
        return self._change(ip, candidates)

    def _change(self, ip: str, candidates: tuple[Address, ...]) -> JoinLink:
        self._link = join_link(ip, self._link.port, self._secret, candidates)
        for listener in list(self._listeners):
            listener(self._link)
        return self._link
