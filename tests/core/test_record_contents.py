"""What the record holds besides the shown confessions: each one's share of the phones
connected when it was shown, the most shared, the register, the facilitator's closing
note and, if chosen before the first confession, the approved ones never shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.core import rules
from facilitator.core.events import SessionChanged, SessionEnded
from facilitator.core.record.amend import amend_record
from facilitator.core.record.formats import RecordFormat, document, render
from facilitator.core.record.library import read_record, transcript_from
from facilitator.core.record.register import MOST_SHARED, most_shared, share, share_words
from facilitator.core.setup import ORGANISERS_ANNOUNCEMENT, UNSHOWN_ANNOUNCEMENT
from facilitator.core.transcript import (
    FollowUp,
    ShownConfession,
    Totals,
    Transcript,
    build_transcript,
)
from facilitator.protocol.commands import (
    ApplySetup,
    Approve,
    Blank,
    EndSession,
    Project,
    SetClosingNote,
    SetOrganisersRecord,
    SetUnshownRecord,
    Undo,
)
from tests.core.helpers import Recorder, Room, refused


def ended_record(room: Room, recorder: Recorder) -> dict[str, object]:
    room.service.execute(EndSession())
    (ended,) = recorder.of(SessionEnded)
    record: dict[str, object] = json.loads(Path(ended.transcript_paths[1]).read_text("utf-8"))
    return record


def test_the_phones_connected_when_first_shown_are_kept_and_give_the_share(
    room: Room, recorder: Recorder
) -> None:
    service = room.service
    connected = [40]
    service.phones_connected = lambda: connected[0]
    phones = [room.phone() for _ in range(10)]
    first = room.approved(phones[0], "I merged on a Friday.")
    service.execute(Project(first))
    connected[0] = 25  # shown again later: the count at the first showing stays
    for phone in phones:
        service.set_agreement(phone, first, True)
    service.execute(Blank())
    service.execute(Project(first))
    [shown] = build_transcript(service._store, service.session).confessions
    assert (shown.phones_connected, shown.agreements) == (40, 10)
    assert share(shown) == 0.25
    assert share_words(shown) == " (25% of the 40 phones connected)"


def test_an_undone_first_showing_takes_the_count_of_the_next(room: Room) -> None:
    service = room.service
    connected = [12]
    service.phones_connected = lambda: connected[0]
    item = room.approved(room.phone())
    service.execute(Project(item))
    step = service.last_undo_step()
    assert step is not None
    service.execute(Undo(step.id))
    connected[0] = 30
    service.execute(Project(item))
    assert service.item(item).phones_at_show == 30


@pytest.mark.parametrize(
    ("agreements", "phones", "expected"),
    [(0, 10, 0.0), (3, 12, 0.25), (12, 10, 1.0), (5, 0, None), (5, None, None)],
)
def test_the_share_is_at_most_everyone_and_unknown_without_phones(
    agreements: int, phones: int | None, expected: float | None
) -> None:
    assert share(ShownConfession(1, "x", "", agreements, phones)) == expected


def test_the_most_shared_are_those_most_had_been_there_never_one_without_any() -> None:
    counts = [3, 0, 9, 9, 1, 4, 7, 2]
    transcript = Transcript(
        "T", "", "2026-11-30", "Been there",
        tuple(ShownConfession(n, f"c{n}", "", c) for n, c in enumerate(counts, start=1)),
        Totals(8, 8, 0, 0, sum(counts), 10),
    )  # fmt: skip
    assert [c.order for c in most_shared(transcript)] == [3, 4, 7, 6, 1][:MOST_SHARED]
    empty = Transcript(
        "T", "", "2026-11-30", "B", (ShownConfession(1, "c", "", 0),), transcript.totals
    )
    assert most_shared(empty) == ()
    record = document(transcript)
    assert record["most_shared"] == [3, 4, 7, 6, 1]
    assert [row["been_there"] for row in record["register"]] == counts


def test_the_closing_note_is_the_facilitators_and_in_every_format(
    room: Room, recorder: Recorder
) -> None:
    room.shown(room.phone(), "I said yes to everything.")
    room.service.execute(SetClosingNote("Thank you.\nBring one lesson to Monday's stand-up."))
    assert isinstance(recorder.of(SessionChanged)[-1], SessionChanged)
    assert room.service.session.closing_note.startswith("Thank you.")
    transcript = room.service.record()
    for record_format in RecordFormat:
        assert "Bring one lesson to Monday" in render(transcript, record_format) or (
            record_format is RecordFormat.CSV  # the CSV is the register: rows only
        )
    refused("closing_note_too_long", lambda: room.service.execute(SetClosingNote("x" * 2001)))
    room.service.execute(SetClosingNote(""))
    assert room.service.record().closing_note == ""


def test_approved_and_never_shown_go_into_the_record_only_if_chosen_before(
    room: Room, recorder: Recorder
) -> None:
    room.service.execute(SetUnshownRecord(keep=True))
    phone = room.phone()
    room.shown(phone, "Shown, as ever.")
    queued = [room.approved(phone, f"Approved, no time {n}.") for n in (1, 2)]
    room.submit(phone, "Incoming, never approved.")
    refused("too_late", lambda: room.service.execute(SetUnshownRecord(keep=False)))
    record = ended_record(room, recorder)
    assert record["unshown"] == [
        {"text": "Approved, no time 1.", "learned": ""},
        {"text": "Approved, no time 2.", "learned": ""},
    ]
    assert "Incoming, never approved." not in json.dumps(record)
    assert len(queued) == 2


def test_without_the_choice_nothing_unshown_is_in_the_record(
    room: Room, recorder: Recorder
) -> None:
    phone = room.phone()
    room.shown(phone)
    room.service.execute(Approve(room.submit(phone, "Approved, no time.")))
    record = ended_record(room, recorder)
    assert record["unshown"] is None
    assert "Approved, no time." not in json.dumps(record)


def test_the_house_rules_the_room_read_are_in_the_record(room: Room, recorder: Recorder) -> None:
    """The facilitator's own, with a line for each section the record keeps beyond the
    shown confessions; as text in every format but the CSV (the register's rows)."""
    own = "No names, <ever>.\n- Not a safeguarding channel & not anonymous to the law."
    room.service.execute(
        ApplySetup("Retro", "What went wrong?", "Been there", own, 1000, True, "", "", "")
    )
    room.service.execute(SetUnshownRecord(keep=True))
    room.service.execute(SetOrganisersRecord(keep=True))
    room.shown(room.phone(), "I merged on a Friday.")
    transcript = room.service.record()
    expected = f"{own}\n{UNSHOWN_ANNOUNCEMENT}\n{ORGANISERS_ANNOUNCEMENT}"
    assert transcript.house_rules == expected
    assert "No names, \\<ever\\>.  \n\\- Not a safeguarding channel \\& not" in render(
        transcript, RecordFormat.MARKDOWN
    )
    assert "No names, &lt;ever&gt;.\n- Not a safeguarding" in render(transcript, RecordFormat.HTML)
    assert "No names" not in render(transcript, RecordFormat.CSV)
    assert ended_record(room, recorder)["house_rules"] == expected


def test_a_session_that_kept_the_template_has_it_in_the_record(room: Room) -> None:
    room.shown(room.phone())
    assert room.service.record().house_rules == rules.DEFAULT_HOUSE_RULES


def test_a_record_reads_back_the_same_and_older_formats_still_read(tmp_path: Path) -> None:
    transcript = Transcript(
        "T", "P", "2026-11-30", "Been there",
        (
            ShownConfession(1, "c", "l", 4, 20, follow_up=FollowUp("Pair on it", "May")),
            ShownConfession(2, "d", "", 0, 20),
            ShownConfession(3, "e", "", 1, 20, follow_up=FollowUp(by_when="June")),
        ),
        Totals(2, 1, 0, 0, 4, 20, 1),
        closing_note="note",
        unshown=(),
        house_rules="Rules\nof the room",
    )  # fmt: skip
    path = tmp_path / "2026-11-30-t-1.json"
    path.write_text(render(transcript, RecordFormat.JSON), encoding="utf-8")
    assert read_record(path) == transcript
    older = {
        "format": "confessional-transcript",
        "version": 3,
        "title": "T",
        "prompt": "",
        "date": "2026-01-01",
        "agree_label": "Me too",
        "confessions": [{"order": 1, "text": "c", "learned": "", "agreements": 2}],
        "totals": {"received": 1, "shown": 1, "removed": 0, "withdrawn": 0,
                   "agreements": 2, "phones_joined": 3},
    }  # fmt: skip
    read = transcript_from(older)
    assert (read.confessions[0].phones_connected, read.totals.merged, read.unshown) == (
        0 or None,
        0,
        None,
    )
    assert (read.house_rules, read.confessions[0].follow_up) == ("", FollowUp())
    # Version 6: a register with empty follow-ups, no house rules.
    sixth = document(transcript)
    del sixth["house_rules"]
    sixth["version"] = 6
    for row in sixth["register"]:
        row["follow_up"] = {"action": "", "by_when": ""}
    read = transcript_from(sixth)
    assert read.house_rules == ""
    assert [c.follow_up for c in read.confessions] == [FollowUp()] * 3
    assert read.confessions[0].text == "c"


def test_a_past_session_is_deleted_with_its_record_files_never_the_current(
    room: Room, recorder: Recorder, transcripts_dir: Path
) -> None:
    service = room.service
    room.shown(room.phone(), "Kept until the organiser deletes it.")
    service.execute(EndSession())
    past = service.session.id
    assert sorted(p.suffix for p in transcripts_dir.iterdir()) == [".json", ".md"]
    refused("session_current", lambda: service.delete_past_session(past))
    service.start_next()
    service.delete_past_session(past)
    assert list(transcripts_dir.iterdir()) == []
    refused("unknown_session", lambda: service.delete_past_session(past))
    refused("session_current", lambda: service.delete_past_session(service.session.id))


def test_an_ended_sessions_record_is_read_as_amended(room: Room, recorder: Recorder) -> None:
    """The moderators' downloads and the phones' lessons after the end come from the
    record as filed: amended afterwards, they follow."""
    room.shown(room.phone(), "I skipped the handover.")
    room.service.execute(EndSession())
    [ended] = recorder.of(SessionEnded)
    json_path = next(Path(p) for p in ended.transcript_paths if p.endswith(".json"))
    amend_record(json_path, closing_note="Written after.", follow_ups={1: FollowUp("A rota")})
    record = room.service.record()
    assert record.closing_note == "Written after."
    assert record.confessions[0].follow_up == FollowUp("A rota")
    json_path.unlink()  # gone: the record as it was written at the end
    assert room.service.record().closing_note == ""
