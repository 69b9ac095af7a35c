"""Simulated phones speak the public protocol with the host's own typed messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.protocol.commands import Approve, Project
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
