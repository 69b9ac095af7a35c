"""The full garbage collection waits for a quiet moment in the room."""

from __future__ import annotations

import gc

from facilitator.host import gc_pacer
from facilitator.host.gc_pacer import GcPacer


def test_a_full_collection_waits_for_quiet_but_not_forever() -> None:
    activity = 0.0
    pacer = GcPacer(lambda: activity)
    pacer._last_full = 0.0
    busy = 1.0
    activity = gc_pacer.AT_MOST_EVERY_SECONDS + 10 - busy  # a phone spoke a second ago
    assert not pacer.due(gc_pacer.AT_MOST_EVERY_SECONDS + 10)
    activity = gc_pacer.AT_MOST_EVERY_SECONDS + 10 - gc_pacer.QUIET_SECONDS
    assert pacer.due(gc_pacer.AT_MOST_EVERY_SECONDS + 10)  # quiet, and long enough since
    activity = 30.0
    assert not pacer.due(30.0 + gc_pacer.QUIET_SECONDS)  # quiet, but collected recently
    activity = gc_pacer.LONGEST_WITHOUT_SECONDS  # never quiet: still, at the latest
    assert pacer.due(gc_pacer.LONGEST_WITHOUT_SECONDS)


async def test_the_host_s_thresholds_hold_while_it_runs_and_are_given_back() -> None:
    before = gc.get_threshold()
    pacer = GcPacer(lambda: 0.0)
    pacer.start()
    try:
        assert gc.get_threshold() == gc_pacer.THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        await pacer.stop()
    assert gc.get_threshold() == before
