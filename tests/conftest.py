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


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect once, then freeze: what exists now is never scanned by the collector again.

    Cyclic garbage can hold Qt objects (a closed qasync loop's timers and notifiers),
    which must be destroyed on the main thread. The only other thread that runs
    Python, the browser's, disables automatic collection while it lives and collects
    on the main thread first (``tests/e2e/browser.py``); between tests, automatic
    collection runs on the main thread. Collecting before every test did the same
    at about two thirds of the suite's time.
    """
    gc.collect()
    gc.freeze()


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
