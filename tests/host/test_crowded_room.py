"""A crowded room over real sockets: joins per address, phones on a shared address
counted apart, a rehearsal audience admitted by its secret, and a confession flood
kept waiting instead of filling Incoming."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.core.events import EventBus
from facilitator.core.model import Sharing
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host.confession_pace import (
    SET_APART_BURST,
    SET_APART_SECONDS_BETWEEN,
    ConfessionPace,
)
from facilitator.host.participant_api import JOIN_BURST
from facilitator.host.shared_addresses import ALLOWANCE, SharedAddresses
from facilitator.protocol.commands import Approve, CountShared, Project, SetBatching
from tests.host.harness import Running, envelope, running_server
from tests.phones import join_from

VENUE = "127.0.200.1"  # one address for many phones, as behind a venue's NAT
OTHER_VENUE = "127.0.200.2"


async def state(run: Running) -> dict[str, Any]:
    async with run.http.get(f"{run.moderator_base}/api/state") as reply:
        document: dict[str, Any] = (await reply.json())["payload"]
    return document


def shown_confession(run: Running) -> int:
    item = run.service.items()[-1]
    run.service.execute(Approve(item.id))
    run.service.execute(Project(item.id))
    return item.id


async def agree(run: Running, token: str, confession_id: int) -> int:
    payload = {"confession_id": confession_id, "agreed": True}
    status, body = await run.send(token, envelope("agreement.set", payload))
    assert status == 200, body
    count: int = body["payload"]["count"]
    return count


async def test_one_address_gets_a_burst_of_tokens_then_a_steady_pace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_server(tmp_path) as run:
        # Time stands still for the limiter: a slow machine refills nothing meanwhile.
        monkeypatch.setattr(run.server.participants._joins, "_clock", lambda: 1000.0)
        statuses = []
        for _ in range(JOIN_BURST + 3):
            # From 127.0.0.1, the laptop's own address: limited like any other.
            async with run.http.post(f"{run.base}/api/join", json=envelope("join", {})) as reply:
                statuses.append(reply.status)
                if reply.status == 429:
                    assert (await reply.json())["payload"]["code"] == "rate_limited"
                    assert int(reply.headers["Retry-After"]) >= 1
        assert statuses[:JOIN_BURST] == [200] * JOIN_BURST
        assert statuses[JOIN_BURST:] == [429] * 3
        status, _ = await join_from(run.base, VENUE)
        assert status == 200  # another address has its own pace


async def test_a_shared_address_is_counted_apart_until_the_facilitator_counts_it(
    tmp_path: Path,
) -> None:
    async with running_server(tmp_path) as run:
        author = await run.join()
        await run.submit(author, "client-0001", "I merged on a Friday.")
        confession = shown_confession(run)
        venue = []
        for _ in range(ALLOWANCE):
            status, body = await join_from(run.base, VENUE)
            venue.append(body["payload"]["token"])
        for token in venue:
            await agree(run, token, confession)
        assert (await state(run))["room"]["shared_apart"] == 0
        assert run.service.item(confession).agreement_count == ALLOWANCE

        status, body = await join_from(run.base, VENUE)  # one more: the address is shared
        venue.append(body["payload"]["token"])
        assert await agree(run, venue[-1], confession) == 0  # the public count, all apart

        shared = ALLOWANCE + 1
        document = await state(run)
        assert document["room"] == {
            "shared_apart": shared,
            "shared_counted": 0,
            "waiting": 0,
            "batching": False,
        }
        [item] = [i for i in document["items"] if i["id"] == confession]
        assert (item["agreement_count"], item["set_apart_count"]) == (0, shared)
        assert await agree(run, author, confession) == 1

        status, _ = await run.moderate(CountShared(counted=True))
        assert status == 200
        assert run.service.item(confession).agreement_count == shared + 1
        async with run.http.get(f"{run.base}/api/session") as reply:
            session = (await reply.json())["payload"]
        assert session["projection"]["count"] == shared + 1  # the phones' and big screen's

        status, body = await join_from(run.base, VENUE)  # the decision holds for the address
        assert await agree(run, body["payload"]["token"], confession) == shared + 2
        status, body = await join_from(run.base, OTHER_VENUE)
        status, body = await join_from(run.base, OTHER_VENUE)  # another address, shared now
        assert await agree(run, body["payload"]["token"], confession) == shared + 2
        document = await state(run)
        assert document["room"] == {
            "shared_apart": 2,
            "shared_counted": shared + 1,
            "waiting": 0,
            "batching": False,
        }


async def test_a_rehearsal_audience_joins_by_its_secret_not_its_address(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        secret = run.rehearsal_secret
        for _ in range(JOIN_BURST + 10):
            status, body = await join_from(run.base, VENUE, rehearsal=secret)
            assert status == 200, body
        assert run.service.room().shared_apart == 0

        status, body = await join_from(run.base, VENUE, rehearsal="guessed")
        assert (status, body["payload"]["code"]) == (403, "not_rehearsal")
        assert run.service.phones_joined() == JOIN_BURST + 10


async def test_a_flood_of_confessions_waits_instead_of_filling_incoming(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        flooder, other = await run.join(), await run.join()
        for n in range(12):
            await run.submit(flooder, f"flood-{n:04d}", f"Flood number {n}")  # each acknowledged
        await run.submit(other, "client-0001", "A real confession")

        texts = [item.text for item in run.service.items()]
        assert texts == ["Flood number 0", "Flood number 1", "Flood number 2", "A real confession"]
        assert (await state(run))["room"]["waiting"] == 9
        status, body = await run.send(
            flooder, envelope("confession.submit", {"client_id": "flood-0005", "text": "again"})
        )
        assert (status, body["payload"]["duplicate"]) == (200, True)


def test_shared_addresses_flag_every_phone_of_an_address_past_the_allowance() -> None:
    addresses = SharedAddresses(allowance=2)
    assert addresses.joined(1, "10.0.0.5", 11) == []
    assert addresses.joined(1, "10.0.0.5", 12) == []
    assert addresses.joined(1, "10.0.0.6", 13) == []
    assert addresses.sharing(1, "10.0.0.5") is Sharing.OWN_ADDRESS

    assert addresses.joined(1, "10.0.0.5", 14) == [11, 12, 14]
    assert addresses.sharing(1, "10.0.0.5") is Sharing.SET_APART
    assert addresses.sharing(1, "10.0.0.6") is Sharing.OWN_ADDRESS
    assert addresses.sharing(2, "10.0.0.5") is Sharing.OWN_ADDRESS  # a new session: afresh
    assert addresses.joined(2, "10.0.0.5", 21) == []


def test_the_facilitators_decision_holds_for_the_addresses_shared_when_it_was_taken() -> None:
    addresses = SharedAddresses(allowance=1)
    addresses.joined(1, "10.0.0.5", 11)
    addresses.joined(1, "10.0.0.5", 12)

    addresses.count(1, counted=True)
    addresses.joined(1, "10.0.0.6", 13)
    assert addresses.joined(1, "10.0.0.6", 14) == [13, 14]

    assert addresses.sharing(1, "10.0.0.5") is Sharing.COUNTED
    assert addresses.sharing(1, "10.0.0.6") is Sharing.SET_APART
    addresses.count(1, counted=False)
    assert addresses.sharing(1, "10.0.0.5") is Sharing.SET_APART


def test_shared_addresses_keep_a_bounded_memory() -> None:
    addresses = SharedAddresses(allowance=1, max_addresses=3)
    for n in range(10):
        addresses.joined(1, f"10.0.0.{n}", n)
    assert addresses.joined(1, "10.0.0.0", 100) == []  # forgotten: counted afresh
    assert addresses.joined(1, "10.0.0.9", 101) == [9, 101]


def test_the_pace_lets_three_in_then_one_every_twenty_seconds(tmp_path: Path) -> None:
    now = [0.0]
    store = Store.in_memory()
    service = SessionService.start_new(store, EventBus(), tmp_path)
    pace = ConfessionPace(service, clock=lambda: now[0])
    author = service.participant(service.join())
    for n in range(6):
        service.submit(author, f"client-{n:04d}", f"Confession {n}", may_enter=pace.may_enter)
    assert len(service.items()) == 3 and service.room().waiting == 3

    assert pace.release() == 0
    now[0] += 20.0
    assert pace.release() == 1
    assert pace.release() == 0
    now[0] += 60.0
    assert pace.release() == 1  # one per author each time: a steady pace, not a burst
    assert pace.release() == 1
    assert [item.text for item in service.items()][-3:] == [
        "Confession 3",
        "Confession 4",
        "Confession 5",
    ]
    store.close()


def test_phones_set_apart_share_one_pace_between_them(tmp_path: Path) -> None:
    now = [0.0]
    store = Store.in_memory()
    service = SessionService.start_new(store, EventBus(), tmp_path)
    pace = ConfessionPace(service, clock=lambda: now[0])
    service.execute(SetBatching("off"))  # the pace alone, not the timing privacy
    minted = [service.participant(service.join(Sharing.SET_APART)) for _ in range(40)]
    counted = service.participant(service.join(Sharing.COUNTED))
    for n, author in enumerate(minted):
        service.submit(author, f"minted-{n:04d}", f"Minted {n}", may_enter=pace.may_enter)
    service.submit(counted, "client-0001", "From a counted venue", may_enter=pace.may_enter)

    assert len(service.items()) == SET_APART_BURST + 1  # not one per minted token
    assert service.room().waiting == 40 - SET_APART_BURST
    now[0] += 60.0
    assert pace.release() == 60 / SET_APART_SECONDS_BETWEEN
    store.close()
