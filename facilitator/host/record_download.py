"""The session's record as a download for moderators, in every format but PDF.

Behind the moderator secret like the rest of the moderators' API, at any time: during
the session it is the record as it stands (what has been shown so far), after the end
the record as it was written. PDF is made by Qt, which the host does not load: the
console and ``confessional export`` make it.
"""

from __future__ import annotations

from aiohttp import web

from facilitator.core.errors import CommandRefused
from facilitator.core.record.files import file_stem
from facilitator.core.record.formats import RecordFormat, render
from facilitator.core.record.html_record import lessons_html
from facilitator.core.session import SessionService
from facilitator.host.replies import refused_reply

LESSONS_PATH = "/api/lessons.html"


class RecordDownload:
    def __init__(self, service: SessionService, prefix: str) -> None:
        self._service = service
        self._prefix = prefix

    def routes(self) -> list[web.RouteDef]:
        return [web.get(f"{self._prefix}/api/record.{{ext}}", self.download)]

    async def download(self, request: web.Request) -> web.Response:
        try:
            record_format = RecordFormat(request.match_info["ext"])
        except ValueError:
            raise web.HTTPNotFound(text="No such format: md, html, csv or json.") from None
        transcript = self._service.record()
        name = f"{file_stem(transcript, self._service.session.id)}.{record_format.value}"
        return web.Response(
            body=render(transcript, record_format).encode("utf-8"),
            headers={
                "Content-Type": record_format.media_type,
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )


class LessonsForPhones:
    """When the session has ended, every phone may open what was shown and its lessons
    (``/api/lessons.html``) to read or save before the laptop closes: nothing else."""

    def __init__(self, service: SessionService) -> None:
        self._service = service

    def routes(self) -> list[web.RouteDef]:
        return [web.get(LESSONS_PATH, self.lessons)]

    async def lessons(self, request: web.Request) -> web.Response:
        if self._service.session.is_open:
            return refused_reply(
                CommandRefused(
                    "session_open", "The lessons can be taken home once the session has ended."
                )
            )
        transcript = self._service.record()
        name = f"{file_stem(transcript, self._service.session.id)}-lessons.html"
        return web.Response(
            body=lessons_html(transcript).encode("utf-8"),
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Content-Disposition": f'inline; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )
