"""The moderator stream from the core's events: numbered, serialised once, coalesced counts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.events import EventBus
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.host import feed as feed_module
from facilitator.host.feed import ModeratorFeed
from facilitator.host.likeness import SHOWN
from facilitator.host.links import JoinLinks
from facilitator.join.addresses import join_link, rank_candidates
from facilitator.protocol.commands import Approve, Edit, Project, SetBatching
from facilitator.protocol.moderator import HostStatus


class ManualClock:
    """``call_later`` whose callbacks run when the test says time has passed."""

    def __init__(self) -> None:
        self.due: list[tuple[float, Callable[[], None]]] = []

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        self.due.append((delay, callback))

    def run_due(self) -> None:
        due, self.due = self.due, []
        for _, callback in due:
            callback()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[SessionService]:
    store = Store.in_memory()
    yield SessionService.start_new(store, EventBus(), tmp_path / "transcripts")
    store.close()


def feed_for(service: SessionService, clock: ManualClock) -> tuple[ModeratorFeed, list[Any]]:
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("eth0", "10.0.0.5")]))
    link = join_link("192.168.1.23", 8737, service.session.moderator_secret, candidates)
    links = JoinLinks(link, service.session.moderator_secret)
    feed = ModeratorFeed(service, links, clock.call_later)
    received: list[Any] = []
    feed.subscribe(lambda raw: received.append(json.loads(raw)))
    return feed, received


def test_changes_are_numbered_one_by_one(service: SessionService) -> None:
    clock = ManualClock()
    feed, received = feed_for(service, clock)
    start = feed.seq
    participant = service.participant(service.join())
    confession = service.submit(participant, "client-0001", "I skipped the tests.").confession_id
    service.execute(Approve(confession))
    service.execute(Project(confession))
    assert [m["type"] for m in received] == [
        "item.added",
        "item.changed",
        "undo.changed",
        "item.changed",
        "projection.changed",
        "undo.changed",
    ]
    assert [m["payload"]["seq"] for m in received] == [start + n for n in range(1, 7)]
    assert feed.snapshot().seq == start + 6


def test_counts_go_out_once_per_frame_with_the_latest_value(service: SessionService) -> None:
    clock = ManualClock()
    _, received = feed_for(service, clock)
    service.execute(SetBatching("off"))  # the confession goes straight in
    participants = [service.participant(service.join()) for _ in range(50)]
    confession = service.submit(participants[0], "client-0001", "I trusted a mock.").confession_id
    service.execute(Approve(confession))
    service.execute(Project(confession))
    received.clear()
    for participant in participants:
        service.set_agreement(participant, confession, True)
    assert received == []  # nothing before the frame
    assert feed_module.COUNT_FRAME_SECONDS in [delay for delay, _ in clock.due]
    clock.run_due()
    counts = [m for m in received if m["type"] != "projector.changed"]
    assert [(m["type"], m["payload"]["count"]) for m in counts] == [("count.changed", 50)]


def test_phones_connected_is_reported_a_few_times_a_second_at_most(
    service: SessionService,
) -> None:
    clock = ManualClock()
    feed, received = feed_for(service, clock)
    for count in range(1, 301):
        feed.set_phones_connected(count)
    assert len(clock.due) == 1
    clock.run_due()
    feed.set_phones_connected(300)  # no change: nothing to report
    assert clock.due == []
    assert [m["payload"]["connected"] for m in received] == [300]
    assert feed.snapshot().phones_connected == 300


def test_another_address_changes_the_link_for_everyone(service: SessionService) -> None:
    clock = ManualClock()
    feed, received = feed_for(service, clock)
    assert feed.snapshot().join.host_ip == "192.168.1.23"
    feed._links.use("10.0.0.5")
    [changed] = received
    assert changed["type"] == "join.changed"
    assert changed["payload"]["join"]["join_url"] == "http://10.0.0.5:8737/"
    assert feed.snapshot().join.host_ip == "10.0.0.5"


def test_the_hosts_own_work_is_in_the_snapshot_and_announced_once(
    service: SessionService,
) -> None:
    feed, received = feed_for(service, ManualClock())
    awake = HostStatus(keeping_awake=True, awake_detail="", rehearsal_phones=0)

    feed.set_host_status(awake)
    feed.set_host_status(awake)  # no change: nothing sent

    assert [(m["type"], m["payload"]["host"]) for m in received] == [
        (
            "host.changed",
            {
                "keeping_awake": True,
                "awake_detail": "",
                "rehearsal_phones": 0,
                "rehearsal_detail": "",
                "phone_page_seen": False,
                "address_changes": 0,
                "address_changed_from": "",
            },
        )
    ]
    assert received[0]["payload"]["seq"] == feed.seq
    assert feed.snapshot().host == awake


def items(received: list[Any]) -> list[Any]:
    return [m for m in received if m["type"] in ("item.added", "item.changed")]


def test_very_like_items_name_each_other_as_they_come_and_change(
    service: SessionService,
) -> None:
    feed, received = feed_for(service, ManualClock())
    first = service.participant(service.join())
    second = service.participant(service.join())
    one = service.submit(first, "client-0001", "I stayed silent in the meeting.").confession_id
    other = service.submit(second, "client-0002", "i stayed silent in the meeting").confession_id
    assert one is not None and other is not None

    assert [
        (m["type"], m["payload"]["item"]["id"], m["payload"]["item"]["like"])
        for m in items(received)
    ] == [
        ("item.added", one, []),
        ("item.added", other, [one]),
        ("item.changed", one, [other]),
    ]
    assert {item.id: item.like for item in feed.snapshot().items} == {one: (other,), other: (one,)}

    received.clear()
    version = service.item(other).version
    service.execute(Edit(other, version, "I broke the build.", ""))  # another mistake now
    assert [
        (m["payload"]["item"]["id"], m["payload"]["item"]["like"]) for m in items(received)
    ] == [
        (other, []),
        (one, []),
    ]


DISTINCT = (
    "I deployed on a Friday.",
    "I emailed the wrong client.",
    "I never tested the backups.",
    "I approved a pull request without reading it.",
    "I hired a friend.",
    "I ignored the security warning.",
    "I promised a date I could not keep.",
    "I forgot to renew the domain.",
    "I blamed the intern.",
    "I skipped the retrospective.",
    "I deleted the production database.",
    "I shared my password in a chat.",
    "I missed the launch because of time zones.",
    "I kept a failing project alive.",
    "I said yes to everything.",
    "I rewrote it all from scratch.",
    "I did not ask for help.",
    "I merged on a holiday.",
    "I printed the salaries.",
    "I took credit for the idea.",
)


def test_a_resumed_sessions_items_are_compared_a_few_at_a_time(service: SessionService) -> None:
    author = service.participant(service.join())
    others = iter(DISTINCT)
    for n in range(25):
        text = "I stayed silent in the meeting." if n % 5 == 0 else next(others)
        service.submit(author, f"client-{n:04d}", text)
    clock = ManualClock()
    feed, received = feed_for(service, clock)  # the host starts on a session with items
    assert all(item.like == () for item in feed.snapshot().items)

    turns = 0
    while clock.due:
        clock.run_due()
        turns += 1

    assert turns == 3  # 25 items, 10 a turn: the host answers phones in between
    alike = {item.id: item.like for item in feed.snapshot().items if item.like}
    assert sorted(alike) == [1, 6, 11, 16, 21]
    assert alike[1] == (6, 11, 16, 21)
    assert {m["payload"]["item"]["id"] for m in items(received)} == set(alike)


def test_a_crowd_sending_the_same_text_does_not_send_every_item_again(
    service: SessionService,
) -> None:
    _, received = feed_for(service, ManualClock())
    for n in range(SHOWN + 5):
        author = service.participant(service.join())
        service.submit(author, f"client-{n:04d}", "Same words, sent by many phones.")

    sent = [(m["type"], m["payload"]["item"]["id"]) for m in items(received)]
    assert len(sent) <= (SHOWN + 5) + SHOWN * (SHOWN + 1) // 2  # not one per pair of them
    last = items(received)[-1]["payload"]["item"]
    assert (last["id"], last["like"]) == (SHOWN + 5, list(range(1, SHOWN + 1)))
