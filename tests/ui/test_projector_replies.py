"""What helped on the big screen: approved replies under the confession, always fitting.

The replies come with the ProjectorState (a turn of the loop after each change); their
counts between two states come as the mirror's ``count_changed``."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from facilitator.core.session import SessionService
from facilitator.protocol.commands import Approve, Edit, Merge, Project, Restore, SetAside
from facilitator.ui.fit_notes import Note, NotedFitText
from facilitator.ui.projector import ProjectorWindow
from tests.ui.helpers import participant, project, reply
from tests.ui.local_host import LocalHost

LONG_CONFESSION = (
    "I merged without reading the diff because the tests were green, and the tests were "
    "green because I had skipped them in the config the week before. " * 8
)[:1000]
LONG_LESSON = ("Read the diff, every line of it, even when the tests are green. " * 9)[:500]
LONG_REPLIES = [
    (
        f"Reply {number}: a second pair of eyes on every change that touches the build, "
        "and a rule that nobody merges their own pull request on a Friday afternoon, even "
        "a tiny one, even when the release is late and everyone is waiting for it to go."
    )[:200]
    for number in range(1, 7)
]


def notes_of(projector: ProjectorWindow) -> list[str]:
    return [note.text for note in projector.confession_label.notes()]


def test_approved_replies_show_under_the_confession_live(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession = project(service, "I deployed on a Friday.", "Not on Fridays.")
    first = reply(service, confession, "A deploy freeze after Thursday noon.")
    waiting = reply(service, confession, "Pairing on every release.", approve=False)
    qtbot.waitUntil(lambda: notes_of(projector) == ["A deploy freeze after Thursday noon."])
    assert projector.confession_label.notes()[0].suffix == "· 0 helped"  # docs/slides.md

    second = reply(service, confession, "A checklist on the door.")
    service.execute(Approve(waiting))
    qtbot.waitUntil(lambda: len(notes_of(projector)) == 3)
    assert notes_of(projector) == [  # in the order approved
        "A deploy freeze after Thursday noon.",
        "A checklist on the door.",
        "Pairing on every release.",
    ]
    phones = [participant(service) for _ in range(3)]
    for phone in phones:
        service.set_agreement(phone, second, True)
    qtbot.waitUntil(
        lambda: (
            projector.confession_label.notes()[1] == Note("A checklist on the door.", "· 3 helped")
        )
    )

    item = service.item(first)
    service.execute(Edit(first, item.version, "A freeze after Thursday noon.", ""))
    qtbot.waitUntil(lambda: notes_of(projector)[0] == "A freeze after Thursday noon.")
    service.execute(SetAside(second))
    qtbot.waitUntil(lambda: len(notes_of(projector)) == 2)
    service.execute(Restore(second))
    service.execute(Approve(second))  # approved again: last
    qtbot.waitUntil(lambda: len(notes_of(projector)) == 3)
    assert notes_of(projector)[2] == "A checklist on the door."
    assert projector.confession_label.notes_shown() == 3
    assert "A checklist on the door." in projector.confession_label.accessibleName()

    other = project(service, "I skipped the review.")
    qtbot.waitUntil(lambda: notes_of(projector) == [])
    reply(service, other, "Reviews are a habit, not a gate.")
    qtbot.waitUntil(lambda: notes_of(projector) == ["Reviews are a habit, not a gate."])


def test_replies_of_a_confession_merged_into_the_projected_one_show_too(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    kept = project(service, "I deployed on a Friday.")
    reply(service, kept, "A deploy freeze.")
    twin = project(service, "I shipped on a Friday evening.")
    reply(service, twin, "Friday is for tidying up.")
    service.execute(Project(kept))
    qtbot.waitUntil(lambda: notes_of(projector) == ["A deploy freeze."])
    version = service.item(kept).version
    service.execute(Merge(kept, (twin,), version, "I deployed on a Friday.", ""))
    qtbot.waitUntil(lambda: len(notes_of(projector)) == 2)
    assert notes_of(projector) == ["A deploy freeze.", "Friday is for tidying up."]


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_a_long_confession_lesson_and_replies_fit_without_cutting_a_line(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService, size: tuple[int, int]
) -> None:
    confession = project(service, LONG_CONFESSION, LONG_LESSON)
    for text in LONG_REPLIES:
        reply(service, confession, text)
    width, height = size
    projector.resize(width, height)
    label = projector.confession_label
    qtbot.waitUntil(lambda: len(label.notes()) == len(LONG_REPLIES))
    qtbot.waitUntil(lambda: label.width() > width // 2)
    assert (projector.width(), projector.height()) == size
    assert label.text_fits(), size
    assert label.font_pixel_size() >= 0.032 * height  # docs/slides.md: readable from the room
    assert 0 < label.notes_pixel_size() < label.font_pixel_size()
    assert label.notes_pixel_size() < label.secondary_pixel_size()
    # The confession comes first: the longest one and its lesson leave room for "+6 more"
    # only (as on the projector page).
    shown = label.notes_shown()
    if shown < len(LONG_REPLIES):
        assert f"+{len(LONG_REPLIES) - shown} more" in fitted_lines(label)
    else:
        assert not any(line.startswith("+") for line in fitted_lines(label))


def fitted_lines(label: NotedFitText) -> list[str]:
    """The texts of the blocks drawn, first line of each."""
    return [block.layout.text() for block in label._fit().blocks]


def test_a_few_short_replies_all_fit_beside_a_long_confession(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession = project(service, LONG_CONFESSION[:600], LONG_LESSON[:200])
    for text in ("Read the diff.", "Pair on merges.", "Green is not done."):
        reply(service, confession, text)
    label = projector.confession_label
    for size in ((1920, 1080), (1024, 768)):
        projector.resize(*size)
        qtbot.waitUntil(lambda s=size: label.width() > s[0] // 2 and len(label.notes()) == 3)
        assert label.text_fits() and label.notes_shown() == 3, size


def test_a_reply_count_between_two_states(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService, local: LocalHost
) -> None:
    confession = project(service, "I deployed on a Friday.")
    helped = reply(service, confession, "A deploy freeze.")
    qtbot.waitUntil(lambda: notes_of(projector) == ["A deploy freeze."])
    local.mirror.count_changed.emit(helped, 7)  # as the moderators' stream says
    assert projector.confession_label.notes()[0].suffix == "· 7 helped"
    local.mirror.count_changed.emit(12345, 9)  # another item's: nothing changes
    assert projector.confession_label.notes()[0].suffix == "· 7 helped"


def test_what_helped_gets_a_third_of_the_box_when_the_confession_leaves_it(
    qtbot: QtBot, projector: ProjectorWindow, service: SessionService
) -> None:
    confession = project(service, LONG_CONFESSION[:300], "Read the diff.")
    for text in LONG_REPLIES[:4]:
        reply(service, confession, text)
    label = projector.confession_label
    qtbot.waitUntil(lambda: len(label.notes()) == 4)
    assert label.text_fits() and label.notes_shown() >= 2
    main = label._fit().blocks[0]
    assert main.height <= 2 / 3 * label.height()  # the confession keeps to two thirds
