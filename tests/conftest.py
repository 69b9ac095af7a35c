"""Test set-up shared by every test: offscreen Qt, and async tests on a qasync loop.

Async tests run on the same kind of loop as the app (Qt's, through qasync), so the
server and the windows are tested together the way they run. Inside a coroutine,
wait with :func:`tests.waiting.wait_until`, never with ``qtbot.wait*`` (a nested Qt
event loop inside a running task hangs the teardown).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

from collections.abc import Callable, Mapping
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QApplication


def qt_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(["confessional-tests"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    return app


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], Any]]:
    return {"qasync": lambda: qasync.QEventLoop(qt_application())}
