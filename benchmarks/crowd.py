"""A crowd of simulated phones in a process of its own, one source address per phone.

Run as a worker by :class:`CrowdProcess` (``benchmarks/load.py``, ``benchmarks/gui_stall.py``):

    python benchmarks/crowd.py JOIN_URL --first 0 --count 2500 [--submit-every 20]

Phone number ``i`` (counted across all workers) speaks from its own loopback address,
``127.0.0.2 + i`` (127.0.0.2, 127.0.0.3, … 127.0.39.x for 10,000 phones), as phones
on a LAN do: the host sees one address per phone. Only the address and port of
JOIN_URL (on loopback) are ever contacted. The phones speak the public protocol
(docs/protocol.md) over raw asyncio transports: ``POST /api/join`` over HTTP/1.1,
then a minimal WebSocket client on ``/ws`` (``hello``; follows ``state``, ``session``
and ``count``; answers pings; sends ``confession.submit`` and ``agreement.set`` with a
``ref`` and matches the reply carrying the same ``ref``). Raw transports rather than
aiohttp keep 10,000 phones light enough to share two cores with the host.

The worker reads one JSON command per line on stdin and answers one JSON line on
stdout. Times are ``time.monotonic()`` (one clock for every process on the machine):

- ``{"cmd": "connect"}``: every phone joins and opens its socket →
  ``first_join``, ``all_state`` (when the last phone had its ``state``);
- ``{"cmd": "submit", "spread": 3}``: every ``--submit-every``-th phone confesses over
  its socket, each after a random delay up to ``spread`` s → ``latencies``, ``client_ids``
  (acknowledged);
- ``{"cmd": "agree", "confession_id": 12, "spread": 3}``: every phone waits until it shows
  that confession, then agrees after its own random delay → ``latencies``, ``last_ack``;
- ``{"cmd": "final", "confession_id": 12, "count": 42, "after": T}``: waits until every
  phone shows the count → ``all_final`` (when the last phone got there), ``stale`` (per
  phone, how many ``count`` messages arrived after ``T``), ``missing``;
- ``{"cmd": "quit"}``: closes every socket and exits.

Every answer also carries ``failures``: what went wrong, and how often.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import ipaddress
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.protocol.envelope import Message, encode
from facilitator.protocol.phone import Hello, Join, SetAgreement, SubmitConfession
from facilitator.sim.addresses import phone_address

LINE_LIMIT = 1 << 26
SPREAD_SECONDS = 3.0  # each phone confesses or agrees on its own timer within this
SETTLE_SECONDS = 0.5  # after the final count, how long to keep counting late messages
Document = dict[str, Any]

# WebSocket opcodes (RFC 6455).
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def raise_open_file_limit() -> int:
    """Raise this process's soft open-file limit to the hard limit; return it."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def ws_frame(opcode: int, payload: bytes) -> bytes:
    """One final, masked client frame."""
    size = len(payload)
    if size < 126:
        header = bytes((0x80 | opcode, 0x80 | size))
    elif size < 1 << 16:
        header = bytes((0x80 | opcode, 0x80 | 126)) + size.to_bytes(2)
    else:
        header = bytes((0x80 | opcode, 0x80 | 127)) + size.to_bytes(8)
    mask = os.urandom(4)
    repeated = (mask * (size // 4 + 1))[:size]
    masked = (int.from_bytes(payload) ^ int.from_bytes(repeated)).to_bytes(size)
    return header + mask + masked


class Refused(Exception):
    """The host answered with an error envelope or an unexpected status."""


@dataclass(frozen=True, slots=True)
class Target:
    host: str
    port: int

    @classmethod
    def from_url(cls, url: str) -> Target:
        parts = urlsplit(url)
        if parts.hostname is None or not ipaddress.ip_address(parts.hostname).is_loopback:
            raise ValueError("the crowd only talks to a loopback address")
        return cls(parts.hostname, parts.port or 80)

    def request_head(self, method: str, path: str, extra: Iterable[str] = ()) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", *extra]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def post_json(target: Target, source: str, path: str, message: Message) -> Document:
    """One HTTP/1.1 POST from ``source`` on a connection of its own; the answer's envelope."""
    data = encode(message)
    headers = ("Content-Type: application/json", f"Content-Length: {len(data)}")
    reader, writer = await asyncio.open_connection(target.host, target.port, local_addr=(source, 0))
    try:
        writer.write(target.request_head("POST", path, (*headers, "Connection: close")) + data)
        raw = await reader.read()
    finally:
        writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    document: Document = json.loads(content)
    if status != 200 or document["type"] == "error":
        raise Refused(f"{path} {status} {document['payload'].get('code', '')}")
    return document


class Phone(asyncio.Protocol):
    """One phone: its token, and its live socket as a minimal WebSocket client."""

    def __init__(self, index: int, target: Target) -> None:
        self.index = index
        self.address = phone_address(index)
        self.target = target
        self.token = ""
        self.state_at: float | None = None
        self.projected: int | None = None
        self.count = 0
        self.count_changed_at = 0.0
        self.count_times: list[float] = []
        self.close_code: int | None = None
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._upgraded = False
        self._sent = 0
        self._replies: dict[str, asyncio.Future[tuple[Document, float]]] = {}
        self._watchers: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    # Lifecycle

    async def join(self) -> None:
        answer = await post_json(self.target, self.address, "/api/join", Join())
        self.token = answer["payload"]["token"]

    async def open(self) -> None:
        """Open the socket, say ``hello`` and wait for the ``state``."""
        loop = asyncio.get_running_loop()
        await loop.create_connection(
            lambda: self, self.target.host, self.target.port, local_addr=(self.address, 0)
        )
        await self.until(lambda: self.state_at is not None)

    def close(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        upgrade = ("Upgrade: websocket", "Connection: Upgrade", f"Sec-WebSocket-Key: {key}")
        transport.write(
            self.target.request_head("GET", "/ws", (*upgrade, "Sec-WebSocket-Version: 13"))
        )

    def connection_lost(self, exc: Exception | None) -> None:
        error = ConnectionError(f"socket closed ({self.close_code or 'no close frame'})")
        futures: list[asyncio.Future[Any]] = [*self._replies.values()]
        futures += [future for _, future in self._watchers]
        for future in futures:
            if not future.done():
                future.set_exception(error)
        self._replies.clear()
        self._watchers.clear()

    # Reading

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if not self._upgraded:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status_line = bytes(self._buffer[: self._buffer.find(b"\r\n")])
            del self._buffer[: end + 4]
            if b" 101 " not in status_line:
                self.close()
                return
            self._upgraded = True
            self.send(Hello(self.token))
        self._read_frames(time.monotonic())

    def _read_frames(self, now: float) -> None:
        buffer = self._buffer
        while len(buffer) >= 2:
            opcode, size, start = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
            if size >= 126:
                start = 4 if size == 126 else 10
                if len(buffer) < start:
                    return
                size = int.from_bytes(buffer[2:start])
            if len(buffer) < start + size:
                return
            payload = bytes(buffer[start : start + size])
            del buffer[: start + size]
            self._on_frame(opcode, payload, now)

    def _on_frame(self, opcode: int, payload: bytes, now: float) -> None:
        if opcode == TEXT:
            self._on_message(json.loads(payload), now)
        elif opcode == PING:
            self._write(ws_frame(PONG, payload))
        elif opcode == CLOSE:
            self.close_code = int.from_bytes(payload[:2]) if len(payload) >= 2 else 1005
            self._write(ws_frame(CLOSE, payload[:2]))
            self.close()

    def _on_message(self, document: Document, now: float) -> None:
        kind, payload = document["type"], document["payload"]
        if kind in ("state", "session"):
            self.state_at = self.state_at or now
            projection = payload["projection"]
            self.projected = projection["confession_id"] if projection else None
            self._show_count(projection["count"] if projection else 0, now)
        elif kind == "count":
            self.count_times.append(now)
            if payload["confession_id"] == self.projected:
                self._show_count(payload["count"], now)
        reply = self._replies.pop(document.get("ref") or "", None)
        if reply is not None and not reply.done():
            reply.set_result((document, now))
        self._check_watchers()

    def _show_count(self, count: int, now: float) -> None:
        if count != self.count:
            self.count = count
            self.count_changed_at = now

    def _check_watchers(self) -> None:
        waiting = []
        for predicate, future in self._watchers:
            if future.done():
                continue
            if predicate():
                future.set_result(None)
            else:
                waiting.append((predicate, future))
        self._watchers = waiting

    # Writing

    def _write(self, data: bytes) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(data)

    def send(self, message: Message, ref: str | None = None) -> None:
        self._write(ws_frame(TEXT, encode(message, ref)))

    async def request(self, message: Message) -> tuple[Document, float]:
        """Send one message with a fresh ``ref``; its reply and the seconds it took."""
        self._sent += 1
        ref = f"{self.index}-{self._sent}"
        future: asyncio.Future[tuple[Document, float]] = asyncio.get_running_loop().create_future()
        self._replies[ref] = future
        sent = time.monotonic()
        self.send(message, ref)
        reply, received = await future
        if reply["type"] == "error":
            raise Refused(f"{message.TYPE} {reply['payload']['code']}")
        return reply, received - sent

    async def until(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate`` holds after some message (it is checked after each)."""
        if predicate():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._watchers.append((predicate, future))
        await future


def describe(error: BaseException) -> str:
    if isinstance(error, Refused | ConnectionError):
        return str(error) or type(error).__name__
    return type(error).__name__


class Crowd:
    """The phones of one worker process and the steps they take together."""

    def __init__(
        self,
        target: Target,
        first: int,
        count: int,
        *,
        submit_every: int,
        concurrency: int,
        timeout: float,
    ) -> None:
        self.phones = [Phone(index, target) for index in range(first, first + count)]
        self.submitters = [p for p in self.phones if submit_every and p.index % submit_every == 0]
        self._gate = asyncio.Semaphore(concurrency)
        self._timeout = timeout
        self._failures: Counter[str] = Counter()

    async def each[T](
        self, step: str, phones: list[Phone], action: Callable[[Phone], Awaitable[T]]
    ) -> list[T]:
        """Run ``action`` for every phone at once; the results of those that succeeded."""

        async def attempt(phone: Phone) -> T | None:
            try:
                async with asyncio.timeout(self._timeout):
                    return await action(phone)
            except Exception as error:  # a failed phone is a figure, not a crash
                self._failures[f"{step}: {describe(error)}"] += 1
                return None

        results = await asyncio.gather(*(attempt(phone) for phone in phones))
        return [result for result in results if result is not None]

    def answer(self, event: str, **fields: Any) -> Document:
        return {"event": event, "failures": dict(self._failures), **fields}

    async def connect(self) -> Document:
        first_join = time.monotonic()

        async def connect_one(phone: Phone) -> float:
            async with self._gate:
                await phone.join()
                await phone.open()
            assert phone.state_at is not None
            return phone.state_at

        seen = await self.each("connect", self.phones, connect_one)
        return self.answer(
            "connected", first_join=first_join, all_state=max(seen, default=None), phones=len(seen)
        )

    async def submit(self, spread: float = SPREAD_SECONDS) -> Document:
        async def submit_one(phone: Phone) -> tuple[str, float]:
            await asyncio.sleep(random.uniform(0, spread))
            client_id = f"load-{phone.index:08d}"
            text = f"Phone {phone.index} once load-tested in production."
            _, latency = await phone.request(SubmitConfession(client_id, text))
            return client_id, latency

        acked = await self.each("submit", self.submitters, submit_one)
        return self.answer(
            "submitted", client_ids=[c for c, _ in acked], latencies=[s for _, s in acked]
        )

    async def agree(self, confession_id: int, spread: float = SPREAD_SECONDS) -> Document:
        async def agree_one(phone: Phone) -> tuple[float, float]:
            await phone.until(lambda: phone.projected == confession_id)
            await asyncio.sleep(random.uniform(0, spread))
            _, latency = await phone.request(SetAgreement(confession_id, True))
            return latency, time.monotonic()

        acked = await self.each("agree", self.phones, agree_one)
        return self.answer(
            "agreed",
            latencies=[latency for latency, _ in acked],
            last_ack=max((at for _, at in acked), default=None),
        )

    async def final(
        self, confession_id: int, count: int, after: float, settle: float = SETTLE_SECONDS
    ) -> Document:
        def shows_final(phone: Phone) -> bool:
            return phone.projected == confession_id and phone.count == count

        async def wait_one(phone: Phone) -> float:
            await phone.until(lambda: shows_final(phone))
            return phone.count_changed_at

        reached = await self.each("final", self.phones, wait_one)
        await asyncio.sleep(settle)
        return self.answer(
            "final",
            all_final=max(reached, default=None),
            missing=sum(not shows_final(phone) for phone in self.phones),
            stale=[sum(t > after for t in phone.count_times) for phone in self.phones],
            closed=dict(Counter(p.close_code for p in self.phones if p.close_code is not None)),
        )

    def close(self) -> None:
        for phone in self.phones:
            phone.close()


async def stdin_reader() -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    return reader


def reply(document: Document) -> None:
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()


async def serve(crowd: Crowd) -> None:
    """Carry out the orchestrator's commands, one line each, until ``quit`` or EOF."""
    commands = await stdin_reader()
    reply({"event": "ready", "phones": len(crowd.phones)})
    while line := await commands.readline():
        command = json.loads(line)
        match command.pop("cmd"):
            case "connect":
                reply(await crowd.connect())
            case "submit":
                reply(await crowd.submit(**command))
            case "agree":
                reply(await crowd.agree(**command))
            case "final":
                reply(await crowd.final(**command))
            case "quit":
                break
            case other:
                raise ValueError(f"unknown command {other!r}")
    crowd.close()
    await asyncio.sleep(0.1)
    reply({"event": "bye"})


def worker_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("join_url")
    parser.add_argument("--first", type=int, default=0, help="index of this worker's first phone")
    parser.add_argument("--count", type=int, required=True, help="phones in this worker")
    parser.add_argument("--submit-every", type=int, default=0, help="every n-th phone confesses")
    parser.add_argument("--concurrency", type=int, default=250, help="phones connecting at once")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per phone and step")
    arguments = parser.parse_args(argv)
    raise_open_file_limit()
    target = Target.from_url(arguments.join_url)

    async def run() -> None:
        crowd = Crowd(
            target,
            arguments.first,
            arguments.count,
            submit_every=arguments.submit_every,
            concurrency=arguments.concurrency,
            timeout=arguments.timeout,
        )
        await serve(crowd)

    asyncio.run(run())


# The orchestrator's side


def split(total: int, parts: int) -> list[tuple[int, int]]:
    """``total`` phones in ``parts`` workers: each worker's (first index, count)."""
    sizes = [total // parts + (i < total % parts) for i in range(parts)]
    return [(sum(sizes[:i]), size) for i, size in enumerate(sizes) if size]


class CrowdProcess:
    """The orchestrator's handle on one worker, started at lower priority (``nice``)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process

    @classmethod
    async def start(
        cls,
        join_url: str,
        first: int,
        count: int,
        *,
        submit_every: int = 0,
        concurrency: int = 250,
        niceness: int = 10,
    ) -> CrowdProcess:
        command = [
            *("nice", "-n", str(niceness), sys.executable, str(Path(__file__).resolve())),
            *(join_url, "--first", str(first), "--count", str(count)),
            *("--submit-every", str(submit_every), "--concurrency", str(concurrency)),
        ]
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=LINE_LIMIT,
        )
        crowd = cls(process)
        await crowd._answer()
        return crowd

    @classmethod
    async def start_many(
        cls, join_url: str, phones: int, workers: int, **options: Any
    ) -> list[CrowdProcess]:
        return list(
            await asyncio.gather(
                *(cls.start(join_url, first, n, **options) for first, n in split(phones, workers))
            )
        )

    async def command(self, name: str, **fields: Any) -> Document:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"cmd": name, **fields}).encode() + b"\n")
        await self._process.stdin.drain()
        return await self._answer()

    async def _answer(self) -> Document:
        assert self._process.stdout is not None
        line = await self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"a crowd worker stopped (exit {await self._process.wait()})")
        document: Document = json.loads(line)
        return document

    async def stop(self) -> None:
        with contextlib.suppress(RuntimeError, ConnectionError):
            await asyncio.wait_for(self.command("quit"), timeout=30)
        if self._process.returncode is None:
            try:
                await asyncio.wait_for(self._process.wait(), timeout=10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()


async def command_all(crowds: list[CrowdProcess], name: str, **fields: Any) -> list[Document]:
    return list(await asyncio.gather(*(crowd.command(name, **fields) for crowd in crowds)))


if __name__ == "__main__":
    worker_main()
