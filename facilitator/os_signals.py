"""SIGINT and SIGTERM as a graceful stop, delivered on the Qt event loop.

A Python signal handler runs between any two bytecodes of the main thread, even
in the middle of the event loop's own bookkeeping, so it must not touch the loop.
Ours does nothing; the C-level handler also writes the signal's number to a
socket (``signal.set_wakeup_fd``), and a ``QSocketNotifier`` on that socket calls
``on_stop`` from Qt's event dispatch, where calling into asyncio is safe. The
notifier also wakes Qt when it is waiting in C++, where Python would not run.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _ignore_here(signum: int, frame: object) -> None:
    """Replaces the default action (die at once); the notifier does the work."""


class StopSignals:
    def __init__(self, on_stop: Callable[[], None]) -> None:
        self._on_stop = on_stop
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, _ignore_here) for sig in _SIGNALS}

    def _drain(self) -> None:
        received = b""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while chunk := self._reader.recv(64):
                received += chunk
        if any(int(number) in received for number in _SIGNALS):
            self._on_stop()

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
