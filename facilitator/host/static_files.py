"""The pages' files (``participant_web/``), each read once and kept with its gzip form,
so that a phone on a slow network gets a quarter of the bytes and the host compresses
each file once, not once per phone (a room of thousands joins in the same minute).

A file is read again when it changes on disk. Paths are resolved inside the folder (no
way out of it, symlinks included); anything else is 404. Answers carry an ``ETag``, and
``If-None-Match`` with it is answered 304 without a body.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from facilitator.host.replies import not_modified

COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "image/svg+xml",
        "text/plain",
    }
)
# The pages' own kinds of file, as every platform should name them (Windows' registry may
# call .js text/plain, which a browser refuses as a module script).
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
MIN_COMPRESSED_BYTES = 512  # below this, gzip's own header costs more than it saves


@dataclass(frozen=True, slots=True)
class _Kept:
    mtime_ns: int
    size: int
    content_type: str
    etag: str
    raw: bytes
    gzipped: bytes | None


class StaticFiles:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()
        self._kept: dict[Path, _Kept] = {}

    def routes(self, prefix: str = "/static") -> list[web.RouteDef]:
        return [web.get(prefix + "/{path:.+}", self.serve)]

    async def serve(self, request: web.Request) -> web.StreamResponse:
        return self.response(request, request.match_info["path"])

    def response(
        self, request: web.Request, relative: str, cache_control: str | None = None
    ) -> web.StreamResponse:
        """``relative`` (inside the folder) for ``request``: gzip if the browser takes it."""
        kept = self._file(relative)
        if kept is None:
            raise web.HTTPNotFound()
        headers = {"ETag": kept.etag, "Vary": "Accept-Encoding"}
        if cache_control is not None:
            headers["Cache-Control"] = cache_control
        if not_modified(request, kept.etag):
            return web.Response(status=304, headers=headers)
        body = kept.raw
        if kept.gzipped is not None and _takes_gzip(request):
            body = kept.gzipped
            headers["Content-Encoding"] = "gzip"
        return web.Response(body=body, headers={**headers, "Content-Type": kept.content_type})

    def _file(self, relative: str) -> _Kept | None:
        path = (self._root / relative).resolve()
        if not path.is_relative_to(self._root):
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        if not path.is_file():
            return None
        kept = self._kept.get(path)
        if kept is not None and (kept.mtime_ns, kept.size) == (stat.st_mtime_ns, stat.st_size):
            return kept
        kept = _read(path, stat.st_mtime_ns)
        self._kept[path] = kept
        return kept


def _read(path: Path, mtime_ns: int) -> _Kept:
    raw = path.read_bytes()
    guessed = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    guessed = guessed or "application/octet-stream"
    if guessed.startswith("text/") or guessed in {"application/javascript", "application/json"}:
        content_type = f"{guessed}; charset=utf-8"
    else:
        content_type = guessed
    gzipped = None
    if guessed in COMPRESSIBLE and len(raw) >= MIN_COMPRESSED_BYTES:
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        gzipped = packed if len(packed) < len(raw) else None
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    return _Kept(mtime_ns, len(raw), content_type, etag, raw, gzipped)


def _takes_gzip(request: web.Request) -> bool:
    """Whether ``Accept-Encoding`` names gzip (with a weight above 0)."""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, parameters = part.partition(";")
        if coding.strip().lower() != "gzip":
            continue
        weight = parameters.strip().lower().removeprefix("q=")
        try:
            return not parameters.strip() or float(weight) > 0
        except ValueError:
            return False
    return False
