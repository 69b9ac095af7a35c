"""A smaller ICU data library for the Linux bundle: what Qt reads of it, nothing else.

    python packaging/linux/trim_icu.py LIBICUDATA OUTPUT   # e.g. .../Qt/lib/libicudata.so.73

PySide6's QtCore links ICU (``libicuuc``, ``libicui18n``) and ICU's data library,
``libicudata.so.NN``: 32 MB, a quarter of the bundle. That library is one symbol,
``icudtNN_dat``, holding an ICU *common data package* (a table of contents and the
items: ``coll/de.res``, ``ibm-5348_P100-1997.cnv``, …). QtCore calls ICU for four things
only (its undefined ``*_NN`` symbols, ``nm -D --undefined-only libQt6Core.so.6``):

- **collation** (``ucol_*``: ``QCollator``, which the widget file dialog sorts its
  folder listing with, in the user's language) → the ``coll/`` tree, kept whole;
- **text codecs** (``ucnv_*``: ``QStringConverter``/``QStringDecoder`` for any encoding
  other than UTF-8/16/32 and Latin-1) → every converter table and ``cnvalias.icu``, kept;
- **time-zone names** (``ucal_*``: ``QTimeZone::displayName``; the app shows none) →
  ``zoneinfo64``, ``metaZones`` and the other top-level data, kept; the ``zone/`` names
  and the top-level locale data for ``root`` and :data:`KEPT_LANGUAGES` (their regional
  variants included); other locales fall back to ``root`` (``GMT+01:00``);
- **case mapping** (``u_strToUpper/Lower``: ``QLocale::toUpper``): built into libicuuc.

Dropped whole (:data:`DROPPED_TREES`), as nothing Qt calls reads them: break iteration
(Qt has its own), currency, unit, language and region names, number spell-out and
transliteration. QLocale's own data (formats, names, ``measurementSystem``) is Qt's
compiled-in CLDR, not ICU's. The result keeps the soname and the data symbol
(``as`` with ``.incbin``, ``ld -shared``: binutils, which PyInstaller needs anyway).

``packaging/confessional.spec`` calls :func:`replace_in_toc` on Linux; without ``as``
and ``ld``, or on data it does not understand, it keeps the full library and says so.
To keep more (a locale, a tree): :data:`KEPT_LANGUAGES`, :data:`DROPPED_TREES`; to build
with the full data: ``CONFESSIONAL_FULL_ICU=1 make bundle``.
Standard library only (imported by the spec and by ``tests/packaging``).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Trees of per-locale data that nothing Qt calls reads.
DROPPED_TREES = frozenset({"brkitr", "curr", "lang", "rbnf", "region", "translit", "unit"})
# Trees (and "" for the top level) whose locales are kept for these languages only:
# English (the app's), and those the phones' page is translated into or planned for.
PER_LOCALE_TREES = frozenset({"", "zone"})
KEPT_LANGUAGES = frozenset({"en", "de", "fr", "es", "cy", "ar"})
# In every tree: the root locale, the shared key pool, the index of locales.
ALWAYS_KEPT = frozenset({"root", "pool", "res_index"})

_LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]+)*")
FULL_ICU_VARIABLE = "CONFESSIONAL_FULL_ICU"
_DATA_SYMBOL = re.compile(rb"icudt\d+_dat")
_MAGIC = (0xDA, 0x27)
_ALIGN = 16
_PAD = b"\xaa"  # what ICU's own tools pad with


class NotICUData(ValueError):
    """The library or package is not what this module knows how to trim."""


def keep_item(name: str) -> bool:
    """Whether a package item (``coll/de.res``, ``icudt73l/zone/fr_CA.res``) is kept."""
    path = PurePosixPath(name)
    parts = path.parts[1:] if path.parts and path.parts[0].startswith("icudt") else path.parts
    tree = "/".join(parts[:-1])
    if tree in DROPPED_TREES:
        return False
    stem, _, extension = parts[-1].partition(".")
    if tree not in PER_LOCALE_TREES or extension != "res" or stem in ALWAYS_KEPT:
        return True
    if not _LOCALE.fullmatch(stem):
        return True  # supplementalData, zoneinfo64, metaZones, …: not a locale
    return stem.split("_", 1)[0] in KEPT_LANGUAGES


@dataclass(frozen=True)
class Package:
    """An ICU common data package: its header (kept as it is) and its items, in order."""

    header: bytes
    items: list[tuple[str, bytes]]

    @classmethod
    def parse(cls, data: bytes) -> Package:
        if len(data) < 4 or tuple(data[2:4]) != _MAGIC:
            raise NotICUData("no ICU data header")
        header_size = struct.unpack_from("<H", data)[0]
        if data[12:16] != b"CmnD" or data[8] != 0:  # little-endian common data
            raise NotICUData(f"not a little-endian ICU package: {data[8:16]!r}")
        toc = data[header_size:]
        (count,) = struct.unpack_from("<I", toc)
        entries = [struct.unpack_from("<II", toc, 4 + 8 * index) for index in range(count)]
        items = []
        for index, (name_at, data_at) in enumerate(entries):
            name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
            end = entries[index + 1][1] if index + 1 < count else len(toc)
            items.append((name, toc[data_at:end]))
        return cls(data[:header_size], items)

    def serialize(self) -> bytes:
        """As ICU reads it: names and data offsets from the table of contents, names
        sorted (ICU searches them by bisection), each item aligned to 16 bytes."""
        if len(self.header) % _ALIGN:
            raise NotICUData("header size not a multiple of 16")
        items = sorted(self.items, key=lambda item: item[0].encode("ascii"))
        names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
        table_size = 4 + 8 * len(items)
        data_at = _aligned(table_size + len(names))
        offsets, name_at = [], table_size
        blobs = []
        for name, blob in items:
            offsets.append((name_at, data_at))
            name_at += len(name) + 1
            padded = blob + _PAD * (_aligned(len(blob)) - len(blob))
            blobs.append(padded)
            data_at += len(padded)
        table = struct.pack("<I", len(items)) + b"".join(
            struct.pack("<II", *offset) for offset in offsets
        )
        names += _PAD * (_aligned(table_size + len(names)) - table_size - len(names))
        return self.header + table + names + b"".join(blobs)

    def trimmed(self) -> Package:
        return Package(self.header, [item for item in self.items if keep_item(item[0])])


def _aligned(size: int) -> int:
    return -(-size // _ALIGN) * _ALIGN


def read_data_symbol(library: bytes) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol of an x86-64/aarch64 ELF shared library (64-bit,
    little-endian): its name and its bytes."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise NotICUData("not a 64-bit little-endian ELF file")
    section_at, _, _, _, _, entry_size, count = struct.unpack_from("<QIHHHHH", library, 0x28)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, section_at + index * entry_size)
        for index in range(count)
    ]
    for _, kind, _, _, offset, size, link, _, _, symbol_size in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings_at = sections[link][4]
        for at in range(offset, offset + size, symbol_size):
            name_at, _, _, index, value, length = struct.unpack_from("<IBBHQQ", library, at)
            start = strings_at + name_at
            name = library[start : library.index(b"\0", start)]
            if _DATA_SYMBOL.fullmatch(name) and 0 < index < count:
                address, file_at = sections[index][3], sections[index][4]
                begin = file_at + value - address
                return name.decode("ascii"), library[begin : begin + length]
    raise NotICUData("no icudtNN_dat symbol")


def soname(library: Path) -> str:
    dump = subprocess.run(
        ["objdump", "-p", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"^\s+SONAME\s+(\S+)$", dump, re.MULTILINE)
    return found.group(1) if found else library.name


def link(data: bytes, symbol: str, soname_: str, output: Path) -> None:
    """A shared library named ``soname_`` that exports ``data`` as ``symbol``
    (read-only, 16-byte aligned, as ICU's own is)."""
    with tempfile.TemporaryDirectory(prefix="icudata-") as temporary:
        work = Path(temporary)
        (work / "icudata.dat").write_bytes(data)
        (work / "icudata.s").write_text(
            '\t.section .rodata,"a",@progbits\n'
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            '\t.incbin "icudata.dat"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=work, check=True)
        subprocess.run(
            [
                "ld",
                "-shared",
                "-soname",
                soname_,
                "-z",
                "noexecstack",
                "-o",
                str(output.resolve()),
                "icudata.o",
            ],
            cwd=work,
            check=True,
        )


def trim(library: Path, output: Path) -> tuple[int, int]:
    """Write the trimmed copy of ``library`` to ``output``; the two data sizes."""
    symbol, data = read_data_symbol(library.read_bytes())
    package = Package.parse(data)
    smaller = package.trimmed().serialize()
    output.parent.mkdir(parents=True, exist_ok=True)
    link(smaller, symbol, soname(library), output)
    return len(data), len(smaller)


def missing_tools() -> list[str]:
    return [tool for tool in ("as", "ld", "objdump") if shutil.which(tool) is None]


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


Entry = tuple[str, str, str]


def replace_in_toc(binaries: Iterable[Entry], work: Path) -> list[Entry]:
    """PyInstaller's binaries with each ``libicudata.so.*`` replaced by its trimmed copy
    (built in ``work``). Keeps the full library, loudly, when that cannot be done, and
    when ``CONFESSIONAL_FULL_ICU=1`` asks for it (to compare, or to rule ICU out)."""
    if os.environ.get(FULL_ICU_VARIABLE, "") not in {"", "0"}:
        _say(f"{FULL_ICU_VARIABLE} is set: ICU's data is kept whole (not trimmed).")
        return list(binaries)
    result = []
    for name, source, kind in binaries:
        if PurePosixPath(name).name.startswith("libicudata.so"):
            trimmed = work / PurePosixPath(name).name
            result.append((name, _trimmed_or_full(Path(source), trimmed), kind))
        else:
            result.append((name, source, kind))
    return result


def _trimmed_or_full(library: Path, trimmed: Path) -> str:
    banner = "=" * 78
    missing = missing_tools()
    try:
        if missing:
            raise NotICUData(f"{', '.join(missing)} not found (Debian: apt-get install binutils)")
        before, after = trim(library, trimmed)
    except (NotICUData, OSError, subprocess.CalledProcessError, struct.error) as error:
        _say(
            f"{banner}\nWARNING: ICU's data is NOT trimmed: {error}.\n"
            f"The bundle keeps the full {library.name} ({library.stat().st_size / 1e6:.1f} MB)"
            f" and goes over its size aim (packaging/README.md).\n{banner}"
        )
        return str(library)
    _say(f"ICU data trimmed: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB ({library.name})")
    return str(trimmed)


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        _say(__doc__.split("\n\n")[1].strip() if __doc__ else "trim_icu.py LIBRARY OUTPUT")
        return 2
    before, after = trim(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: ICU data {before} -> {after} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
