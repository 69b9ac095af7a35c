"""Test set-up shared by every test: offscreen Qt, and async tests on a qasync loop.

Async tests run on the same kind of loop as the app (Qt's, through qasync), so the
server and the windows are tested together the way they run. Inside a coroutine,
wait with :func:`tests.waiting.wait_until`, never with ``qtbot.wait*`` (a nested Qt
event loop inside a running task hangs the teardown).
"""

from __future__ import annotations

import functools
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

from facilitator.ui.gui_thread_gc import GuiThreadCollector


@functools.cache
def qt_application() -> QApplication:
    """The one QApplication, collecting garbage on its own thread as the app's does.

    Cyclic garbage can hold Qt objects (a closed qasync loop's timers and notifiers),
    which must be destroyed on the main thread; but the host tested in this process
    runs Python on worker threads too (a logo is prepared on one), and so does the
    browser's thread. The app's :class:`GuiThreadCollector` keeps every collection on
    the main thread: on its timer while a loop runs, and after each test.
    """
    app = QApplication.instance() or QApplication(["confessional-tests"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    GuiThreadCollector(app).start()
    return app


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect once, then freeze: what exists now is never scanned by the collector
    again. Collecting everything before every test did the same at about two thirds of
    the suite's time. The collector starts after, measuring what is left to collect."""
    gc.collect()
    gc.freeze()
    qt_application()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """A test that never ran Qt's loop leaves its garbage to be collected here."""
    collector = qt_application().findChild(GuiThreadCollector)
    assert collector is not None
    collector.collect_due()


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
