"""The projector window fetches the logo a state names once per version, draws it on the
join and closing slides when it arrives, and shows the slides without it until then."""

from __future__ import annotations

import asyncio

import msgspec
from pytestqt.qtbot import QtBot

from facilitator.core.model import LogoSize
from facilitator.protocol.phone import Logo
from facilitator.protocol.projector import ProjectorState
from facilitator.ui.logo_client import LogoRefused
from facilitator.ui.mirror import SessionMirror
from facilitator.ui.projector import ProjectorWindow
from tests.slide_states import SAMPLES, logo_samples, with_logo
from tests.waiting import wait_until


class HeldLogos:
    """A logo source whose answers wait for ``release``; unknown versions are refused."""

    def __init__(self) -> None:
        self.fetched: list[str] = []
        self.release = asyncio.Event()

    async def fetch_logo(self, version: str, size: LogoSize) -> bytes:
        self.fetched.append(version)
        await self.release.wait()
        for logo in logo_samples().values():
            if logo.version == version:
                return logo.image(size).data
        raise LogoRefused("no_logo", "There is no such logo.")


def announce(mirror: SessionMirror, state: ProjectorState) -> None:
    mirror.projector = state
    mirror.projector_changed.emit(state)


async def test_the_logo_is_drawn_once_it_arrives_and_fetched_once(qtbot: QtBot) -> None:
    mirror, logos = SessionMirror(), HeldLogos()
    projector = ProjectorWindow(mirror, motion=False, logos=logos)
    qtbot.addWidget(projector)
    projector.resize(1280, 720)
    projector.show()
    dark, opaque = logo_samples()["dark-ink"], logo_samples()["opaque"]
    announce(mirror, with_logo(SAMPLES["join"], dark))
    join = projector.stage.join
    assert join.mark is not None and join.mark.image is None  # its room kept, nothing drawn
    title_width = join.title.width()
    logos.release.set()
    await wait_until(lambda: join.mark is not None and join.mark.image is not None)
    assert join.title.width() == title_width  # nothing moves when it comes
    assert logos.fetched == [dark.version]

    announce(mirror, with_logo(SAMPLES["break"], dark))
    announce(mirror, with_logo(SAMPLES["closing"], dark))
    closing_mark = projector.stage.closing.mark
    assert closing_mark is not None and closing_mark.image is not None  # kept: not fetched again
    assert logos.fetched == [dark.version]

    announce(mirror, with_logo(SAMPLES["closing"], opaque))
    await wait_until(lambda: logos.fetched == [dark.version, opaque.version])
    await wait_until(
        lambda: (
            projector.stage.closing.mark is not None
            and projector.stage.closing.mark.image is not None
            and projector.stage.closing.mark.plate is None
        )
    )
    announce(mirror, SAMPLES["closing"])  # the logo removed
    assert projector.stage.closing.mark is None
    projector.allow_close()
    projector.close()


async def test_a_logo_that_cannot_be_fetched_is_not_drawn(qtbot: QtBot) -> None:
    mirror, logos = SessionMirror(), HeldLogos()
    logos.release.set()
    projector = ProjectorWindow(mirror, motion=False, logos=logos)
    qtbot.addWidget(projector)
    projector.show()
    gone = msgspec.structs.replace(SAMPLES["join"], logo=Logo("0" * 16, 1200, 300, "dark"))
    announce(mirror, gone)
    await wait_until(lambda: logos.fetched == ["0" * 16])
    await asyncio.sleep(0.02)
    mark = projector.stage.join.mark
    assert mark is not None and mark.image is None  # its room kept, nothing drawn
    announce(mirror, gone)  # asked again at the next state: it may be back
    await wait_until(lambda: len(logos.fetched) == 2)
    projector.allow_close()
    projector.close()
