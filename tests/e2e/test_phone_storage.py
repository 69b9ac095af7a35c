"""What the phone page keeps in the browser, and what it forgets (participant_web/storage.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.browser import evaluate_on_phone_page
from tests.host.harness import running_server

pytestmark = pytest.mark.browser

KEYS = [
    "confessional.token.1",
    "confessional.token.12",
    "confessional.outbox.1",
    "confessional.outbox.1.pending",
    "confessional.outbox.12",
    "confessional.draft.10",
]


async def test_forgetting_session_1_leaves_session_12_alone(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        remaining = await evaluate_on_phone_page(
            run.base,
            """async (keys) => {
                localStorage.clear();
                for (const key of keys) localStorage.setItem(key, '"x"');
                const storage = await import("/static/storage.js");
                storage.removeTree("confessional.token.1");
                storage.removeTree("confessional.outbox.1");
                return Object.keys(localStorage).sort();
            }""",
            KEYS,
        )
    assert remaining == [
        "confessional.draft.10",
        "confessional.outbox.12",
        "confessional.token.12",
    ]


async def test_without_local_storage_the_memory_copy_forgets_as_narrowly(tmp_path: Path) -> None:
    """A browser that refuses localStorage (private mode): values live in memory, and
    forgetting session 1 there leaves session 12 alone too."""
    async with running_server(tmp_path) as run:
        remaining = await evaluate_on_phone_page(
            run.base,
            """async (keys) => {
                Object.defineProperty(window, "localStorage", {
                  get() { throw new DOMException("refused", "SecurityError"); },
                });
                // a module of its own (the page's copy probed a working localStorage)
                const storage = await import("/static/storage.js?refused");
                for (const key of keys) storage.setJSON(key, "x");
                storage.removeTree("confessional.token.1");
                storage.removeTree("confessional.outbox.1");
                return keys.filter((key) => storage.getJSON(key, null) !== null).sort();
            }""",
            KEYS,
        )
    assert remaining == [
        "confessional.draft.10",
        "confessional.outbox.12",
        "confessional.token.12",
    ]
