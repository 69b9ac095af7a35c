"""HTTP clients for the tests, which drop an idle connection before the host closes it
(``protocol/http.py``): a request sent about the host's keep-alive after the one before
could otherwise go out on a connection the host is closing ("Server disconnected", seen
on a loaded machine)."""

from __future__ import annotations

from typing import Any

import aiohttp

from facilitator.protocol.http import CLIENT_KEEPALIVE_SECONDS


def connector(**options: Any) -> aiohttp.TCPConnector:
    return aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_SECONDS, **options)


def http_client(**options: Any) -> aiohttp.ClientSession:
    """An ``aiohttp.ClientSession`` with :func:`connector` (``options`` are the session's)."""
    return aiohttp.ClientSession(connector=connector(), **options)
