"""The record's PDF (Qt): the house rules after the prompt and the follow-ups filled in,
as plain text, from the same fixed record as the golden files."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from facilitator.core.record.formats import document
from facilitator.ui.record_pdf import LINE_BREAK, record_document, record_pdf
from tests.core.test_record_formats import HOUSE_RULES, fixed_transcript
from tests.ui.pdf_text import pages_text


def test_the_house_rules_follow_the_prompt_as_plain_text(qtbot: QtBot) -> None:
    transcript = fixed_transcript()
    text = record_document(transcript, document(transcript)["fingerprint"]).toPlainText()
    prompt = text.index("Be kind.")
    rules = text.index("House rules\n")
    assert prompt < rules < text.index("Confessions\n")
    # Every line as written (markup and all), one block with its line breaks kept.
    lines = HOUSE_RULES.split("\n")
    assert text[rules:].split("\n")[1 : 1 + len(lines)] == lines
    layout = record_document(transcript, "sha256:x")
    block = layout.findBlock(layout.toPlainText().index(lines[0]))
    assert block.text() == LINE_BREAK.join(lines)
    plain = fixed_transcript(with_organisers=False)
    assert "House rules" not in record_document(plain, "sha256:x").toPlainText()


def test_follow_ups_filled_in_are_under_their_confession(qtbot: QtBot) -> None:
    transcript = fixed_transcript()
    text = record_document(transcript, "sha256:x").toPlainText()
    follow_ups = [line for line in text.split("\n") if line.startswith("Follow-up: ")]
    assert follow_ups == [
        "Follow-up: =SUM(A1) the budget | *before* sending (by 2026-12-31)",
        "Follow-up: Ask before @everyone <confirm>",
        "Follow-up: (by -- next quarter)",
    ]
    # Each under its own confession: after its text, before the next one's.
    assert (
        text.index(transcript.confessions[1].text)
        < text.index(follow_ups[0])
        < text.index(transcript.confessions[2].text)
    )
    assert text.index(transcript.confessions[6].text) < text.index(follow_ups[2])
    without = replace(transcript, confessions=transcript.confessions[:1])  # none filled in
    assert "Follow-up" not in record_document(without, "sha256:x").toPlainText()


def test_the_pdf_carries_the_house_rules_and_follow_ups(qtbot: QtBot) -> None:
    transcript = fixed_transcript()
    pdf = record_pdf(transcript, document(transcript)["fingerprint"])
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "House rules" in text
    assert "Chatham House rule: <what> is said here & never *who*." in text
    assert "=NOT() a formula" in text
    assert text.index("Be kind.") < text.index("House rules") < text.index("Confessions")
    assert "Ask before @everyone <confirm>" in text
