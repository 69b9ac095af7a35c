"""What the big screen's state costs the host: building it for a confession on screen
and for the closing slide (counts and the most shared, from every item) in a session of
5,000 confessions, and encoding it; and what one rebuild sends.

Usage: python benchmarks/projector_state.py [--confessions 5000]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host.projector_state import projector_state
from facilitator.protocol.commands import Approve, Project, SetAside, SetBatching, ShowSlide
from facilitator.protocol.envelope import encode

PHONES = 200
RUNS = 30


def run_session(folder: Path, confessions: int) -> SessionService:
    service = SessionService.start_new(Store.open(folder), EventBus(), folder / "transcripts")
    service.execute(SetBatching("off"))
    phones = [service.participant(service.join()) for _ in range(PHONES)]
    for number in range(confessions):
        text = f"Confession {number}: I shipped it on a Friday and told nobody until Monday."
        outcome = service.submit(phones[number % PHONES], f"c{number:08d}", text)
        assert outcome.confession_id is not None
        if number % 5 == 0:
            service.execute(Approve(outcome.confession_id))
            service.execute(Project(outcome.confession_id))
            for voter in phones[: number % 37]:
                service.set_agreement(voter, outcome.confession_id, True)
        elif number % 5 == 1:
            service.execute(SetAside(outcome.confession_id))
    return service


def timed(service: SessionService) -> tuple[float, float, int]:
    """Median build and encode times (ms) and the encoded size (bytes)."""
    builds, encodes = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        state = projector_state(service, "http://192.168.1.23:8737/")
        built = time.perf_counter()
        encoded = encode(state)
        builds.append((built - started) * 1000)
        encodes.append((time.perf_counter() - built) * 1000)
    return statistics.median(builds), statistics.median(encodes), len(encoded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--confessions", type=int, default=5000)
    args = parser.parse_args()
    print(f"{platform.python_version()} on {platform.machine()}, {args.confessions} confessions")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        service = run_session(Path(folder), args.confessions)
        print(f"session built in {time.perf_counter() - started:.1f} s")
        for slide in ("confession", "closing"):
            if slide == "closing":
                service.execute(ShowSlide("closing"))
            build, encoding, size = timed(service)
            print(f"{slide:>10}: build {build:.2f} ms, encode {encoding:.3f} ms, {size} bytes")


if __name__ == "__main__":
    main()
