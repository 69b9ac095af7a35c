"""A rehearsal: the host starts a simulated audience in a process of its own, which joins
by the rehearsal secret, confesses and agrees, and stops when asked, at the session's end
and with the host; if it dies, moderators are told."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.errors import StoreUnavailable
from facilitator.host.rehearsal import LOG_NAME, STOP_SECONDS, Rehearsal
from facilitator.protocol.commands import (
    Approve,
    EndSession,
    KeepRehearsal,
    Project,
    StartRehearsal,
    StopRehearsal,
)
from facilitator.sim.launch import PACE_ENV, SECRET_ENV
from tests.host.harness import Running, running_server
from tests.test_sim import start_audience
from tests.waiting import wait_until

FAST = "0.01"  # a hundred times a room's pace: the phones arrive within 0.4 s
JOIN_SECONDS = 20.0


@pytest.fixture(autouse=True)
def fast_audience(monkeypatch: pytest.MonkeyPatch) -> None:
    """The host's audience inherits the environment: it rehearses fast."""
    monkeypatch.setenv(PACE_ENV, FAST)


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (the host reaps its audience when it exits)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def state(run: Running) -> dict[str, Any]:
    async with run.http.get(f"{run.moderator_base}/api/state") as reply:
        document: dict[str, Any] = (await reply.json())["payload"]
    return document


def rehearsal_of(run: Running) -> Rehearsal:
    assert run.host is not None and run.host.rehearsal is not None
    return run.host.rehearsal


def audience_log(data_dir: Path) -> str:
    path = data_dir / "logs" / LOG_NAME
    return path.read_text(encoding="utf-8") if path.exists() else ""


async def started(run: Running, phones: int) -> int:
    """Start an audience of ``phones`` and wait until all have joined; its process id."""
    status, body = await run.moderate(StartRehearsal(phones))
    assert status == 200, body
    pid = rehearsal_of(run).pid
    assert pid is not None
    await wait_until(lambda: run.service.phones_joined() == phones, timeout=JOIN_SECONDS)
    return pid


async def test_the_audience_joins_confesses_agrees_and_stops_when_asked(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        status, body = await run.moderate(StartRehearsal(4))
        assert status == 200, body
        document = await state(run)
        assert document["host"]["rehearsal_phones"] == 4
        assert document["session"]["rehearsal"] is True  # the session is marked
        pid = rehearsal_of(run).pid
        assert pid is not None

        await wait_until(lambda: run.service.phones_joined() == 4, timeout=JOIN_SECONDS)
        # All from the laptop's own address, admitted by the secret: none flagged.
        assert run.service.room().shared_apart == 0
        await wait_until(lambda: len(run.service.items()) >= 2, timeout=JOIN_SECONDS)

        confession = run.service.items()[0]
        await run.moderate(Approve(confession.id))
        await run.moderate(Project(confession.id))
        # 60 % of 4 phones agree with each confession shown: 2 of them, after reading it.
        await wait_until(lambda: run.service.item(confession.id).agreement_count == 2)

        status, body = await run.moderate(StopRehearsal())
        assert status == 200, body
        assert (await state(run))["host"]["rehearsal_phones"] == 0
        await wait_until(lambda: not alive(pid), timeout=STOP_SECONDS)
        await wait_until(lambda: len(run.live.phones) == 0)
        assert "Stopped (asked to stop): 4 phones joined" in audience_log(tmp_path)
        assert run.service.session.rehearsal  # it stays a rehearsal

        status, body = await run.moderate(StopRehearsal())  # nothing runs: nothing to do
        assert status == 200, body


async def test_the_secret_is_not_on_the_audiences_command_line(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        pid = await started(run, 1)
        command_line = Path(f"/proc/{pid}/cmdline")
        if command_line.exists():
            assert run.rehearsal_secret.encode() not in command_line.read_bytes()
        environment = Path(f"/proc/{pid}/environ")
        if environment.exists():
            assert f"{SECRET_ENV}={run.rehearsal_secret}".encode() in environment.read_bytes()


async def test_the_audience_stops_at_the_end_and_the_record_is_kept_apart(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        pid = await started(run, 3)
        status, body = await run.moderate(EndSession())
        assert status == 200, body
        assert (await state(run))["host"]["rehearsal_phones"] == 0
        await wait_until(lambda: not alive(pid), timeout=STOP_SECONDS)
        assert "Stopped" in audience_log(tmp_path)

        rehearsals = tmp_path / "rehearsals"
        assert sorted(p.suffix for p in rehearsals.iterdir()) == [".json", ".md"]
        assert not (tmp_path / "transcripts").exists()  # not in the session library

        status, body = await run.moderate(StartRehearsal(3))
        assert (status, body["payload"]["code"]) == (409, "session_ended")

        status, body = await run.moderate(KeepRehearsal())
        assert status == 200, body
        assert sorted(p.suffix for p in (tmp_path / "transcripts").iterdir()) == [".json", ".md"]
        assert list(rehearsals.iterdir()) == []
        document = await state(run)
        assert document["session"]["rehearsal"] is False
        assert all("/transcripts/" in path for path in document["transcript_paths"])


async def test_one_rehearsal_at_a_time(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        await started(run, 1)
        status, body = await run.moderate(StartRehearsal(2))
        assert (status, body["payload"]["code"]) == (409, "rehearsal_running")
        assert (await state(run))["host"]["rehearsal_phones"] == 1


async def test_an_audience_that_dies_is_reported(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        pid = await started(run, 2)
        os.kill(pid, signal.SIGKILL)
        feed = run.host.feed if run.host is not None else None
        assert feed is not None
        await wait_until(lambda: feed.host_status.rehearsal_detail)
        host = (await state(run))["host"]
        assert host["rehearsal_phones"] == 0
        assert host["rehearsal_detail"].startswith("The simulated audience stopped by itself")
        assert not rehearsal_of(run).running

        status, body = await run.moderate(StartRehearsal(1))  # a new one may start
        assert status == 200, body
        assert (await state(run))["host"]["rehearsal_detail"] == ""


async def test_the_audience_stops_with_the_host(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        pid = await started(run, 2)
    assert not alive(pid)  # the host waited for it on the way down
    assert "Stopped (asked to stop)" in audience_log(tmp_path)


async def test_an_audience_with_a_wrong_secret_is_refused(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        audience = start_audience(f"{run.base}/", 2, "not-the-secret")
        try:
            await wait_until(lambda: audience.poll() is not None, timeout=JOIN_SECONDS)
        finally:
            if audience.poll() is None:
                audience.kill()
            _, errors = audience.communicate(timeout=10)
        output = errors.decode()
        assert audience.returncode == 1
        assert "the host refused the rehearsal secret" in output
        assert "not_rehearsal" in output
        assert run.service.phones_joined() == 0


async def test_no_audience_runs_in_a_session_that_could_not_be_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_server(tmp_path) as run:

        def cannot_save() -> None:
            raise StoreUnavailable("disk full")

        monkeypatch.setattr(run.service, "mark_rehearsal", cannot_save)
        status, body = await run.moderate(StartRehearsal(2))
        assert (status, body["payload"]["code"]) == (503, "not_saved")
        rehearsal = rehearsal_of(run)
        assert not rehearsal.running
        await wait_until(lambda: not rehearsal._ending, timeout=STOP_SECONDS)  # stopped
        assert (await state(run))["host"]["rehearsal_phones"] == 0
