"""Rehearsal sessions: marked in the store, their record kept apart from the session
library (``transcripts/``) unless the facilitator keeps it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator.core.errors import CommandRefused, StoreUnavailable
from facilitator.core.events import EventBus, SessionChanged, SessionEnded
from facilitator.core.record.files import REHEARSALS_KEPT, prune_rehearsals
from facilitator.core.session import SessionService
from facilitator.core.store import Store
from facilitator.protocol.commands import EndSession
from tests.core.helpers import TODAY, Recorder, Room

REHEARSALS = "rehearsals"


def record_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def show(service: SessionService, text: str) -> None:
    room = Room(service)
    room.shown(room.phone(), text)


def rehearse_and_end(service: SessionService) -> None:
    service.mark_rehearsal()
    show(service, "I practised alone.")
    service.execute(EndSession())


def test_a_session_is_real_until_marked_as_a_rehearsal(
    service: SessionService, store: Store, recorder: Recorder
) -> None:
    assert not service.session.rehearsal
    service.mark_rehearsal()
    assert service.session.rehearsal
    assert store.session(service.session.id).rehearsal  # in the store, not just in memory
    [changed] = recorder.of(SessionChanged)
    assert changed.session.rehearsal
    service.mark_rehearsal()  # once is enough
    assert len(recorder.of(SessionChanged)) == 1


def test_the_mark_survives_a_restart(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    service = SessionService.start_new(store, EventBus(), tmp_path / "transcripts")
    service.mark_rehearsal()
    store.close()
    store = Store.open(tmp_path)
    try:
        unfinished = store.latest_open_session()
        assert unfinished is not None and unfinished.rehearsal
    finally:
        store.close()
    peeked = Store.peek_unfinished(tmp_path)
    assert peeked is not None and peeked.rehearsal  # the resume question says so


def test_an_ended_session_cannot_become_a_rehearsal(service: SessionService) -> None:
    service.execute(EndSession())
    with pytest.raises(CommandRefused) as refused:
        service.mark_rehearsal()
    assert refused.value.code == "session_ended"


def test_a_rehearsals_record_is_kept_apart(
    service: SessionService, transcripts_dir: Path, recorder: Recorder
) -> None:
    rehearse_and_end(service)
    rehearsals = transcripts_dir.parent / REHEARSALS
    assert record_files(transcripts_dir) == []  # nothing in the session library
    assert [Path(name).suffix for name in record_files(rehearsals)] == [".json", ".md"]
    [ended] = recorder.of(SessionEnded)
    assert all(Path(path).parent == rehearsals for path in ended.transcript_paths)
    assert ended.session.rehearsal


def test_a_real_sessions_record_goes_to_the_library(
    service: SessionService, transcripts_dir: Path
) -> None:
    show(service, "I did it for real.")
    service.execute(EndSession())
    assert len(record_files(transcripts_dir)) == 2
    assert record_files(transcripts_dir.parent / REHEARSALS) == []


def test_keeping_a_rehearsals_record_puts_it_in_the_library(
    service: SessionService, store: Store, transcripts_dir: Path, recorder: Recorder
) -> None:
    rehearse_and_end(service)
    names = record_files(transcripts_dir.parent / REHEARSALS)
    recorder.clear()

    service.keep_rehearsal()

    assert record_files(transcripts_dir) == names
    assert record_files(transcripts_dir.parent / REHEARSALS) == []
    assert not service.session.rehearsal
    assert not store.session(service.session.id).rehearsal  # an ordinary session now
    assert recorder.kinds() == ["SessionChanged", "SessionEnded"]
    [ended] = recorder.of(SessionEnded)
    assert sorted(Path(path).name for path in ended.transcript_paths) == names
    assert all(Path(path).parent == transcripts_dir for path in ended.transcript_paths)
    assert "I practised alone." in (transcripts_dir / names[1]).read_text(encoding="utf-8")

    with pytest.raises(CommandRefused) as refused:
        service.keep_rehearsal()  # kept already
    assert refused.value.code == "no_rehearsal_record"


def test_only_an_ended_rehearsal_can_be_kept(service: SessionService) -> None:
    service.mark_rehearsal()
    with pytest.raises(CommandRefused) as refused:
        service.keep_rehearsal()
    assert refused.value.code == "session_open"
    service.execute(EndSession())
    service.start_next()
    service.execute(EndSession())  # the next session is a real one
    assert not service.session.rehearsal
    with pytest.raises(CommandRefused) as refused:
        service.keep_rehearsal()
    assert refused.value.code == "no_rehearsal_record"


def test_a_record_that_cannot_be_moved_stays_where_it_was(
    service: SessionService, transcripts_dir: Path
) -> None:
    rehearse_and_end(service)
    transcripts_dir.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(CommandRefused) as refused:
        service.keep_rehearsal()
    assert refused.value.code == "transcript_not_kept"
    assert len(record_files(transcripts_dir.parent / REHEARSALS)) == 2
    assert service.session.rehearsal
    transcripts_dir.unlink()
    service.keep_rehearsal()  # once the folder can be made, it can be kept
    assert len(record_files(transcripts_dir)) == 2


def test_a_record_that_cannot_be_marked_kept_goes_back(
    service: SessionService, store: Store, transcripts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rehearse_and_end(service)

    def failing(session_id: int, rehearsal: bool) -> None:
        raise StoreUnavailable("disk full")

    monkeypatch.setattr(store, "set_rehearsal", failing)
    with pytest.raises(StoreUnavailable):
        service.keep_rehearsal()
    assert record_files(transcripts_dir) == []
    assert len(record_files(transcripts_dir.parent / REHEARSALS)) == 2


def test_the_next_session_is_not_a_rehearsal(service: SessionService) -> None:
    rehearse_and_end(service)
    service.start_next()
    assert not service.session.rehearsal


def test_only_the_last_rehearsals_records_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / REHEARSALS
    store = Store.in_memory()
    try:
        for number in range(REHEARSALS_KEPT + 3):
            service = SessionService.start_new(
                store, EventBus(), tmp_path / "transcripts", today=lambda: TODAY
            )
            rehearse_and_end(service)
            for path in folder.glob(f"*-{service.session.id}.*"):  # one a minute, say
                os.utime(path, (number * 60.0, number * 60.0))
    finally:
        store.close()
    stems = {Path(name).stem for name in record_files(folder)}
    assert len(record_files(folder)) == 2 * REHEARSALS_KEPT
    assert stems == {f"2024-05-17-never-waste-a-mistake-{n}" for n in range(4, 4 + REHEARSALS_KEPT)}


def test_pruning_leaves_other_files_and_a_missing_folder_alone(tmp_path: Path) -> None:
    assert prune_rehearsals(tmp_path / "missing") == 0
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert prune_rehearsals(tmp_path, keep=0) == 0
    assert record_files(tmp_path) == ["notes.txt"]
