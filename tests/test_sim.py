"""Simulated phones speak the public protocol with the host's own typed messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.host.record import HostRecord, write_record
from facilitator.protocol.commands import Approve, Project
from facilitator.sim.__main__ import rehearsal_secret, rehearse
from facilitator.sim.phone import PhoneError, SimulatedPhone
from tests.host.harness import running_server
from tests.waiting import wait_until


async def test_a_simulated_phone_joins_confesses_follows_and_agrees(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        phone = SimulatedPhone(run.http, f"{run.base}/")
        await phone.join()
        await phone.connect()
        await wait_until(phone.connected.is_set)
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


async def test_a_rehearsal_audience_is_admitted_by_the_hosts_secret(tmp_path: Path) -> None:
    async with running_server(tmp_path / "host") as run:
        write_record(
            tmp_path,
            HostRecord(
                1, "127.0.0.1", 1, run.service.session.moderator_secret, run.rehearsal_secret
            ),
        )
        secret = rehearsal_secret(tmp_path)
        await rehearse(f"{run.base}/", phones=70, duration=0.0, agree_share=0.5, secret=secret)
        assert run.service.phones_joined() == 70  # more than one address gets at once
        assert run.service.room().shared_apart == 0  # and none of them is flagged


def test_without_a_running_host_there_is_no_rehearsal(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="No session host is running"):
        rehearsal_secret(tmp_path)
