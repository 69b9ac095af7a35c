"""Render the README screenshots from a demo session held in memory.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Writes docs/screenshots/console.png (1280x800), console-editing-1024x768.png and
console-editing-1920x1080.png (about 40 confessions across the lanes, one being
redacted with its identifying details highlighted), console-shared-address-1024x768.png
(the same room with phones on a shared address, their agreements set apart, and
confessions waiting because they came too fast), docs/screenshots/projector.png
(1920x1080), projector-join-wifi-1920x1080.png and -1024x768.png (the join slide
with the Wi-Fi to join and its QR code), venue-sheet.png (the sheet for the
venue's IT, the page of its PDF at 110 dpi), first-run-guide.png and
phones-cant-connect.png (the guide and the "Phones can't connect?" panel, opened over
the console at 1024x768, the facilitator's own phone having just opened the page),
console-merge-group-1280x800.png (three confessions alike, open for merging over the
console), console-organisers-lane-1280x800.png (the organisers-only lane, one of its
confessions being redacted, shuffled batches on) and projector-what-helped-1920x1080.png
and -1024x768.png (a long confession with its lesson and the room's approved "what
helped" replies under it, with their "helped too" counts).
Confessions come from resources/sample_confessions.json, plus a few that name people,
places and numbers.
Nothing is written outside docs/screenshots/ (the demo transcript directory is
temporary).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

import msgspec  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPageSize, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from facilitator.core.errors import DomainError  # noqa: E402
from facilitator.core.events import EventBus  # noqa: E402
from facilitator.core.model import Sharing  # noqa: E402
from facilitator.core.session import SessionService  # noqa: E402
from facilitator.core.store import Store  # noqa: E402
from facilitator.join.addresses import join_link, rank_candidates  # noqa: E402
from facilitator.join.venue_sheet import venue_sheet  # noqa: E402
from facilitator.join.wifi import RoomWifi  # noqa: E402
from facilitator.protocol.commands import (  # noqa: E402
    Approve,
    Project,
    SetAside,
    SetBatching,
)
from facilitator.protocol.moderator import JoinLink  # noqa: E402
from facilitator.ui.console import ConsoleWindow  # noqa: E402
from facilitator.ui.projector import ProjectorWindow  # noqa: E402
from facilitator.ui.venue_sheet import sheet_image  # noqa: E402
from tests.ui.local_host import LocalHost  # noqa: E402

SAMPLES_FILE = ROOT / "resources" / "sample_confessions.json"
OUTPUT = ROOT / "docs" / "screenshots"


def load_samples() -> list[tuple[str, str]]:
    """The rehearsal sample set (``resources/sample_confessions.json``) as ``(text, learned)``."""
    data = json.loads(SAMPLES_FILE.read_text(encoding="utf-8"))
    return [(item["text"], item["learned"]) for item in data["confessions"]]


# Confessions as people write them, details that identify someone included (invented).
IDENTIFYING = [
    (
        "I forwarded the complaint from Mrs Okafor at Riverside Estate to the whole team, "
        "her phone number 07700 900123 included. Ref HB-77821.",
        "Check the To: line before sending anything with a case in it.",
    ),
    (
        "I told Dr Patel's patient the test results were fine before reading them. "
        "Email me at jo.bloggs@example.org if you want the full story.",
        "",
    ),
    (
        "Our Northgate Council contract lapsed because I let the renewal sit in my inbox.",
        "Calendar reminders for anything with a deadline.",
    ),
    (
        "I pushed the API keys to github.com/example-org/payments and @sam_dev spotted it "
        "three days later.",
        "Secret scanning on every repository.",
    ),
    (
        "I booked the venue in Leeds LS6 3QW for the wrong month and only noticed when "
        "Anna Kowalski called to ask where everyone was.",
        "",
    ),
]
EDITED_ID_TEXT = IDENTIFYING[0][0]


def build_demo(service: SessionService, count: int = 10) -> None:
    """Fill every list: two shown (one on screen, with votes), a queue, incoming, set aside.
    Timing privacy is off: every confession reaches its lane at once."""
    service.execute(SetBatching("off"))
    ids: list[int] = []
    samples = load_samples()[: count - len(IDENTIFYING)] if count > 10 else load_samples()[:count]
    if count > 10:
        samples = samples[:6] + IDENTIFYING + samples[6:]
    for number, (text, learned) in enumerate(samples):
        phone = service.participant(service.join())
        try:
            outcome = service.submit(phone, f"demo-client-{number:04d}", text, learned)
        except DomainError as error:
            print(f"Skipping a sample the rules refuse ({error.code}): {text[:40]!r}")
            continue
        ids.append(outcome.confession_id)
    on_screen, earlier, *rest = ids
    for confession_id in (earlier, on_screen, *rest[:3]):
        service.execute(Approve(confession_id))
    service.execute(Project(earlier))
    service.execute(Project(on_screen))
    if len(rest) > 3:
        service.execute(SetAside(rest[3]))
    if count > 10:  # a room in full swing: more shown, a longer queue, more set aside
        for confession_id in rest[14:22]:
            service.execute(Approve(confession_id))
        for confession_id in rest[14:18]:
            service.execute(Project(confession_id))
        service.execute(Project(on_screen))
        for confession_id in rest[22:25]:
            service.execute(SetAside(confession_id))
    voters = [service.participant(service.join()) for _ in range(42)]
    for voter in voters:
        service.set_agreement(voter, on_screen, True)
    for voter in voters[:17]:
        service.set_agreement(voter, earlier, True)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}")
    print(f"Wrote {path.relative_to(ROOT)}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="confessional-demo-") as transcripts:
        store = Store.in_memory()
        bus = EventBus()
        service = SessionService.start_new(
            store,
            bus,
            Path(transcripts),
            title="Never waste a mistake",
            prompt="What mistake taught you the most?",
        )
        candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("eth0", "10.0.0.12")]))
        join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
        local = LocalHost(service, join)  # the host's stream and commands, without a socket
        console = ConsoleWindow(local.mirror, local)
        projector = ProjectorWindow(local.mirror)
        console.resize(1280, 800)
        projector.resize(1920, 1080)
        console.show()
        projector.show()
        build_demo(service)
        app.processEvents()  # a burst of changes reaches the lanes at the end of the turn
        local.feed.set_phones_connected(48)
        console.set_projector_status("Projector: full screen on HDMI-1")
        console.incoming_list.setCurrentRow(0)
        save(app, console, OUTPUT / "console.png")
        save(app, projector, OUTPUT / "projector.png")
        for window in (console, projector):
            window.allow_close()
            window.close()
        local.close()
        store.close()
        for width, height in ((1024, 768), (1920, 1080)):
            editing_screenshot(app, Path(transcripts), width, height)
        shared_address_screenshot(app, Path(transcripts))
        wifi_join_screenshots(app, Path(transcripts) / "wifi")
        help_screenshots(app, Path(transcripts) / "help")
        merge_group_screenshot(app, Path(transcripts) / "merge")
        organisers_lane_screenshot(app, Path(transcripts) / "organisers")
        what_helped_screenshots(app, Path(transcripts) / "helped")
    return 0


@contextmanager
def full_room(
    transcripts: Path, width: int, height: int
) -> Iterator[tuple[SessionService, ConsoleWindow]]:
    """A console of this size over about 40 confessions across the lanes, 212 phones."""
    store = Store.in_memory()
    service = SessionService.start_new(store, EventBus(), transcripts)
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23")]))
    join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
    local = LocalHost(service, join)
    console = ConsoleWindow(local.mirror, local)
    console.resize(width, height)
    console.show()
    build_demo(service, count=40)
    QApplication.processEvents()  # a burst of changes reaches the lanes at the end of the turn
    local.feed.set_phones_connected(212)
    console.set_projector_status("Projector: full screen on HDMI-1")
    try:
        yield service, console
    finally:
        console.allow_close()
        console.close()
        local.close()
        store.close()


def editing_screenshot(app: QApplication, transcripts: Path, width: int, height: int) -> None:
    """About 40 confessions across the lanes; one being redacted, its details highlighted."""
    with full_room(transcripts / f"editing-{width}", width, height) as (service, console):
        editing = next(item.id for item in service.items() if item.text == EDITED_ID_TEXT)
        console.incoming_list.select_id(editing)
        settle(app)
        console.editor.mask_word("07700 900123")
        save(app, console, OUTPUT / f"console-editing-{width}x{height}.png")


SHARED_PHONES = 38
SHARED_AGREEING = 11
TOO_FAST = 6


def shared_address_screenshot(app: QApplication, transcripts: Path) -> None:
    """The full room at 1024x768, with 38 phones behind one address (11 of them agreeing
    with the confession on screen: set apart) and one phone's confessions waiting."""
    with full_room(transcripts / "shared", 1024, 768) as (service, console):
        projection = service.projection()
        assert projection is not None
        on_screen = projection.confession_id
        crowd = [service.participant(service.join(Sharing.SET_APART)) for _ in range(SHARED_PHONES)]
        for phone in crowd[:SHARED_AGREEING]:
            service.set_agreement(phone, on_screen, True)
        hurried = service.participant(service.join())
        for number in range(TOO_FAST):
            service.submit(
                hurried,
                f"demo-fast-{number:04d}",
                f"Same again, number {number + 1}.",
                may_enter=lambda author_id: False,
            )
        console.incoming_list.setCurrentRow(0)
        save(app, console, OUTPUT / "console-shared-address-1024x768.png")


DEMO_WIFI = RoomWifi("Riverside Hotel Guest", "summer-2026")


@contextmanager
def projector_room(transcripts: Path) -> Iterator[tuple[SessionService, ProjectorWindow, JoinLink]]:
    """A new session in memory and its projector window, shown; closed afterwards."""
    store = Store.in_memory()
    service = SessionService.start_new(
        store,
        EventBus(),
        transcripts,
        title="Never waste a mistake",
        prompt="What mistake taught you the most?",
    )
    candidates = tuple(rank_candidates([("wlan0", "192.168.1.23"), ("eth0", "10.0.0.12")]))
    join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
    local = LocalHost(service, join)
    projector = ProjectorWindow(local.mirror)
    projector.show()
    try:
        yield service, projector, join
    finally:
        projector.allow_close()
        projector.close()
        local.close()
        store.close()


def wifi_join_screenshots(app: QApplication, transcripts: Path) -> None:
    """The join slide with the Wi-Fi to join, at 1920x1080 and 1024x768; the IT sheet."""
    with projector_room(transcripts) as (_, projector, join):
        projector.set_wifi(DEMO_WIFI)
        for width, height in ((1920, 1080), (1024, 768)):
            projector.resize(width, height)
            save(app, projector, OUTPUT / f"projector-join-wifi-{width}x{height}.png")
    sheet = venue_sheet(
        join,
        event="Never waste a mistake",
        wifi_name=DEMO_WIFI.ssid,
        phones_expected=120,
        contact="Sam Lee (AV desk), 07700 900123",
    )
    path = OUTPUT / "venue-sheet.png"
    if not sheet_image(sheet, dpi=110, page=QPageSize.PageSizeId.A4).save(str(path)):
        raise SystemExit(f"Could not write {path}")
    print(f"Wrote {path.relative_to(ROOT)}")


DEMO_INTERFACES = [("lo", "127.0.0.1"), ("wlan0", "192.168.1.23"), ("eth0", "10.0.0.12")]


def help_screenshots(app: QApplication, transcripts: Path) -> None:
    """The first-run guide and "Phones can't connect?" over the console at 1024x768: the
    facilitator's own phone has just opened the join page."""
    store = Store.in_memory()
    service = SessionService.start_new(store, EventBus(), transcripts)
    candidates = tuple(rank_candidates(DEMO_INTERFACES))
    join = join_link("192.168.1.23", 8080, service.session.moderator_secret, candidates)
    local = LocalHost(service, join)
    console = ConsoleWindow(local.mirror, local)
    console.resize(1024, 768)
    console.show()
    try:
        console.open_guide()
        assert console.guide is not None
        save(app, console.guide, OUTPUT / "first-run-guide.png")
        console.guide.accept()
        local.feed.set_phones_connected(1)
        status = local.feed.host_status
        seen = msgspec.structs.replace(status, keeping_awake=True, phone_page_seen=True)
        local.feed.set_host_status(seen)
        console.phones_network.interfaces = lambda: DEMO_INTERFACES
        console.phones_network.firewall = None  # the Windows check: on Windows only
        console.phones_network.open_connect_help()
        assert console.phones_network.connect_help is not None
        save(app, console.phones_network.connect_help, OUTPUT / "phones-cant-connect.png")
        console.phones_network.connect_help.close()
    finally:
        console.allow_close()
        console.close()
        local.close()
        store.close()


ALIKE = [
    (
        "I stayed silent in the meeting when I knew the plan would fail.",
        "Say it, even if your voice shakes.",
    ),
    ("I stayed silent in the meeting when I knew that the plan would fail.", ""),
    (
        "I stayed quiet in the meeting when I knew the plan would fail.",
        "Silence is a decision too.",
    ),
]
FOR_ORGANISERS = [
    (
        "The speaker before lunch made jokes about the interns. Nobody said anything, "
        "including me.",
        "",
    ),
    ("The ramp at the side entrance was locked all morning; I could not get in.", ""),
    (
        "Please do not project this: I caused the outage our CTO talked about in the "
        "keynote, and my manager Priya Shah is in the room.",
        "I would like to tell the organisers, not the room.",
    ),
]


def submit_all(
    service: SessionService, texts: list[tuple[str, str]], tag: str, **kw: bool
) -> list[int]:
    """Each text from a phone of its own; returns the ids."""
    ids = []
    for number, (text, learned) in enumerate(texts):
        phone = service.participant(service.join())
        outcome = service.submit(phone, f"demo-{tag}-{number:04d}", text, learned, **kw)
        ids.append(outcome.confession_id)
    return ids


def with_dialog(app: QApplication, console: QWidget, dialog: QWidget, path: Path) -> None:
    """The console with ``dialog`` over it, where it opened (one image, as seen)."""
    settle(app)
    image = console.grab()
    painter = QPainter(image)
    try:
        painter.fillRect(image.rect(), QColor(0, 0, 0, 60))  # the console behind, dimmed
        at = dialog.mapToGlobal(QPoint(0, 0)) - console.mapToGlobal(QPoint(0, 0))
        if not console.rect().contains(at):
            at = QPoint(
                (console.width() - dialog.width()) // 2, (console.height() - dialog.height()) // 2
            )
        painter.fillRect(dialog.rect().translated(at).adjusted(-1, -1, 1, 1), QColor("#98a2b3"))
        painter.drawPixmap(at, dialog.grab())
    finally:
        painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"Could not write {path}")
    print(f"Wrote {path.relative_to(ROOT)}")


def merge_group_screenshot(app: QApplication, transcripts: Path) -> None:
    """Three confessions alike in the full room at 1280x800, open for merging: one kept,
    its text being combined."""
    with full_room(transcripts, 1280, 800) as (service, console):
        alike = submit_all(service, ALIKE, "alike")
        settle(app)
        console.incoming_list.select_id(alike[0])
        settle(app)
        console.open_merge()
        view = console.merge_view
        assert view is not None
        view.move(console.mapToGlobal(QPoint((1280 - view.width()) // 2, 60)))
        view.text_edit.setPlainText(
            "I stayed silent in the meeting when I knew the plan would fail."
        )
        view.learned_edit.setPlainText(
            "Say it, even if your voice shakes: silence is a decision too."
        )
        with_dialog(app, console, view, OUTPUT / "console-merge-group-1280x800.png")
        view.reject()


def organisers_lane_screenshot(app: QApplication, transcripts: Path) -> None:
    """The organisers-only lane in the full room at 1280x800: one confession being
    redacted in the editor; shuffled batches on (the status bar says so)."""
    with full_room(transcripts, 1280, 800) as (service, console):
        private = submit_all(service, FOR_ORGANISERS, "organisers", for_organisers=True)
        service.execute(SetBatching("on"))
        console.last_column.show_organisers()
        settle(app)
        console.organisers_list.select_id(private[2])
        settle(app)
        console.editor.mask_word("Priya Shah")
        save(app, console, OUTPUT / "console-organisers-lane-1280x800.png")


if __name__ == "__main__":
    raise SystemExit(main())


WHAT_HELPED_CONFESSION = (
    "I approved a pull request I had not really read because the author was senior and "
    "the tests were green. It dropped an index on the orders table. Checkout slowed to a "
    "crawl on the first day of the sale and we lost most of a morning finding out why, "
    "while I kept quiet about having waved it through."
)
WHAT_HELPED_LESSON = "A green build is not a review. Seniority is not a review either."
WHAT_HELPED = [
    ("Reviewing the migration files first, before any of the code.", 14),
    ("A checklist in the pull request template: indexes, locks, rollback plan.", 9),
    ('Saying "I have not read this properly yet" out loud, instead of approving.', 6),
    ("Running the query plan on a copy of production before the merge.", 3),
    ("Pairing on anything that touches the database during a sale.", 0),
]


def what_helped_screenshots(app: QApplication, transcripts: Path) -> None:
    """A shown confession with its lesson and five approved "what helped" replies under it
    (most with "helped too" counts), on the projector at 1920x1080 and 1024x768."""
    with projector_room(transcripts) as (service, projector, _):
        service.execute(SetBatching("off"))  # every reply reaches its lane at once
        [confession] = submit_all(service, [(WHAT_HELPED_CONFESSION, WHAT_HELPED_LESSON)], "w")
        service.execute(Approve(confession))
        service.execute(Project(confession))
        voters = [service.participant(service.join()) for _ in range(31)]
        for voter in voters:
            service.set_agreement(voter, confession, True)
        for number, (text, helped) in enumerate(WHAT_HELPED):
            client_id = f"demo-helped-{number:04d}"
            outcome = service.submit_reply(voters[number], client_id, confession, text)
            assert outcome.confession_id is not None
            service.execute(Approve(outcome.confession_id))
            for voter in voters[10 : 10 + helped]:
                service.set_agreement(voter, outcome.confession_id, True)
        for width, height in ((1920, 1080), (1024, 768)):
            projector.resize(width, height)
            save(app, projector, OUTPUT / f"projector-what-helped-{width}x{height}.png")
