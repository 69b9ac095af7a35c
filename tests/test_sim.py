"""Simulated phones and the rehearsal audience speak the public protocol with the host's
own typed messages: the audience joins by the rehearsal secret at a room's pace (here a
hundred times faster), confesses from the sample set, agrees, and stops when asked."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.core import rules
from facilitator.host.record import HostRecord, write_record
from facilitator.protocol.commands import Approve, EndSession, Project
from facilitator.sim.__main__ import rehearsal_secret
from facilitator.sim.audience import Audience, Behaviour, load_samples
from facilitator.sim.launch import AUDIENCE_SWITCH, PACE_ENV, SECRET_ENV, audience_command
from facilitator.sim.phone import PhoneError, SimulatedPhone
from tests.host.harness import Running, running_server
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
FAST = 0.01  # a hundred times a room's pace


async def test_a_simulated_phone_joins_confesses_follows_and_agrees(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        phone = SimulatedPhone(run.http, f"{run.base}/")
        await phone.join()
        await phone.connect()
        await wait_until(phone.connected.is_set)
        assert (phone.session_id, phone.status) == (run.service.session.id, "open")
        received = await phone.submit("I rehearsed with nobody.", "Rehearse with a room.")
        assert received.duplicate is False
        [confession] = run.service.items()
        await run.moderate(Approve(confession.id))
        await run.moderate(Project(confession.id))
        await wait_until(lambda: phone.projection is not None)
        assert phone.projection is not None
        assert phone.projection.text == "I rehearsed with nobody."
        assert await phone.agree(confession.id) == 1
        await wait_until(lambda: phone.count == 1)
        with pytest.raises(PhoneError) as refused:
            await phone.agree(confession.id + 100)
        assert (refused.value.status, refused.value.code) == (409, "not_shown")
        await phone.close()


def start_audience(url: str, phones: int, secret: str) -> subprocess.Popen[bytes]:
    """``python -m facilitator.sim`` as a process of its own, as the host starts it (its
    report on stderr)."""
    return subprocess.Popen(
        [sys.executable, "-m", "facilitator.sim", url, "--phones", str(phones)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, SECRET_ENV: secret, PACE_ENV: str(FAST)},
        cwd=ROOT,
    )


def audience(
    run: Running,
    phones: int,
    join_seconds: float,
    confess_share: float = 0.5,
    agree_share: float = 0.6,
) -> Audience:
    behaviour = Behaviour(phones, join_seconds, confess_share, agree_share, pace=FAST, seed=7)
    return Audience(
        f"{run.base}/", run.rehearsal_secret, behaviour, load_samples(), out=io.StringIO()
    )


async def test_the_audience_is_admitted_by_the_secret_and_stops_when_asked(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        crowd = audience(run, phones=70, join_seconds=0.0)
        running = asyncio.ensure_future(crowd.run())
        await wait_until(lambda: crowd.tally.joined == 70, timeout=20)
        assert run.service.phones_joined() == 70  # more than one address gets at once
        assert run.service.room().shared_apart == 0  # and none of them is flagged
        await wait_until(lambda: len(run.live.phones) == 70)
        crowd.stop()
        assert await running == 0
        assert crowd.reason == "asked to stop"
        await wait_until(lambda: len(run.live.phones) == 0)  # every socket closed


async def test_the_audience_arrives_over_time_confesses_and_agrees(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        crowd = audience(run, phones=10, join_seconds=40.0, confess_share=0.3, agree_share=0.5)
        running = asyncio.ensure_future(crowd.run())
        await wait_until(lambda: crowd.tally.joined == 10, timeout=20)
        arrivals = crowd.tally.joined_at
        assert max(arrivals) - min(arrivals) > 0.05  # not all at once: over 0.4 s here
        # 30 % of the phones confess (3), each at least once.
        await wait_until(lambda: len(run.service.items()) >= 3, timeout=20)
        confession = run.service.items()[0]
        run.service.execute(Approve(confession.id))
        run.service.execute(Project(confession.id))
        await wait_until(lambda: run.service.item(confession.id).agreement_count == 5)
        await wait_until(lambda: crowd.tally.agreed >= 5)  # the phones heard the answers
        crowd.stop()
        assert await running == 0


async def test_the_audience_stops_when_the_session_ends(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        crowd = audience(run, phones=3, join_seconds=0.0)
        running = asyncio.ensure_future(crowd.run())
        await wait_until(lambda: crowd.tally.joined == 3, timeout=20)
        run.service.execute(EndSession())
        assert await asyncio.wait_for(running, 5) == 0
        assert crowd.reason == "the session ended"


async def test_the_audience_stops_when_its_host_has_gone(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        orphan = Audience(
            f"{run.base}/",
            run.rehearsal_secret,
            Behaviour(phones=1, join_seconds=0.0, pace=FAST),
            load_samples(),
            parent=os.getppid() + 1_000_000,  # not this process's parent
            out=io.StringIO(),
        )
        assert await asyncio.wait_for(orphan.run(), 5) == 0
        assert orphan.reason == "the session host has gone"


async def test_an_audience_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        process = start_audience(f"{run.base}/", 3, run.rehearsal_secret)
        try:
            await wait_until(lambda: len(run.live.phones) == 3, timeout=60)  # connected
            process.send_signal(signal.SIGTERM)
            await wait_until(lambda: process.poll() is not None, timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
            _, errors = process.communicate(timeout=10)
        assert process.returncode == 0
        assert "Stopped (asked to stop): 3 phones joined" in errors.decode()
        await wait_until(lambda: len(run.live.phones) == 0)


def test_the_bundle_runs_the_audience_with_a_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "http://127.0.0.1:8737/"
    assert audience_command(url, 5) == [
        sys.executable,
        "-m",
        "facilitator.sim",
        url,
        "--phones",
        "5",
    ]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert audience_command(url, 5) == [sys.executable, AUDIENCE_SWITCH, url, "--phones", "5"]


def test_the_command_line_hands_the_switch_to_the_audience() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", AUDIENCE_SWITCH, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "python -m facilitator.sim" in result.stdout
    assert "--phones" in result.stdout


def test_the_samples_are_in_several_languages_and_pass_the_rules() -> None:
    samples = load_samples()
    languages = {sample.language for sample in samples}
    assert {"en", "de", "fr", "es", "cy", "ar"} <= languages
    for language in ("de", "fr", "es", "cy", "ar"):
        assert sum(sample.language == language for sample in samples) >= 5
    for sample in samples:
        assert rules.clean_text(sample.text, rules.CONFESSION) == sample.text
        assert rules.clean_text(sample.learned, rules.LEARNED) == sample.learned
    assert len({sample.text for sample in samples}) == len(samples)
    welsh = load_samples(["cy"])
    assert welsh and {sample.language for sample in welsh} == {"cy"}
    with pytest.raises(ValueError, match="No sample confession"):
        load_samples(["xx"])


async def test_a_rehearsal_secret_is_read_from_the_hosts_record(tmp_path: Path) -> None:
    async with running_server(tmp_path / "host") as run:
        write_record(
            tmp_path,
            HostRecord(
                1, "127.0.0.1", 1, run.service.session.moderator_secret, run.rehearsal_secret
            ),
        )
        assert rehearsal_secret(tmp_path) == run.rehearsal_secret


def test_without_a_running_host_there_is_no_rehearsal(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="No session host is running"):
        rehearsal_secret(tmp_path)
