"""A crowded room read rightly: phones on shared addresses counted apart until the
facilitator counts them, and confessions sent too fast kept waiting, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.errors import UnknownParticipant
from facilitator.core.events import (
    AgreementCountChanged,
    EventBus,
    ItemAdded,
    ItemChanged,
    RoomChanged,
)
from facilitator.core.model import ItemState, Room, Sharing
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import CountShared, EndSession
from tests.core.helpers import Recorder, client_id
from tests.core.helpers import Room as Phones


@pytest.fixture
def phones(service: SessionService) -> Phones:
    return Phones(service)


def shared_phone(service: SessionService) -> int:
    return service.participant(service.join(Sharing.SET_APART))


def counts(service: SessionService, item_id: int) -> tuple[int, int]:
    item = service.item(item_id)
    return item.agreement_count, item.set_apart_count


# Shared addresses


def test_agreements_from_a_shared_address_are_counted_apart(
    service: SessionService, phones: Phones, recorder: Recorder
) -> None:
    shown = phones.shown(phones.phone())
    own, shared = phones.phone(), shared_phone(service)

    assert service.set_agreement(own, shown, True).count == 1
    outcome = service.set_agreement(shared, shown, True)

    assert outcome.count == 1  # the phone is told the public count
    assert counts(service, shown) == (1, 1)
    projection = service.projection()
    assert projection is not None and projection.agreement_count == 1  # the big screen's
    assert recorder.of(AgreementCountChanged)[-2:] == [
        AgreementCountChanged(shown, 1, 0),
        AgreementCountChanged(shown, 1, 1),
    ]
    service.set_agreement(shared, shown, False)
    assert counts(service, shown) == (1, 0)


def test_marking_an_address_shared_moves_its_earlier_agreements_apart(
    service: SessionService, phones: Phones, recorder: Recorder
) -> None:
    shown = phones.shown(phones.phone())
    other = phones.shown(phones.phone())
    voters = [phones.phone() for _ in range(5)]
    for voter in voters:
        service.set_agreement(voter, shown, True)
    service.set_agreement(voters[0], other, True)
    recorder.clear()

    service.mark_shared(voters[:3])

    assert counts(service, shown) == (2, 3)
    assert counts(service, other) == (0, 1)
    assert service.room() == Room(shared_apart=3, shared_counted=0, waiting=0)
    assert AgreementCountChanged(shown, 2, 3) in recorder.events
    assert AgreementCountChanged(other, 0, 1) in recorder.events
    assert {e.item.id for e in recorder.of(ItemChanged)} == {shown, other}
    assert recorder.of(RoomChanged) == [RoomChanged(service.room())]


def test_counting_shared_addresses_is_the_facilitators_decision(
    service: SessionService, phones: Phones, recorder: Recorder
) -> None:
    shown = phones.shown(phones.phone())
    own, shared = phones.phone(), shared_phone(service)
    service.set_agreement(own, shown, True)
    service.set_agreement(shared, shown, True)

    service.execute(CountShared(counted=True))

    assert counts(service, shown) == (2, 0)
    assert service.room() == Room(shared_apart=0, shared_counted=1, waiting=0)
    counted_later = service.participant(service.join(Sharing.COUNTED))  # a counted address
    assert service.set_agreement(counted_later, shown, True).count == 3
    apart_later = shared_phone(service)  # an address found shared after the decision
    assert service.set_agreement(apart_later, shown, True).count == 3
    assert counts(service, shown) == (3, 1)
    assert service.room() == Room(shared_apart=1, shared_counted=2, waiting=0)

    service.execute(CountShared(counted=False))

    assert counts(service, shown) == (1, 3)
    assert recorder.of(RoomChanged)[-1].room == Room(3, shared_counted=0, waiting=0)


def test_marking_leaves_a_counted_participant_counted(
    service: SessionService, phones: Phones
) -> None:
    shown = phones.shown(phones.phone())
    counted = service.participant(service.join(Sharing.COUNTED))
    service.set_agreement(counted, shown, True)

    service.mark_shared([counted])

    assert counts(service, shown) == (1, 0)


def test_the_record_keeps_the_public_count(
    service: SessionService, phones: Phones, store: Store
) -> None:
    shown = phones.shown(phones.phone())
    service.set_agreement(phones.phone(), shown, True)
    service.set_agreement(shared_phone(service), shown, True)

    service.execute(EndSession())

    assert store.item(shown).agreement_count == 1


def test_a_shared_phone_joins_and_acts_like_any_other(
    service: SessionService, phones: Phones
) -> None:
    token = service.join(Sharing.SET_APART)
    participant = service.participant(token)
    assert phones.submit(participant, "Sent from a venue network")
    assert service.phones_joined() == 1
    with pytest.raises(UnknownParticipant):
        service.participant("not-a-token")


# Confessions sent too fast


def test_a_confession_out_of_turn_waits_and_is_acknowledged(
    service: SessionService, phones: Phones, recorder: Recorder
) -> None:
    author = phones.phone()

    outcome = service.submit(author, client_id(1), "Too fast", may_enter=lambda _: False)

    assert outcome.confession_id is None and not outcome.duplicate
    assert service.items() == []
    assert service.room().waiting == 1
    assert recorder.of(RoomChanged)[-1].room.waiting == 1
    again = service.submit(author, client_id(1), "Too fast", may_enter=lambda _: True)
    assert again.duplicate  # a retry stores nothing new while it waits


def test_once_one_waits_the_authors_next_ones_wait_behind_it(
    service: SessionService, phones: Phones
) -> None:
    author, other = phones.phone(), phones.phone()
    service.submit(author, client_id(1), "First, too fast", may_enter=lambda _: False)
    asked: list[int] = []

    def allow(author_id: int) -> bool:
        asked.append(author_id)
        return True

    service.submit(author, client_id(2), "Second", may_enter=allow)
    service.submit(other, client_id(3), "Someone else's", may_enter=allow)

    assert asked == [other]  # no turn is used up while the author's others wait
    assert [item.text for item in service.items()] == ["Someone else's"]
    assert service.room().waiting == 2


def test_waiting_confessions_enter_in_order_when_it_is_their_turn(
    service: SessionService, phones: Phones, recorder: Recorder
) -> None:
    fast, slow = phones.phone(), phones.phone()
    for n in range(3):
        service.submit(fast, client_id(n), f"Fast {n}", may_enter=lambda _: False)
    service.submit(slow, client_id(9), "Slow", may_enter=lambda _: False)
    recorder.clear()

    assert service.release_waiting(lambda author: author == fast) == 1
    assert [item.text for item in service.items()] == ["Fast 0"]
    assert service.release_waiting(lambda _: True) == 2
    assert [item.text for item in service.items()] == ["Fast 0", "Fast 1", "Slow"]
    assert service.release_waiting(lambda _: False) == 0
    assert service.release_waiting(lambda _: True) == 1

    assert [e.item.text for e in recorder.of(ItemAdded)] == ["Fast 0", "Fast 1", "Slow", "Fast 2"]
    assert all(item.state is ItemState.INCOMING for item in service.items())
    assert service.room().waiting == 0
    released = service.items()[0]
    assert (released.original_text, released.version) == ("Fast 0", 1)
    duplicate = service.submit(fast, client_id(0), "Fast 0")
    assert duplicate.duplicate and duplicate.confession_id == released.id


def test_waiting_confessions_survive_a_restart(tmp_path: Path, file_store: Store) -> None:
    bus = EventBus()
    service = SessionService.start_new(file_store, bus, tmp_path / "t")
    author = service.participant(service.join())
    service.submit(author, client_id(1), "Kept though it waits", may_enter=lambda _: False)
    file_store.close()

    reopened = Store.open(tmp_path / "data")
    try:
        session = reopened.latest_open_session()
        assert session is not None
        resumed = SessionService.resume(reopened, bus, session, tmp_path / "t")
        assert resumed.room().waiting == 1
        resumed.release_waiting(lambda _: True)
        assert [item.text for item in resumed.items()] == ["Kept though it waits"]
    finally:
        reopened.close()


def test_ending_the_session_forgets_what_still_waits(
    service: SessionService, phones: Phones, store: Store
) -> None:
    service.submit(phones.phone(), client_id(1), "Never shown", may_enter=lambda _: False)

    service.execute(EndSession())

    assert store.waiting_count(service.session.id) == 0
    assert service.release_waiting(lambda _: True) == 0
