"""What the host's HTTP server promises its clients, beside the messages themselves.

The host closes a keep-alive connection after ``KEEPALIVE_SECONDS`` without a request:
a phone needs its WebSocket, not an idle HTTP connection beside it (agreements go over
the socket; join and confessions are a few requests). A client that keeps connections
for reuse drops them sooner, after ``CLIENT_KEEPALIVE_SECONDS``; otherwise a request
sent just as the host closes the idle connection it went out on fails with "Server
disconnected", though nothing was wrong but the moment.
"""

from __future__ import annotations

KEEPALIVE_SECONDS = 2.0
CLIENT_KEEPALIVE_SECONDS = KEEPALIVE_SECONDS / 2
