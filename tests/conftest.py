"""Test set-up shared by every test: offscreen Qt, and async tests on a qasync loop.

Async tests run on the same kind of loop as the app (Qt's, through qasync), so the
server and the windows are tested together the way they run. Inside a coroutine,
wait with :func:`tests.waiting.wait_until`, never with ``qtbot.wait*`` (a nested Qt
event loop inside a running task hangs the teardown).
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

from collections.abc import Callable, Mapping
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


def qt_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(["confessional-tests"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    return app


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Collect the previous test's garbage here, on the main thread.

    Cyclic garbage can hold Qt objects (a closed qasync loop's timers and notifiers).
    Collected later on another thread (the browser's), Qt objects are destroyed off
    their thread: "Timers cannot be stopped from another thread", then a crash.
    """
    gc.collect()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Destroy every window and Qt object while Qt still runs, not at interpreter exit."""
    app = QApplication.instance()
    if app is not None:
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], Any]]:
    return {"qasync": lambda: qasync.QEventLoop(qt_application())}
