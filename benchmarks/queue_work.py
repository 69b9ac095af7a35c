"""What keeping up with a big room costs the host: bulk actions, moves and merges.

A session on disk (WAL, as the host runs it) with ``--confessions`` items from as many
phones, each sent and then approved or set aside through the session service, the
way a moderator's command reaches it. Prints the time of:

- approving them all at once (``approve_many``) and undoing it;
- moving items about Up next (``move``, ``move_to_top``), including the rare move
  that numbers the queue afresh;
- merging groups of very like confessions whose voters overlap (``merge``), and
  undoing a merge;
- setting them all aside at once (``set_aside_many``).

Usage: python benchmarks/queue_work.py [--confessions 5000] [--voters 1000]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.events import EventBus
from facilitator.core.model import AgreementRequest, ItemState
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import (
    ApproveMany,
    Merge,
    Move,
    MoveToTop,
    Project,
    SetAsideMany,
    SetBatching,
    Undo,
)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def undo_last(service: SessionService) -> None:
    step = service.last_undo_step()
    assert step is not None
    service.execute(Undo(step.id))


def fill(service: SessionService, confessions: int) -> list[int]:
    service.execute(SetBatching("off"))  # straight into Incoming: timing is not measured here
    tokens = [service.join() for _ in range(confessions)]
    ids = []
    for number, token in enumerate(tokens):
        participant = service.participant(token)
        outcome = service.submit(participant, f"c{number:08d}", f"Confession number {number}")
        assert outcome.confession_id is not None
        ids.append(outcome.confession_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--confessions", type=int, default=5000)
    parser.add_argument("--voters", type=int, default=1000)
    arguments = parser.parse_args()
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · Python "
        f"{platform.python_version()} · {arguments.confessions} confessions"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "data")
        service = SessionService.start_new(store, EventBus(), Path(folder) / "transcripts")
        ids = fill(service, arguments.confessions)
        report("approve_many, all", timed(lambda: service.execute(ApproveMany(tuple(ids)))))
        report("undo of it", timed(lambda: undo_last(service)))
        service.execute(ApproveMany(tuple(ids)))
        moves = [timed(lambda n=n: service.execute(Move(ids[-1 - n], ids[n]))) for n in range(200)]
        report("move, median of 200", statistics.median(moves))
        report("move, slowest of 200 (numbers afresh)", max(moves))
        tops = [timed(lambda n=n: service.execute(MoveToTop(ids[n * 7]))) for n in range(100)]
        report("move_to_top, median of 100", statistics.median(tops))
        merges = merge_groups(service, ids, arguments.voters)
        report("merge of 10 with overlapping voters, median", statistics.median(merges))
        report("undo of a merge", timed(lambda: undo_last(service)))
        left = [item.id for item in service.items() if item.state is ItemState.APPROVED]
        report(
            "set_aside_many, all queued", timed(lambda: service.execute(SetAsideMany(tuple(left))))
        )
        store.close()


def merge_groups(service: SessionService, ids: list[int], voters: int) -> list[float]:
    """Show groups of ten, let overlapping halves of the voters agree, then merge each."""
    participants = [service.participant(service.join()) for _ in range(voters)]
    times = []
    for group in range(20):
        members = ids[group * 10 : group * 10 + 10]
        for offset, member in enumerate(members):
            service.execute(Project(member))
            half = participants[offset * voters // 20 : offset * voters // 20 + voters // 2]
            service.set_agreements([AgreementRequest(p, member, True) for p in half])
        keep = service.item(members[-1])
        times.append(
            timed(
                lambda keep=keep, members=members: service.execute(
                    Merge(keep.id, tuple(members[:-1]), keep.version, keep.text, keep.learned)
                )
            )
        )
    return times


def report(what: str, milliseconds: float) -> None:
    print(f"{what:<45} {milliseconds:9.1f} ms")


if __name__ == "__main__":
    main()
