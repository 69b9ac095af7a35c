"""What finding very like confessions costs as a room sends thousands.

Builds a session's worth of confessions: distinct ones composed from parts (what was
done, to what or whom, and when), and one in ten sent again by another phone with a
small change (case, punctuation, a typo, a word left out). Feeds them one by one to the
duplicate finder (``facilitator/core/duplicates.py``) and prints the time per confession
as the finder fills (median and worst per thousand), the time to list every group, and
how many groups it found.

Usage: python benchmarks/duplicates.py [--confessions 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.duplicates import DuplicateFinder

DONE = (
    "I deployed",
    "I emailed",
    "I approved",
    "I deleted",
    "I promised",
    "I ignored",
    "I rewrote",
    "I postponed",
    "I merged",
    "I cancelled",
    "I copied",
    "I forgot",
    "I shared",
    "I signed off",
    "I priced",
    "I estimated",
    "I printed",
    "I presented",
    "I migrated",
    "I archived",
)
WHAT = (
    "the wrong spreadsheet",
    "the quarterly report",
    "a pull request nobody had read",
    "the customer list",
    "a contract without reading it",
    "the new pricing",
    "the database schema",
    "the holiday rota",
    "the safety checklist",
    "the release notes",
    "an invoice twice",
    "the board slides",
    "the only backup",
    "a draft with comments in it",
    "the test results",
    "a password in a chat",
    "the budget",
    "a job offer",
    "the press release",
    "the project plan",
)
WHEN = (
    "on a Friday afternoon",
    "the night before the launch",
    "while on holiday",
    "in front of the director",
    "without telling the team",
    "after a sleepless night",
    "during a client call",
    "on my first day",
    "on the last day of the quarter",
    "because I was in a hurry",
    "to look busy",
    "to avoid a difficult conversation",
    "before anyone could object",
    "in the wrong time zone",
    "from my phone on the train",
)


def distinct(chance: random.Random) -> list[str]:
    texts = [f"{done} {what} {when}." for done in DONE for what in WHAT for when in WHEN]
    chance.shuffle(texts)
    return texts


def as_a_phone_sends_it(text: str, chance: random.Random) -> str:
    """The same confession with a small change a second sender would make."""
    words = text.split()
    match chance.randrange(5):
        case 0:
            return text.lower()
        case 1:
            return text.rstrip(".!") + "!!"
        case 2 if len(words) > 3:
            del words[chance.randrange(len(words))]
            return " ".join(words)
        case 3:
            at = chance.randrange(len(text))
            return text[:at] + text[at + 1 :]
        case _:
            return f"{text} ({chance.randrange(1000)})"


def confessions(count: int, chance: random.Random) -> list[str]:
    """``count`` confessions: distinct ones, and one in ten again from another phone."""
    fresh = iter(distinct(chance))
    sent: list[str] = []
    while len(sent) < count:
        if sent and chance.random() < 0.1:
            sent.append(as_a_phone_sends_it(chance.choice(sent), chance))
        else:
            sent.append(next(fresh))
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(prog="python benchmarks/duplicates.py")
    parser.add_argument("--confessions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    texts = confessions(args.confessions, random.Random(args.seed))
    finder = DuplicateFinder()
    per_thousand: list[list[float]] = []
    for item_id, text in enumerate(texts, start=1):
        started = time.perf_counter()
        finder.add(item_id, text)
        elapsed = (time.perf_counter() - started) * 1000
        if (item_id - 1) % 1000 == 0:
            per_thousand.append([])
        per_thousand[-1].append(elapsed)
    started = time.perf_counter()
    groups = finder.groups()
    listing = (time.perf_counter() - started) * 1000

    print(f"# Duplicate finder: {platform.python_version()}, {len(texts)} confessions")
    print("| confessions already known | add one: median | add one: worst |")
    print("|---|---|---|")
    for n, times in enumerate(per_thousand):
        known = f"{n * 1000:,} to {n * 1000 + len(times) - 1:,}"
        print(f"| {known} | {statistics.median(times):.2f} ms | {max(times):.2f} ms |")
    grouped = sum(len(group) for group in groups)
    print(f"- every group listed in {listing:.1f} ms: {len(groups)} groups of {grouped} items")


if __name__ == "__main__":
    main()
