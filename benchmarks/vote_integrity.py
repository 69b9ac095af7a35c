"""Vote integrity: a room behind one address gets in and is counted with one click;
tokens minted at one address stay out of the public counts, also after the facilitator
counted a venue's shared address.

    python benchmarks/vote_integrity.py [--phones 300] [--attacker-tokens 1000]
                                        [--late-attacker-tokens 200]
                                        [--confessions 10] [--seed 1] [--quick]

Measures both sides of the requirement "300 phones behind one address all join within a
minute; with 1,000 tokens minted from one address in a room of 300 phones, at most 5 % of
any count comes from that address's tokens without the console showing it", against the
real host (``python -m facilitator --headless``, a fresh data directory for each part).
An address gives one participant an ordinary vote (``ALLOWANCE``); the second joining
from it flags both, and every later one from it, as on a shared address: their
agreements are counted apart (``set_apart_count``) until a moderator counts them
(``count_shared``), which holds for the addresses shared so far.

1. **NAT'd room**: ``--phones`` phones, all from one address, join at once and retry each
   429 after its ``Retry-After``: the time until the last has its token, how many were told
   to wait. They all agree with one confession: its public count and set-apart count
   before and after the facilitator's ``count_shared``; then 20 more phones join from the
   same address and agree: they must count at once.
2. **Attack**: ``--phones`` honest phones, each from its own address (``phone_address``),
   join; an attacker at one address mints ``--attacker-tokens`` tokens as fast as it is let
   in (it polls once per refill interval rather than waiting out ``Retry-After``). The
   benchmark, as moderator, approves and projects ``--confessions`` confessions in turn; on
   each a seeded random share (10 %…80 %) of the honest phones agrees, and every attacker
   token does. Per confession: the public count (``GET /api/session``, what phones and the
   projector show), how much of it came from attacker tokens (public count minus the honest
   agreements acknowledged), the set-apart count moderators see and ``room.shared_apart``
   / ``room.shared_counted``.
3. **Attack after a counted venue**: ``--phones`` phones behind one NAT address join and
   the moderator counts them (``count_shared``); then an attacker at another address mints
   ``--late-attacker-tokens`` tokens; the same confessions and agreements as in part 2 (the
   venue's phones agreeing), the same figures per confession.

Phones speak the HTTP API (``POST /api/join``, ``POST /api/messages``), each simulated
device from its own loopback source address (the attacker and the NAT'd room from
127.0.200.x, outside the honest phones' 127.0.0.2 + n). Everything stays on 127.0.0.0/8.
The host's unexpected answers (5xx, refusals other than 429 on a join), counts that differ
between phones and moderators, and the warnings on its stderr are printed, never retried.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.crowd import raise_open_file_limit
from benchmarks.load import Host, machine
from facilitator.host.participant_api import JOIN_BURST, JOINS_PER_SECOND
from facilitator.host.shared_addresses import ALLOWANCE
from facilitator.protocol.commands import Approve, Command, CountShared, Project, SetBatching
from facilitator.protocol.envelope import Error, Message, ProtocolError, encode
from facilitator.protocol.http import CLIENT_KEEPALIVE_SECONDS
from facilitator.protocol.moderator import Done, Room, Snapshot, decode_to_moderator
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    Join,
    Joined,
    PublicSession,
    SetAgreement,
    SubmitConfession,
    ToPhone,
    decode_to_phone,
)
from facilitator.sim.addresses import phone_address

ROOT = Path(__file__).resolve().parents[1]
NAT_ADDRESS = "127.0.200.77"  # the venue's one address in parts 1 and 3
ATTACKER_ADDRESS = "127.0.200.66"
GOAL = Fraction(5, 100)  # the requirement: at most this share of a count from extra tokens
SHARE_RANGE = (0.10, 0.80)  # of the room's phones agreeing with one confession
LATE_PHONES = 20  # part 1: joining from the venue's address after count_shared
ATTACKER_CONNECTIONS = 64
REQUEST_TIMEOUT_SECONDS = 120.0


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# Devices


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    message: ToPhone | None  # None: the body was not an envelope
    retry_after: float


class Device:
    """One device on the network: every request it sends comes from ``source``."""

    def __init__(self, base: str, source: str, problems: Counter[str], connections: int) -> None:
        self.source = source
        self._base = base
        self._problems = problems
        connector = aiohttp.TCPConnector(
            local_addr=(source, 0), limit=connections, keepalive_timeout=CLIENT_KEEPALIVE_SECONDS
        )
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
        self._http = aiohttp.ClientSession(connector=connector, timeout=timeout)

    async def send(self, path: str, message: Message, token: str | None = None) -> Answer:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        url = f"{self._base}{path}"
        async with self._http.post(url, data=encode(message), headers=headers) as reply:
            body = await reply.read()
            retry_after = reply.headers.get("Retry-After", "")
        try:
            decoded: ToPhone | None = decode_to_phone(body).message
        except ProtocolError:
            decoded = None
        seconds = float(retry_after) if retry_after.isdigit() else 1.0
        return Answer(reply.status, decoded, seconds)

    def unexpected(self, what: str, answer: Answer) -> None:
        """Note an answer the host should not have given."""
        code = answer.message.code if isinstance(answer.message, Error) else "no envelope"
        self._problems[f"{what} from {self.source}: HTTP {answer.status} {code}"] += 1

    async def join(self) -> Answer:
        return await self.send("/api/join", Join())

    async def agree(self, token: str, confession_id: int) -> bool:
        answer = await self.send("/api/messages", SetAgreement(confession_id, True), token)
        if answer.status == 200 and isinstance(answer.message, AgreementRecorded):
            return True
        self.unexpected("agreement.set", answer)
        return False

    async def confess(self, token: str, client_id: str, text: str) -> bool:
        answer = await self.send("/api/messages", SubmitConfession(client_id, text), token)
        if answer.status == 200 and isinstance(answer.message, ConfessionReceived):
            return True
        self.unexpected("confession.submit", answer)
        return False

    async def close(self) -> None:
        await self._http.close()


@dataclass
class Joining:
    """How a group of phones from one address got their tokens."""

    tokens: list[str] = field(default_factory=list)
    told_to_wait: int = 0  # phones (or, for the attacker, requests) answered 429
    refusals: int = 0  # 429 answers in all
    seconds: float = 0.0  # first request → last token
    after_burst: float = 0.0  # tokens per second once the burst was spent (mint only)


async def join_politely(device: Device, joining: Joining) -> str | None:
    """Join; after a 429 wait its ``Retry-After`` and try again, as the page does."""
    waited = False
    while True:
        answer = await device.join()
        if answer.status != 429:
            break
        joining.refusals += 1
        waited = True
        await asyncio.sleep(answer.retry_after)
    joining.told_to_wait += waited
    if answer.status == 200 and isinstance(answer.message, Joined):
        return answer.message.token
    device.unexpected("join", answer)
    return None


async def join_room(devices: Sequence[Device]) -> tuple[Joining, list[str | None]]:
    """Every device joins at once, politely; each one's token (None: refused)."""
    joining = Joining()
    started = time.monotonic()
    tokens = await asyncio.gather(*(join_politely(device, joining) for device in devices))
    joining.seconds = time.monotonic() - started
    joining.tokens = [token for token in tokens if token is not None]
    return joining, tokens


async def mint(device: Device, count: int, workers: int = 4) -> Joining:
    """Take ``count`` tokens from one address as fast as the host lets them out: a few
    loops, each trying again one refill interval after a 429 (not after ``Retry-After``)."""
    joining = Joining()
    started = time.monotonic()
    pause = 1.0 / JOINS_PER_SECOND
    wanted = count
    given: list[float] = []  # when each token came

    async def loop() -> None:
        nonlocal wanted
        while wanted > 0:
            wanted -= 1
            answer = await device.join()
            if answer.status == 429:
                wanted += 1
                joining.refusals += 1
                await asyncio.sleep(pause)
            elif answer.status == 200 and isinstance(answer.message, Joined):
                joining.tokens.append(answer.message.token)
                given.append(time.monotonic())
            else:
                device.unexpected("join", answer)
                return

    await asyncio.gather(*(loop() for _ in range(min(workers, count))))
    joining.told_to_wait = joining.refusals
    joining.seconds = time.monotonic() - started
    if len(given) > JOIN_BURST:
        spent = given[JOIN_BURST - 1]  # the burst's last token
        joining.after_burst = (len(given) - JOIN_BURST) / (given[-1] - spent)
    return joining


# The moderator and the public view


@dataclass(frozen=True)
class Reading:
    """One confession's counts at one moment."""

    public: int | None  # what phones and the projector show (None: not projected)
    moderator_count: int  # the item's agreement_count in the moderator state
    set_apart: int  # the item's set_apart_count
    shared_apart: int  # room.shared_apart: phones whose agreements are set apart
    shared_counted: int  # room.shared_counted: phones on shared addresses counted

    def __str__(self) -> str:
        return (
            f"public {count(self.public)}, set apart {self.set_apart}, "
            f"room {self.shared_apart} apart / {self.shared_counted} counted"
        )


class HostError(RuntimeError):
    """The host refused a moderator command or answered something unreadable."""


class Moderator:
    def __init__(self, http: aiohttp.ClientSession, host: Host) -> None:
        self._http = http
        self._url = host.moderator_url
        self._public = host.join_url

    async def _get(self, url: str) -> bytes:
        async with self._http.get(url) as reply:
            body = await reply.read()
            if reply.status != 200:
                raise HostError(f"GET {url}: HTTP {reply.status} {body[:200]!r}")
        return body

    async def snapshot(self) -> Snapshot:
        body = await self._get(f"{self._url}api/state")
        snapshot = decode_to_moderator(body).message
        if not isinstance(snapshot, Snapshot):
            raise HostError(f"GET api/state answered {type(snapshot).__name__}")
        return snapshot

    async def command(self, command: Command) -> None:
        headers = {"Content-Type": "application/json"}
        url = f"{self._url}api/commands"
        async with self._http.post(url, data=encode(command), headers=headers) as reply:
            body = await reply.read()
            status = reply.status
        try:
            answer: object = decode_to_moderator(body).message
        except ProtocolError:
            answer = None  # not an envelope: the status and body say what it was
        if status != 200 or not isinstance(answer, Done):
            raise HostError(f"{command!r}: HTTP {status} {body[:300]!r}")

    async def read(self, item_id: int) -> Reading:
        """The item's counts as moderators see them, the room, and what phones see."""
        snapshot = await self.snapshot()
        item = next(item for item in snapshot.items if item.id == item_id)
        room = snapshot.room
        public = await self.public_count(item_id)
        counts = (item.agreement_count, item.set_apart_count)
        return Reading(public, *counts, room.shared_apart, room.shared_counted)

    async def public_count(self, item_id: int) -> int | None:
        """The count phones and the projector show (``GET /api/session``), or None when
        ``item_id`` is not what is projected."""
        body = await self._get(f"{self._public}api/session")
        session = decode_to_phone(body).message
        if not isinstance(session, PublicSession):
            raise HostError(f"GET /api/session answered {type(session).__name__}")
        projection = session.projection
        return projection.count if projection and projection.confession_id == item_id else None


async def confess_and_approve(
    moderator: Moderator, submissions: Sequence[tuple[Device, str, str]]
) -> list[int]:
    """Each device (with its token) submits its text, one by one; approve them all;
    their item ids, in order."""
    for number, (device, token, text) in enumerate(submissions, start=1):
        if not await device.confess(token, f"vote-integrity-{number:04d}", text):
            raise HostError(f"confession {number} was refused")
    items = {item.text: item.id for item in (await moderator.snapshot()).items}
    ids = [items[text] for _, _, text in submissions]
    for item_id in ids:
        await moderator.command(Approve(item_id))
    return ids


async def count_true(outcomes: Iterable[Awaitable[bool]]) -> int:
    return sum(await asyncio.gather(*outcomes))


def confession_text(number: int) -> str:
    return f"Confession {number} of the vote benchmark: I merged it without a review."


# Part 1: a room behind one address


def counts_everyone(reading: Reading, agreements: int, phones: int) -> bool:
    """Every agreement is in the public count, none set apart, every phone counted."""
    public = reading.public == agreements and reading.set_apart == 0
    return public and reading.shared_apart == 0 and reading.shared_counted == phones


@dataclass
class NatRoom:
    joining: Joining
    agreed: int
    before: Reading  # everyone agreed; the shared address not counted yet
    after: Reading  # after count_shared
    late: Joining  # LATE_PHONES more phones from the same address, after count_shared
    late_agreed: int
    late_reading: Reading

    @property
    def all_counted(self) -> bool:
        """count_shared counted the whole room."""
        return counts_everyone(self.after, self.agreed, len(self.joining.tokens))

    @property
    def late_counted(self) -> bool:
        """The phones joining after count_shared counted at once."""
        agreed = self.agreed + self.late_agreed
        return counts_everyone(
            self.late_reading, agreed, len(self.joining.tokens + self.late.tokens)
        )

    def readings(self) -> list[tuple[str, Reading]]:
        return [
            ("before count_shared", self.before),
            ("after count_shared", self.after),
            ("after the late phones", self.late_reading),
        ]


async def nat_room(phones: int, problems: Counter[str]) -> tuple[NatRoom, list[str]]:
    async with (
        running_host("part 1 (NAT'd room)") as running,
        moderating(running.host) as moderator,
    ):
        venue = Device(running.host.join_url.rstrip("/"), NAT_ADDRESS, problems, connections=0)
        try:
            # Every phone asks at once, each on its own connection: 300 phones, one address.
            joining, _ = await join_room([venue] * phones)
            progress(f"part 1: {len(joining.tokens)} tokens in {joining.seconds:.1f} s")
            tokens = joining.tokens
            [item_id] = await confess_and_approve(
                moderator, [(venue, tokens[0], confession_text(1))]
            )
            await moderator.command(Project(item_id))
            agreed = await count_true(venue.agree(token, item_id) for token in tokens)
            before = await moderator.read(item_id)
            await moderator.command(CountShared(counted=True))
            after = await moderator.read(item_id)
            progress(f"part 1: before count_shared {before}, after {after}")
            late, _ = await join_room([venue] * LATE_PHONES)
            late_agreed = await count_true(venue.agree(token, item_id) for token in late.tokens)
            late_reading = await moderator.read(item_id)
            progress(f"part 1: {len(late.tokens)} late phones agreed: {late_reading}")
        finally:
            await venue.close()
    room = NatRoom(joining, agreed, before, after, late, late_agreed, late_reading)
    return room, running.complaints


# Parts 2 and 3: a room and one address adding tokens


@dataclass(frozen=True)
class Plan:
    """Which phones of the room agree with each confession (the same in parts 2 and 3)."""

    shares: list[float]
    agreeing: list[list[int]]

    @classmethod
    def make(cls, phones: int, confessions: int, seed: int) -> Plan:
        chance = random.Random(seed)
        shares = [chance.uniform(*SHARE_RANGE) for _ in range(confessions)]
        agreeing = [sorted(chance.sample(range(phones), round(s * phones))) for s in shares]
        return cls(shares, agreeing)


@dataclass(frozen=True)
class Row:
    confession: int
    share: float  # of the room's phones meant to agree
    honest: int  # the room's agreements acknowledged
    attacker: int  # attacker agreements acknowledged
    reading: Reading

    @property
    def from_attacker(self) -> int:
        """Attacker agreements in the public count: it holds only those and the room's."""
        return (self.reading.public or 0) - self.honest

    @property
    def attacker_share(self) -> Fraction:
        public = self.reading.public
        return Fraction(self.from_attacker, public) if public else Fraction(0)

    @property
    def attacker_set_apart(self) -> bool:
        """Every attacker agreement is in the set-apart count, and nothing else is."""
        return self.reading.set_apart == self.attacker


@dataclass
class AttackRun:
    room: Joining
    counted_room: Room | None  # after count_shared, before the attacker came (part 3)
    attacker: Joining
    rows: list[Row]
    complaints: list[str]

    def readings(self) -> list[tuple[str, Reading]]:
        return [(f"confession {row.confession}", row.reading) for row in self.rows]


@dataclass
class Running:
    host: Host
    complaints: list[str] = field(default_factory=list)  # the host's stderr, once it exited


@contextlib.asynccontextmanager
async def running_host(name: str) -> AsyncIterator[Running]:
    """A host with a fresh data directory, stopped (SIGTERM) at the end."""
    with tempfile.TemporaryDirectory(prefix="vote-integrity-") as directory:
        data = Path(directory)
        running = Running(await Host.start(ROOT, data / "data", data / "host-stderr.txt"))
        try:
            yield running
        finally:
            seconds, code = await running.host.terminate()
            if code != 0:
                progress(f"host ({name}) exited with {code} after {seconds:.1f} s")
            running.complaints = running.host.complaints()


@contextlib.asynccontextmanager
async def moderating(host: Host) -> AsyncIterator[Moderator]:
    connector = aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_SECONDS)
    async with aiohttp.ClientSession(connector=connector) as http:
        moderator = Moderator(http, host)
        # Confessions straight into Incoming: the room's shuffled batches (rooms of over
        # 30 phones) would hold the ones the benchmark approves and projects.
        await moderator.command(SetBatching("off"))
        yield moderator


async def attack(
    phones: int,
    attacker_tokens: int,
    plan: Plan,
    problems: Counter[str],
    label: str,
    *,
    venue: bool,
) -> AttackRun:
    """A room of ``phones`` (``venue``: all behind one NAT address, counted by the
    moderator before the attacker comes; else each on its own address), then the
    attacker's tokens, then the plan's confessions and agreements."""
    async with running_host(label) as running, moderating(running.host) as moderator:
        base = running.host.join_url.rstrip("/")
        if venue:
            room = [Device(base, NAT_ADDRESS, problems, connections=0)] * phones
        else:
            room = [Device(base, phone_address(n), problems, connections=1) for n in range(phones)]
        attacker = Device(base, ATTACKER_ADDRESS, problems, ATTACKER_CONNECTIONS)
        try:
            joined, tokens = await join_room(room)
            progress(f"{label}: {len(joined.tokens)} phones in {joined.seconds:.1f} s")
            counted_room = None
            if venue:
                await moderator.command(CountShared(counted=True))
                counted_room = (await moderator.snapshot()).room
                progress(f"{label}: counted the venue: {room_fields(counted_room)}")
            minted = await mint(attacker, attacker_tokens)
            progress(f"{label}: {len(minted.tokens)} attacker tokens in {minted.seconds:.1f} s")
            rows = await project_and_agree(
                moderator, room, tokens, attacker=attacker, minted=minted, plan=plan
            )
        finally:
            await asyncio.gather(*(device.close() for device in dict.fromkeys([*room, attacker])))
    return AttackRun(joined, counted_room, minted, rows, running.complaints)


async def project_and_agree(
    moderator: Moderator,
    room: list[Device],
    tokens: list[str | None],
    *,
    attacker: Device,
    minted: Joining,
    plan: Plan,
) -> list[Row]:
    """Phone n confesses number n + 1 (its first: nothing waits); each confession is
    projected in turn and agreed with by the plan's phones and every minted token."""
    texts = [confession_text(n + 1) for n in range(len(plan.shares))]
    submissions = []
    for n, text in enumerate(texts):
        token = tokens[n]
        if token is None:
            raise HostError(f"phone {n} has no token to confess with")
        submissions.append((room[n], token, text))
    ids = await confess_and_approve(moderator, submissions)
    rows = []
    for number, (item_id, share, agreeing) in enumerate(
        zip(ids, plan.shares, plan.agreeing, strict=True), start=1
    ):
        await moderator.command(Project(item_id))
        honest_acks, attacker_acks = await asyncio.gather(
            count_true(
                room[n].agree(token, item_id) for n in agreeing if (token := tokens[n]) is not None
            ),
            count_true(attacker.agree(token, item_id) for token in minted.tokens),
        )
        row = Row(number, share, honest_acks, attacker_acks, await moderator.read(item_id))
        rows.append(row)
        progress(
            f"  confession {number}: honest {honest_acks}, attacker {attacker_acks}, {row.reading}"
        )
    return rows


# Report


def percent(value: Fraction | float) -> str:
    return f"{float(value) * 100:.1f} %"


def count(value: int | None) -> str:
    return "none" if value is None else f"{value:,}"


def room_fields(room: Room | Reading) -> str:
    return f"shared_apart {room.shared_apart}, shared_counted {room.shared_counted}"


def attack_table(rows: list[Row]) -> list[str]:
    lines = [
        "| confession | room's share | room agreed | attacker agreed | public count "
        "| of it from the attacker | set apart (moderators) | room.shared_apart "
        "| room.shared_counted |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        reading = row.reading
        lines.append(
            f"| {row.confession} | {percent(row.share)} | {row.honest} | {row.attacker} "
            f"| {count(reading.public)} | {row.from_attacker} ({percent(row.attacker_share)}) "
            f"| {reading.set_apart} | {reading.shared_apart} | {reading.shared_counted} |"
        )
    return lines


def attack_lines(run: AttackRun) -> list[str]:
    """The table, the attacker's largest share and whether its agreements were set apart."""
    worst = max(row.attacker_share for row in run.rows)
    set_apart = sum(row.attacker_set_apart for row in run.rows)
    return [
        *attack_table(run.rows),
        "",
        f"- largest share of a public count from the attacker's tokens: {percent(worst)} "
        f"(goal 0; the requirement ≤ {percent(GOAL)})",
        f"- set-apart count = the attacker's agreements on {set_apart} of {len(run.rows)} "
        f"confessions; room.shared_apart {run.rows[-1].reading.shared_apart} "
        f"(the attacker's tokens: {len(run.attacker.tokens)})",
    ]


def disagreements(part: str, readings: list[tuple[str, Reading]]) -> list[str]:
    """Where phones and moderators were shown different counts."""
    return [
        f"- {part}, {what}: phones see {count(reading.public)}, "
        f"moderators {reading.moderator_count}"
        for what, reading in readings
        if reading.public != reading.moderator_count
    ]


def verdict(ok: bool) -> str:
    return "yes" if ok else "**NO**"


@dataclass(frozen=True)
class Settings:
    phones: int
    attacker_tokens: int
    late_attacker_tokens: int
    confessions: int
    seed: int


def report(settings: Settings, nat: NatRoom, attacked: AttackRun, after: AttackRun) -> list[str]:
    phones = settings.phones
    joining = nat.joining
    expected = max(0, phones - JOIN_BURST) / JOINS_PER_SECOND
    attack_max = max(row.attacker_share for row in attacked.rows)
    after_max = max(row.attacker_share for row in after.rows)
    minted = attacked.attacker
    late = nat.late_reading
    counted_room = room_fields(after.counted_room) if after.counted_room else "none"
    lines = [
        f"# Vote integrity: {time.strftime('%Y-%m-%d')}, {machine()}, "
        f"Python {platform.python_version()}, aiohttp {aiohttp.__version__}; "
        f"{phones} phones, {settings.attacker_tokens} attacker tokens (part 3: "
        f"{settings.late_attacker_tokens}), {settings.confessions} confessions, "
        f"seed {settings.seed}, ALLOWANCE {ALLOWANCE}",
        "",
        f"## 1. NAT'd room: {phones} phones from one address ({NAT_ADDRESS})",
        f"- last token after {joining.seconds:.1f} s ({len(joining.tokens)} tokens; limit "
        f"{JOIN_BURST} at once then {JOINS_PER_SECOND:g}/s: {expected:.0f} s at best)",
        f"- {joining.told_to_wait} phones were told to wait (429) at least once; "
        f"{joining.refusals} 429 answers in all",
        f"- one confession, {nat.agreed} agreements: public count {count(nat.before.public)} "
        f"with {nat.before.set_apart} set apart ({room_fields(nat.before)})",
        f"- after count_shared: public count {count(nat.after.public)} with "
        f"{nat.after.set_apart} set apart ({room_fields(nat.after)}); all counted: "
        f"{verdict(nat.all_counted)}",
        f"- {len(nat.late.tokens)} more phones from the same address (in "
        f"{nat.late.seconds:.1f} s), {nat.late_agreed} agreements: public count "
        f"{count(late.public)} with {late.set_apart} set apart ({room_fields(late)}); "
        f"counted at once: {verdict(nat.late_counted)}",
        "",
        f"## 2. Attack: {phones} honest phones, {settings.attacker_tokens} tokens minted "
        f"at {ATTACKER_ADDRESS}",
        f"- honest phones joined in {attacked.room.seconds:.1f} s ({attacked.room.refusals} 429s)",
        f"- attacker: {len(minted.tokens)} tokens in {minted.seconds:.1f} s "
        f"({minted.after_burst:.2f}/s after the first {JOIN_BURST}; "
        f"{minted.refusals} 429 answers)",
        "",
        *attack_lines(attacked),
        "",
        f"## 3. Attack after a counted venue: {phones} phones at {NAT_ADDRESS} counted, "
        f"then {settings.late_attacker_tokens} tokens minted at {ATTACKER_ADDRESS}",
        f"- venue joined in {after.room.seconds:.1f} s ({after.room.refusals} 429s); "
        f"after count_shared: {counted_room}",
        f"- attacker: {len(after.attacker.tokens)} tokens in {after.attacker.seconds:.1f} s",
        "",
        *attack_lines(after),
        "",
        "## Summary",
        f"- a room of {phones} behind one address: all in after {joining.seconds:.1f} s "
        f"({'within' if joining.seconds <= 60 else 'NOT within'} a minute); one "
        f"count_shared counted all of them: {verdict(nat.all_counted)}; "
        f"{len(nat.late.tokens)} joining later counted at once: {verdict(nat.late_counted)}",
        f"- {settings.attacker_tokens} minted tokens: at most {percent(attack_max)} of any "
        f"public count came from them (set apart and shown to moderators instead)",
        f"- {settings.late_attacker_tokens} tokens minted at another address after the "
        f"facilitator counted a NAT'd venue: at most {percent(after_max)} of any public "
        f"count came from them",
    ]
    problems = [
        *disagreements("part 1", nat.readings()),
        *disagreements("part 2", attacked.readings()),
        *disagreements("part 3", after.readings()),
    ]
    return [*lines, "", "## Problems", *(problems or ["- phones and moderators agreed"])]


def host_notes(problems: Counter[str], complaints: dict[str, list[str]]) -> list[str]:
    lines = [f"- {n} times {problem}" for problem, n in problems.most_common()]
    for part, found in complaints.items():
        for complaint, n in Counter(found).most_common(5):
            lines.append(f"- host stderr ({part}): {n} times {complaint}")
    return lines or ["- no unexpected answers, no warnings on the host's stderr"]


async def main(settings: Settings) -> None:
    raise_open_file_limit()  # the host inherits it
    problems: Counter[str] = Counter()
    plan = Plan.make(settings.phones, settings.confessions, settings.seed)
    nat, nat_complaints = await nat_room(settings.phones, problems)
    attacked = await attack(
        settings.phones,
        settings.attacker_tokens,
        plan,
        problems,
        "part 2 (attack)",
        venue=False,
    )
    after = await attack(
        settings.phones,
        settings.late_attacker_tokens,
        plan,
        problems,
        "part 3 (attack after a counted venue)",
        venue=True,
    )
    complaints = {
        "part 1": nat_complaints,
        "part 2": attacked.complaints,
        "part 3": after.complaints,
    }
    print("\n".join(report(settings, nat, attacked, after)))
    print("\n".join(host_notes(problems, complaints)))


def parse(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, help="the room (default 300; --quick 60)")
    parser.add_argument("--attacker-tokens", type=int, help="part 2 (default 1000; --quick 100)")
    parser.add_argument("--late-attacker-tokens", type=int, help="part 3 (default 200; --quick 40)")
    parser.add_argument("--confessions", type=int, help="default 10; --quick 5")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="a small room, for a fast run")
    arguments = parser.parse_args(argv)
    quick = arguments.quick
    settings = Settings(
        arguments.phones or (60 if quick else 300),
        arguments.attacker_tokens or (100 if quick else 1000),
        arguments.late_attacker_tokens or (40 if quick else 200),
        arguments.confessions or (5 if quick else 10),
        arguments.seed,
    )
    if settings.confessions > settings.phones:
        parser.error("each confession comes from its own phone: --confessions ≤ --phones")
    if min(settings.attacker_tokens, settings.late_attacker_tokens) <= ALLOWANCE:
        parser.error(f"an attack needs more than {ALLOWANCE} token(s)")
    return settings


if __name__ == "__main__":
    asyncio.run(main(parse()))
