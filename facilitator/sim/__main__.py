"""Rehearse with a simulated audience: ``python -m facilitator.sim JOIN_URL --phones 30``.

The phones join, confess from the sample set at a gentle pace, and agree with some
of what is projected, so a facilitator can practise moderating before the real room.
They are admitted by the host's rehearsal secret, read from the host's record in the
data folder (``--data-dir``), never by coming from the laptop's own address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

import aiohttp

from facilitator import paths
from facilitator.host.record import read_record
from facilitator.sim.phone import PhoneError, SimulatedPhone


def sample_confessions() -> list[dict[str, str]]:
    document = json.loads((paths.resources_root() / "sample_confessions.json").read_text("utf-8"))
    confessions: list[dict[str, str]] = document["confessions"]
    return confessions


def rehearsal_secret(data_dir: Path) -> str:
    record = read_record(data_dir)
    if record is None:
        raise SystemExit(f"No session host is running for the data folder {data_dir}.")
    return record.rehearsal_secret


async def rehearse(url: str, phones: int, duration: float, agree_share: float, secret: str) -> None:
    samples = sample_confessions()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        audience = [SimulatedPhone(http, url) for _ in range(phones)]
        for phone in audience:
            await phone.join(rehearsal=secret)
            await phone.connect()
        print(f"{phones} simulated phones joined {url}", file=sys.stderr)
        deadline = time.monotonic() + duration
        while time.monotonic() < deadline:
            phone = random.choice(audience)
            sample = random.choice(samples)
            try:
                if random.random() < 0.3:
                    await phone.submit(sample["text"], sample["learned"])
                for voter in audience:
                    projection = voter.projection
                    wants_to = random.random() < agree_share / 10
                    if wants_to and projection and projection.confession_id not in voter.agreed:
                        await voter.agree(projection.confession_id)
            except PhoneError as error:
                print(f"refused: {error}", file=sys.stderr)
            await asyncio.sleep(1.0)
        for phone in audience:
            await phone.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m facilitator.sim")
    parser.add_argument("url", help="the session's join URL")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds")
    parser.add_argument("--agree-share", type=float, default=0.6, help="share of phones agreeing")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=paths.default_data_dir(),
        help="the host's data folder, where its rehearsal secret is",
    )
    args = parser.parse_args()
    secret = rehearsal_secret(args.data_dir)
    asyncio.run(rehearse(args.url, args.phones, args.duration, args.agree_share, secret))


if __name__ == "__main__":
    main()
