"""A simulated audience for a rehearsal: phones that arrive, confess and agree at a
room's pace, until they are asked to stop.

Each phone is a :class:`~facilitator.sim.phone.SimulatedPhone` speaking the public
protocol, admitted by the host's rehearsal secret. Its life, in seconds of a real room
(every delay is multiplied by ``pace``):

- it arrives within ``join_seconds`` of the start, most of the room early on;
- ``confess_share`` of the phones (at least one) confess: the first time 15 to 120 s
  after arriving (typing on a phone takes a while), mostly once, sometimes two or
  three times, a few minutes apart. The confessions come from the sample set in
  ``resources/`` (in several languages), dealt like cards so that none repeats before
  all were used;
- for each confession put on the big screen, ``agree_share`` of the phones (at least
  one; others each time) tap the agreement button, after reading it for 1.5 to 15 s
  (most after about 4 s).

Shares are exact (so many phones, drawn at random), not chances: a small audience
does what it is told every time.

The audience stops, closing every socket, when asked (:meth:`Audience.stop`, SIGTERM or
Ctrl-C), after ``duration`` if one is given, when the session ends or the host closes
the phones' sockets, and when the process that started it (``parent``) has gone.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from collections.abc import Awaitable, Collection
from dataclasses import dataclass, field
from typing import TextIO, TypeVar

import aiohttp

from facilitator import paths
from facilitator.protocol.http import CLIENT_KEEPALIVE_SECONDS
from facilitator.sim.launch import DEFAULT_PHONES
from facilitator.sim.phone import PhoneError, SimulatedPhone

T = TypeVar("T")

SAMPLES_NAME = "sample_confessions.json"
JOIN_SECONDS = 40.0  # the phones arrive over this long, most early on
CONFESS_SHARE = 0.5  # of the phones confess
AGREE_SHARE = 0.6  # of the phones agree with a confession on screen
FIRST_CONFESSION = (15.0, 120.0)  # seconds from arriving to the first confession
NEXT_CONFESSION = (60.0, 240.0)  # between one phone's confessions
CONFESSIONS_EACH = (1, 1, 1, 1, 1, 1, 1, 2, 2, 3)  # how many a confessing phone sends
READING = (1.5, 15.0, 4.0)  # low, high, most likely: a confession on screen → a tap
EARLY_SHARE = 0.2  # most phones arrive in the first fifth of the joining time
PARENT_CHECK_SECONDS = 1.0
JOIN_ATTEMPTS = 4
REQUEST_SECONDS = 15.0
# Refusals after which this phone has nothing more to do in this session.
SESSION_OVER = frozenset({"session_ended", "unknown_participant"})


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    learned: str
    language: str  # BCP 47: en, de, fr, es, cy, ar, …


def load_samples(languages: Collection[str] | None = None) -> list[Sample]:
    """The sample confessions (``resources/sample_confessions.json``), in ``languages``
    only when given."""
    document = json.loads((paths.resources_root() / SAMPLES_NAME).read_text("utf-8"))
    samples = [
        Sample(entry["text"], entry.get("learned", ""), entry.get("language", "en"))
        for entry in document["confessions"]
    ]
    if languages:
        samples = [sample for sample in samples if sample.language in languages]
    if not samples:
        raise ValueError(f"No sample confession in {', '.join(sorted(languages or ()))}")
    return samples


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How the audience behaves; the defaults are a room's."""

    phones: int = DEFAULT_PHONES
    join_seconds: float = JOIN_SECONDS
    confess_share: float = CONFESS_SHARE
    agree_share: float = AGREE_SHARE
    pace: float = 1.0  # multiplies every delay: 0.01 is a hundred times faster
    seed: int | None = None


@dataclass
class Tally:
    joined: int = 0
    joined_at: list[float] = field(default_factory=list)  # time.monotonic() of each join
    confessed: int = 0
    agreed: int = 0
    refused: dict[str, int] = field(default_factory=dict)


class Audience:
    """``secret`` is the host's rehearsal secret; ``parent`` the process id of the host
    that started this audience (it stops when that process has gone)."""

    def __init__(
        self,
        url: str,
        secret: str,
        behaviour: Behaviour,
        samples: list[Sample],
        *,
        parent: int | None = None,
        out: TextIO = sys.stderr,
    ) -> None:
        self._url = url
        self._secret = secret
        self._behaviour = behaviour
        self._samples = samples
        self._deck: list[Sample] = []
        self._parent = parent
        self._out = out
        self._random = random.Random(behaviour.seed)
        self._confessing = self._draw(behaviour.confess_share)
        self._agreeing: dict[int, frozenset[int]] = {}  # confession → the phones that agree
        self._stop = asyncio.Event()
        self.tally = Tally()
        self.reason = ""  # why it stopped
        self.phones: list[SimulatedPhone] = []

    def stop(self, reason: str = "asked to stop") -> None:
        if not self._stop.is_set():
            self.reason = reason
            self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    async def run(self, duration: float | None = None) -> int:
        """Run until stopped (or ``duration`` seconds); return the exit code: 1 if no
        phone could join, else 0."""
        behaviour = self._behaviour
        connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=CLIENT_KEEPALIVE_SECONDS)
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        self._say(f"{behaviour.phones} simulated phones are joining {self._url}")
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            self.phones = [SimulatedPhone(http, self._url) for _ in range(behaviour.phones)]
            loop = asyncio.get_running_loop()
            lives = [
                loop.create_task(self._life(number, phone))
                for number, phone in enumerate(self.phones)
            ]
            tasks = [*lives, loop.create_task(self._until_everyone_gave_up(lives))]
            if self._parent is not None:
                tasks.append(loop.create_task(self._watch_parent(self._parent)))
            try:
                async with asyncio.timeout(duration):
                    await self._stop.wait()
            except TimeoutError:
                self.stop(f"{duration:g} s are over")
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.gather(*(phone.close() for phone in self.phones), return_exceptions=True)
        tally = self.tally
        refused = ", ".join(f"{code} {n}" for code, n in sorted(tally.refused.items()))
        self._say(
            f"Stopped ({self.reason}): {tally.joined} phones joined, {tally.confessed} "
            f"confessions, {tally.agreed} agreements" + (f"; refused: {refused}" if refused else "")
        )
        return 0 if tally.joined or not behaviour.phones else 1

    # One phone

    async def _life(self, number: int, phone: SimulatedPhone) -> None:
        behaviour = self._behaviour
        join_seconds = behaviour.join_seconds
        await self._sleep(self._random.triangular(0.0, join_seconds, join_seconds * EARLY_SHARE))
        if not await self._join(phone):
            return
        self.tally.joined += 1
        self.tally.joined_at.append(time.monotonic())
        if self.tally.joined == behaviour.phones:
            self._say(f"All {behaviour.phones} simulated phones joined")
        async with asyncio.TaskGroup() as group:
            if number in self._confessing:
                group.create_task(self._confess(phone))
            group.create_task(self._agree(number, phone))
            group.create_task(self._follow(phone))

    async def _join(self, phone: SimulatedPhone) -> bool:
        for attempt in range(JOIN_ATTEMPTS):
            try:
                await phone.join(rehearsal=self._secret)
                await phone.connect()
            except PhoneError as refused:
                self._count(refused.code)
                if refused.code == "not_rehearsal":
                    self.stop("the host refused the rehearsal secret")
                    return False
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                self._count(type(error).__name__)
            else:
                return True
            await asyncio.sleep(2.0**attempt * 0.5)
        return False

    async def _confess(self, phone: SimulatedPhone) -> None:
        between = FIRST_CONFESSION
        for _ in range(self._random.choice(CONFESSIONS_EACH)):
            await self._sleep(self._random.uniform(*between))
            between = NEXT_CONFESSION
            sample = self._deal()
            if await self._attempt(phone.submit(sample.text, sample.learned)) is not None:
                self.tally.confessed += 1

    async def _agree(self, number: int, phone: SimulatedPhone) -> None:
        """Agree with a share of what is put on the big screen, after reading it; stop
        the audience when the session ends (or the next one starts)."""
        session_id = phone.session_id
        seen: set[int] = set()
        while True:
            await phone.changed.wait()
            phone.changed.clear()
            if phone.status == "ended" or phone.session_id != session_id:
                self.stop("the session ended")
                return
            projection = phone.projection
            if projection is None or projection.confession_id in seen:
                continue
            seen.add(projection.confession_id)
            if number not in self._agreeing_with(projection.confession_id):
                continue
            low, high, likely = READING
            await self._sleep(self._random.triangular(low, high, likely))
            now = phone.projection  # a phone taps only what it still shows
            if now is None or now.confession_id != projection.confession_id:
                continue
            if await self._attempt(phone.agree(projection.confession_id)) is not None:
                self.tally.agreed += 1

    async def _follow(self, phone: SimulatedPhone) -> None:
        """The host closed the phone's socket (the session ended, or the host stopped):
        stop the audience."""
        await phone.disconnected.wait()
        if phone.status == "ended":
            self.stop("the session ended")
        else:
            self.stop("the session host closed the phones' connections")

    # The audience

    async def _watch_parent(self, parent: int) -> None:
        """The host that started the audience has gone (its children are handed to
        another process): nobody is left to stop it, so it stops itself."""
        while True:
            await asyncio.sleep(PARENT_CHECK_SECONDS)
            if os.getppid() != parent:
                self.stop("the session host has gone")
                return

    async def _until_everyone_gave_up(self, lives: list[asyncio.Task[None]]) -> None:
        await asyncio.gather(*lives, return_exceptions=True)
        if not self.stopping:
            self.stop("no phone is left" if self.tally.joined else "no phone could join")

    async def _attempt(self, request: Awaitable[T]) -> T | None:
        """A phone's request; a refusal is counted (and ends the audience if the
        session is over), never raised."""
        try:
            return await request
        except PhoneError as refused:
            self._count(refused.code)
            if refused.code in SESSION_OVER:
                self.stop("the session ended")
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            self._count(type(error).__name__)
        return None

    def _draw(self, share: float) -> frozenset[int]:
        """``share`` of the phones (at least one unless the share is 0), at random."""
        phones = self._behaviour.phones
        count = min(phones, max(1, round(share * phones))) if share > 0 else 0
        return frozenset(self._random.sample(range(phones), count))

    def _agreeing_with(self, confession_id: int) -> frozenset[int]:
        if confession_id not in self._agreeing:
            self._agreeing[confession_id] = self._draw(self._behaviour.agree_share)
        return self._agreeing[confession_id]

    def _deal(self) -> Sample:
        """The next sample: each once, in a shuffled order, before any comes again."""
        if not self._deck:
            self._deck = self._samples[:]
            self._random.shuffle(self._deck)
        return self._deck.pop()

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds * self._behaviour.pace)

    def _count(self, code: str) -> None:
        self.tally.refused[code] = self.tally.refused.get(code, 0) + 1

    def _say(self, line: str) -> None:
        try:
            self._out.write(f"{time.strftime('%H:%M:%S')} {line}\n")
            self._out.flush()
        except (OSError, ValueError):
            pass
