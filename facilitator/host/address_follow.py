"""When the laptop's addresses change mid-session, everything that names them follows.

The names the host answers to are read again at once (the old address is no longer
one of them, the new one is); the join link takes the new address
(:meth:`JoinLinks.follow`), and with it the QR codes of every view (``join.changed``)
and the mDNS advertisement (the host re-advertises each new link); moderators are told
that the address changed and from which one (``host.address_changes``,
``host.address_changed_from``: the laptop's own addresses, never a phone's).

Phones already in keep the page they loaded from the old address: they reconnect by
themselves only if the laptop has that address again. The console and the moderator
page say so.
"""

from __future__ import annotations

import logging

import msgspec

from facilitator.host.feed import ModeratorFeed
from facilitator.host.guards import AllowedHosts
from facilitator.host.laptop_addresses import Interface, LaptopAddresses
from facilitator.host.links import JoinLinks

log = logging.getLogger(__name__)


class AddressFollower:
    def __init__(
        self,
        laptop: LaptopAddresses,
        links: JoinLinks,
        allowed_hosts: AllowedHosts,
        feed: ModeratorFeed,
    ) -> None:
        self._links = links
        self._allowed_hosts = allowed_hosts
        self._feed = feed
        laptop.subscribe(self._on_interfaces)

    def _on_interfaces(self, interfaces: tuple[Interface, ...]) -> None:
        self._allowed_hosts.refresh()
        before = self._links.link.host_ip
        link = self._links.follow(interfaces)  # join.changed and re-advertising follow it
        if link is None or link.host_ip == before:
            return
        log.info("The join link follows the laptop to another address")
        status = self._feed.host_status
        self._feed.set_host_status(
            msgspec.structs.replace(
                status,
                address_changes=status.address_changes + 1,
                address_changed_from=before,
            )
        )
