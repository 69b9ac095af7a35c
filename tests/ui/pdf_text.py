"""Just enough of a PDF reader to check what Qt's PDF writer put on its pages.

Qt writes each font as a Type 0 font with Identity-H encoding and a ToUnicode map,
and its text as ``<glyph> Tj`` runs in Flate-compressed content streams. This reads
exactly that (not PDFs in general): the pages, and the characters drawn on each.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\bendobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_REF = rb"(\d+) 0 R"


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for match in _OBJECT.finditer(pdf):
        body = match.group(2)
        stream = _STREAM.search(body)
        data = None
        if stream is not None:
            data = stream.group(1)
            if b"/FlateDecode" in body[: stream.start()]:
                data = zlib.decompress(data)
            body = body[: stream.start()]
        objects[int(match.group(1))] = (body, data)
    return objects


def _to_unicode(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, targets in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", section
        ):
            first, last = int(start, 16), int(end, 16)
            if targets.startswith(b"["):
                for offset, target in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", targets)):
                    table[first + offset] = bytes.fromhex(target.decode()).decode("utf-16-be")
            else:
                base = int(targets[1:-1], 16)
                for offset in range(last - first + 1):
                    table[first + offset] = chr(base + offset)
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for glyph, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            table[int(glyph, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    return table


def pages_text(pdf: bytes) -> list[str]:
    """The characters drawn on each page, in drawing order (no line breaks guessed)."""
    objects = _objects(pdf)
    pages: list[str] = []
    for body, _ in objects.values():
        if not re.search(rb"/Type\s*/Page\b(?!s)", body):
            continue
        fonts: dict[bytes, dict[int, str]] = {}
        resources = re.search(rb"/Resources\s+" + _REF, body)
        page = body  # Qt writes the resources apart from the page
        if resources is not None:
            page += objects[int(resources.group(1))][0]
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", page, re.S)
        if font_dict is not None:
            for name, number in re.findall(rb"/(\S+)\s+" + _REF, font_dict.group(1)):
                font_body = objects[int(number)][0]
                ref = re.search(rb"/ToUnicode\s+" + _REF, font_body)
                cmap = objects[int(ref.group(1))][1] if ref else None
                fonts[name] = _to_unicode(cmap or b"")
        text: list[str] = []
        for content in re.findall(rb"/Contents\s+" + _REF, body):
            stream = objects[int(content)][1] or b""
            table: dict[int, str] = {}
            for font, glyphs in re.findall(rb"/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>\s*Tj", stream):
                if font:
                    table = fonts.get(font, {})
                    continue
                for index in range(0, len(glyphs), 4):
                    text.append(table.get(int(glyphs[index : index + 4], 16), "?"))
        # Qt maps the space glyph to a tab, and draws "fi" and "ffi" as ligatures.
        pages.append(unicodedata.normalize("NFKC", "".join(text)).replace("\t", " "))
    return pages
