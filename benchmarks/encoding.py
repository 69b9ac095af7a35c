"""What the typed protocol costs per message: msgspec structs against plain ``json``.

Encodes the messages the host sends most (a phone's ``count``, the public ``session``
and a moderator snapshot of 1,000 items) and decodes the one it receives most
(``agreement.set``), once with the protocol's msgspec structs and once as the app did
before them: dicts through ``json.dumps`` and ``json.loads`` (the old decoder also
checked each field in Python afterwards, so its real cost was higher still).

Usage: python benchmarks/encoding.py
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.protocol.envelope import encode
from facilitator.protocol.moderator import (
    Address,
    HostStatus,
    Item,
    ItemKind,
    ItemState,
    JoinLink,
    Room,
    SessionDetails,
    Snapshot,
    WordLists,
)
from facilitator.protocol.phone import (
    Count,
    PublicProjection,
    PublicSession,
    TextLimits,
    decode_request,
)

COMPACT = (",", ":")
TEXT = "I deployed to production on a Friday afternoon and spent the weekend rolling it back."


def per_call_us(work: Callable[[], object], seconds: float = 0.3) -> float:
    """Microseconds per call, the best of three rounds."""
    best = float("inf")
    for _ in range(3):
        calls, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            for _ in range(100):
                work()
            calls += 100
        best = min(best, elapsed / calls * 1e6)
    return best


def as_plain(message: msgspec.Struct) -> dict[str, object]:
    """The message as the dicts the app built before the structs."""
    return {"type": "x", "version": 1, "payload": msgspec.to_builtins(message)}


def main() -> None:
    count = Count(12, 4242)
    session = PublicSession(
        session_id=3, title="Never waste a mistake",
        prompt="What mistake taught you the most?", agree_label="Been there", status="open",
        projection=PublicProjection(
            confession_id=12, text=TEXT, learned="Small, early releases.", count=4242
        ),
        limits=TextLimits(1000, 500),
    )  # fmt: skip
    item = Item(
        id=1,
        kind=ItemKind.CONFESSION,
        parent_id=None,
        text=TEXT,
        learned="",
        original_text=TEXT,
        original_learned="",
        state=ItemState.SHOWN,
        queue_position=None,
        shown_order=1,
        agreement_count=42,
        set_apart_count=0,
        version=1,
        hints=(),
        flagged=False,
    )
    snapshot = Snapshot(
        seq=10,
        session=SessionDetails(
            session_id=3, title="Retro", prompt="What went wrong?", agree_label="Been there",
            status="open", created_on="2026-11-29", removed_count=0,
        ),
        current_item_id=1,
        items=tuple(msgspec.structs.replace(item, id=n) for n in range(1000)),
        phones_connected=10_000,
        store_healthy=True,
        store_detail="",
        join=JoinLink("http://192.168.1.23:8737/", "http://…/", "192.168.1.23", 8737,
                      (Address("192.168.1.23", "wlan0"),)),
        transcript_paths=(),
        undo=None,
        word_lists=WordLists((), ()),
        room=Room(shared_apart=0, shared_counted=0, waiting=0),
        host=HostStatus(),
    )  # fmt: skip
    agreement = (
        b'{"type":"agreement.set","version":1,'
        b'"payload":{"confession_id":12,"agreed":true},"ref":"r1"}'
    )
    print(f"# encoding, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
          f"msgspec {msgspec.__version__}")  # fmt: skip
    print("| message | msgspec struct | json + dicts |")
    print("|---|---|---|")
    for name, message in (
        ("count", count),
        ("session", session),
        ("snapshot, 1,000 items", snapshot),
    ):
        plain = as_plain(message)
        typed = per_call_us(lambda m=message: encode(m))
        dicts = per_call_us(
            lambda p=plain: json.dumps(p, ensure_ascii=False, separators=(",", ":"))
        )
        print(f"| encode {name} | {typed:.1f} µs | {dicts:.1f} µs |")
    typed = per_call_us(lambda: decode_request(agreement))
    dicts = per_call_us(lambda: json.loads(agreement))
    print(f"| decode agreement.set (checked) | {typed:.1f} µs | {dicts:.1f} µs (not checked) |")


if __name__ == "__main__":
    main()
