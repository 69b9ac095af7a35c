"""Rehearse with a simulated audience: ``python -m facilitator.sim JOIN_URL --phones 30``.

The phones join, confess from the sample set and agree with some of what is projected,
at a room's pace (``facilitator/sim/audience.py``), so that a facilitator can practise
the whole flow alone. They are admitted by the host's rehearsal secret, never by coming
from the laptop's own address: from ``CONFESSIONAL_REHEARSAL_SECRET`` when the host
started this audience, else from the host's record in the data folder (``--data-dir``).
They stop on SIGTERM or Ctrl-C, closing every socket.

The session host starts this same program for ``confessional --rehearse`` and the
console's "Rehearse with simulated phones…" (``facilitator/host/rehearsal.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

from facilitator import paths
from facilitator.host.record import read_record
from facilitator.sim.audience import (
    AGREE_SHARE,
    CONFESS_SHARE,
    JOIN_SECONDS,
    Audience,
    Behaviour,
    load_samples,
)
from facilitator.sim.launch import DEFAULT_PHONES, PACE_ENV, PARENT_ENV, SECRET_ENV


def rehearsal_secret(data_dir: Path) -> str:
    """The rehearsal secret of the host running for ``data_dir`` (from its record)."""
    record = read_record(data_dir)
    if record is None:
        raise SystemExit(f"No session host is running for the data folder {data_dir}.")
    return record.rehearsal_secret


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("a share is between 0 and 1")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if value < 0.0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m facilitator.sim",
        description="A simulated audience joining a running session to rehearse with.",
    )
    parser.add_argument("url", help="the session's join URL")
    parser.add_argument(
        "--phones", type=int, default=DEFAULT_PHONES, help=f"how many (default {DEFAULT_PHONES})"
    )
    parser.add_argument(
        "--duration", type=_positive, default=None, help="stop after this many seconds"
    )
    parser.add_argument(
        "--join-seconds",
        type=_positive,
        default=JOIN_SECONDS,
        help="the phones arrive over this many seconds, most early on (default 40)",
    )
    parser.add_argument(
        "--confess-share",
        type=_share,
        default=CONFESS_SHARE,
        help="share of phones that confess (default 0.5)",
    )
    parser.add_argument(
        "--agree-share",
        type=_share,
        default=AGREE_SHARE,
        help="share of phones that agree with a projected confession (default 0.6)",
    )
    parser.add_argument(
        "--pace",
        type=_positive,
        default=float(os.environ.get(PACE_ENV) or 1.0),
        help=f"multiply every delay by this (default 1, a room's pace; or ${PACE_ENV})",
    )
    parser.add_argument(
        "--languages",
        default="",
        help="confess only in these languages, e.g. en,de,cy (default: every sample)",
    )
    parser.add_argument("--seed", type=int, default=None, help="the same audience every time")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=paths.default_data_dir(),
        help="the host's data folder, where its rehearsal secret is",
    )
    args = parser.parse_args(argv)
    if args.phones < 0:
        parser.error("--phones must not be negative")
    return args


async def _run(audience: Audience, duration: float | None) -> int:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(signum, audience.stop)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(audience.stop))
    return await audience.run(duration)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    secret = os.environ.get(SECRET_ENV) or rehearsal_secret(args.data_dir)
    parent = os.environ.get(PARENT_ENV)
    languages = {code.strip() for code in args.languages.split(",") if code.strip()}
    try:
        samples = load_samples(languages)
    except ValueError as error:
        raise SystemExit(str(error)) from error
    behaviour = Behaviour(
        phones=args.phones,
        join_seconds=args.join_seconds,
        confess_share=args.confess_share,
        agree_share=args.agree_share,
        pace=args.pace,
        seed=args.seed,
    )
    audience = Audience(
        args.url, secret, behaviour, samples, parent=int(parent) if parent else None
    )
    return asyncio.run(_run(audience, args.duration))


if __name__ == "__main__":
    sys.exit(main())
