"""The bridge turns every core event into its Qt signal, cheaply enough for every vote."""

from __future__ import annotations

import contextlib
import time

from pytestqt.qtbot import QtBot

from facilitator.core.errors import StoreUnavailable
from facilitator.core.events import AgreementCountChanged, EventBus, SessionEnded
from facilitator.core.model import Confession, Projection, SessionInfo
from facilitator.core.moderation import Approve, Blank, EndSession, Project
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.ui.bridge import CoreBridge
from tests.ui.helpers import participant, submit


def test_each_core_event_becomes_its_signal(
    qtbot: QtBot, service: SessionService, bridge: CoreBridge, store: Store
) -> None:
    with qtbot.waitSignal(bridge.confession_added, timeout=1000) as added:
        confession_id = submit(service, "I pushed to main on a Friday.", "Branches exist.")
    assert isinstance(added.args[0], Confession)
    assert added.args[0].id == confession_id

    with qtbot.waitSignal(bridge.confession_changed, timeout=1000) as changed:
        service.execute(Approve(confession_id))
    assert changed.args[0].state == "approved"

    with qtbot.waitSignal(bridge.projection_changed, timeout=1000) as projected:
        service.execute(Project(confession_id))
    assert isinstance(projected.args[0], Projection)
    assert projected.args[0].confession_id == confession_id

    with qtbot.waitSignal(bridge.agreement_count_changed, timeout=1000) as counted:
        service.set_agreement(participant(service), confession_id, True)
    assert counted.args == [confession_id, 1]

    with qtbot.waitSignal(bridge.session_changed, timeout=1000) as session_changed:
        service.update_details("Retro", "What went wrong?", "Same here")
    assert isinstance(session_changed.args[0], SessionInfo)
    assert session_changed.args[0].agree_label == "Same here"

    with qtbot.waitSignal(bridge.projection_changed, timeout=1000) as blanked:
        service.execute(Blank())
    assert blanked.args == [None]

    store._db.execute("PRAGMA query_only = ON")
    with (
        qtbot.waitSignal(bridge.store_health_changed, timeout=1000) as broken,
        contextlib.suppress(StoreUnavailable),
    ):
        submit(service, "This one cannot be saved.")
    assert broken.args[0] is False
    assert broken.args[1]
    store._db.execute("PRAGMA query_only = OFF")
    with qtbot.waitSignal(bridge.store_health_changed, timeout=1000) as recovered:
        submit(service, "Saved again.")
    assert recovered.args[0] is True

    with qtbot.waitSignal(bridge.session_ended, timeout=1000) as ended:
        service.execute(EndSession())
    event = ended.args[0]
    assert isinstance(event, SessionEnded)
    assert len(event.transcript_paths) == 2


def test_phones_connected_is_announced_only_on_change(qtbot: QtBot, bridge: CoreBridge) -> None:
    seen: list[int] = []
    bridge.phones_connected_changed.connect(seen.append)
    bridge.set_phones_connected(3)
    bridge.set_phones_connected(3)
    bridge.set_phones_connected(0)
    assert seen == [3, 0]
    assert bridge.phones_connected == 0


def test_detach_stops_the_signals(qtbot: QtBot) -> None:
    bus = EventBus()
    bridge = CoreBridge(bus)
    seen: list[tuple[int, int]] = []
    bridge.agreement_count_changed.connect(lambda cid, count: seen.append((cid, count)))
    bus.publish(AgreementCountChanged(1, 1))
    bridge.detach()
    bridge.detach()  # twice is harmless
    bus.publish(AgreementCountChanged(1, 2))
    assert seen == [(1, 1)]


def test_a_hundred_thousand_votes_through_the_bridge(qtbot: QtBot) -> None:
    """Guards against PySide6's reference-count bug (Python < 3.12 dies within thousands)."""
    bus = EventBus()
    bridge = CoreBridge(bus)
    total = 0
    last: list[int] = [0, 0]

    def slot(confession_id: int, count: int) -> None:
        nonlocal total
        total += 1
        last[0], last[1] = confession_id, count

    bridge.agreement_count_changed.connect(slot)
    started = time.perf_counter()
    for n in range(100_000):
        bus.publish(AgreementCountChanged(7, n))
    elapsed = time.perf_counter() - started
    bridge.detach()
    assert total == 100_000
    assert last == [7, 99_999]
    assert elapsed < 30, f"100,000 votes took {elapsed:.1f} s"


def test_real_votes_reach_a_slot_in_order(
    qtbot: QtBot, service: SessionService, bridge: CoreBridge
) -> None:
    """Votes and withdrawals through the real service arrive as counts, in order."""
    confession_id = submit(service, "I trusted the staging data.")
    service.execute(Approve(confession_id))
    service.execute(Project(confession_id))
    phones = [participant(service) for _ in range(50)]
    counts: list[int] = []
    bridge.agreement_count_changed.connect(lambda _cid, count: counts.append(count))
    for _ in range(20):
        for phone in phones:
            service.set_agreement(phone, confession_id, True)
        for phone in phones:
            service.set_agreement(phone, confession_id, False)
    assert len(counts) == 2_000
    assert counts[49] == 50
    assert counts[-1] == 0
