"""Advertise the session on the local network with mDNS (``_http._tcp``).

Discovery is a convenience: phones join by the QR code's numeric IP. Whenever
multicast is unavailable (no interface, isolated Wi-Fi, a sandbox) it is simply
off, never fatal.
"""

from __future__ import annotations

import contextlib
import logging
import socket

from zeroconf import IPVersion, ServiceInfo
from zeroconf.asyncio import AsyncZeroconf

from facilitator.join.addresses import local_ipv4_interfaces

log = logging.getLogger(__name__)

SERVICE_TYPE = "_http._tcp.local."
SERVICE_NAME = "Confessional session"


class Discovery:
    def __init__(self) -> None:
        self._zeroconf: AsyncZeroconf | None = None
        self._info: ServiceInfo | None = None

    @property
    def active(self) -> bool:
        return self._zeroconf is not None

    async def start(self, ip: str, port: int) -> bool:
        """Advertise ``http://ip:port/``; return whether discovery is on."""
        if ip.startswith("127."):
            log.info("Discovery off: the session is only reachable from this laptop")
            return False
        if ip not in {address for _, address in local_ipv4_interfaces()}:
            # Checked first: zeroconf can leak its socket when it fails on such an address.
            log.warning("Discovery off: the advertised address is not on this laptop")
            return False
        info = ServiceInfo(
            SERVICE_TYPE,
            f"{SERVICE_NAME}.{SERVICE_TYPE}",
            port=port,
            properties={"path": "/"},
            server=f"confessional-{socket.gethostname().split('.')[0]}.local.",
            addresses=[socket.inet_aton(ip)],
        )
        try:
            zeroconf = AsyncZeroconf(interfaces=[ip], ip_version=IPVersion.V4Only)
        except (OSError, RuntimeError) as error:
            log.warning("Discovery off: multicast is not available (%s)", type(error).__name__)
            return False
        try:
            await zeroconf.async_register_service(info, allow_name_change=True)
        except Exception as error:
            log.warning("Discovery off: could not advertise (%s)", type(error).__name__)
            with contextlib.suppress(Exception):
                await zeroconf.async_close()
            return False
        self._zeroconf, self._info = zeroconf, info
        log.info("Advertised on the local network with mDNS")
        return True

    async def stop(self) -> None:
        zeroconf, info = self._zeroconf, self._info
        self._zeroconf = self._info = None
        if zeroconf is None:
            return
        with contextlib.suppress(Exception):
            if info is not None:
                await zeroconf.async_unregister_service(info)
        with contextlib.suppress(Exception):
            await zeroconf.async_close()
