"""SIGINT and SIGTERM as a graceful stop, delivered on the Qt event loop.

Python runs signal handlers only when it gets to run bytecode, which may be never
while Qt waits in C++. The wakeup fd makes the kernel's signal readable on a
socket; a ``QSocketNotifier`` on it wakes the loop, and Python runs the handler.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    def __init__(self, on_stop: Callable[[], None]) -> None:
        self._on_stop = on_stop
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, self._handle) for sig in _SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def _handle(self, signum: int, frame: object) -> None:
        self._on_stop()

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(64)

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
