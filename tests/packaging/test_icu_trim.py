"""The Linux bundle's trimmed ICU data (packaging/linux/trim_icu.py), checked without
building the bundle: the rules, the package format on the wheel's own data, and, where
binutils is installed, a trimmed library that Qt answers with as it does with the full
one (make bundle-test checks the built bundle's library the same way)."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(relative: str) -> ModuleType:
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(f"packaging_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # for its dataclass
    spec.loader.exec_module(module)
    return module


trim_icu = load("linux/trim_icu.py")
icu_probe = load("linux/icu_probe.py")


def qt_library(name: str) -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "lib" / name


ICU_DATA = qt_library("libicudata.so.73")
needs_icu_73 = pytest.mark.skipif(
    not ICU_DATA.is_file(), reason="PySide6's ICU is not 73: update the tests' ICU_DATA"
)
needs_binutils = pytest.mark.skipif(
    bool(trim_icu.missing_tools()), reason="binutils (as, ld, objdump) not installed"
)


@pytest.mark.parametrize(
    "kept",
    [
        "icudt73l/root.res",
        "icudt73l/pool.res",
        "icudt73l/res_index.res",
        "icudt73l/en.res",
        "icudt73l/en_US_POSIX.res",
        "icudt73l/de_CH.res",
        "icudt73l/es_419.res",
        "icudt73l/cy.res",
        "icudt73l/ar_EG.res",
        "icudt73l/zone/fr_CA.res",
        "icudt73l/zone/root.res",
        "icudt73l/zone/pool.res",
        # collation in every language: the file dialog sorts in the user's
        "icudt73l/coll/ja.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/coll/sv.res",
        # every codec
        "icudt73l/cnvalias.icu",
        "icudt73l/ibm-943_P15A-2003.cnv",
        "icudt73l/gb18030.cnv",
        # top-level data that is no locale
        "icudt73l/zoneinfo64.res",
        "icudt73l/metaZones.res",
        "icudt73l/timezoneTypes.res",
        "icudt73l/supplementalData.res",
        "icudt73l/likelySubtags.res",
        "icudt73l/nfkc.nrm",
        "icudt73l/uts46.nrm",
        "coll/de.res",  # a name without the package's prefix
    ],
)
def test_icu_keeps_what_qt_reads(kept: str) -> None:
    assert trim_icu.keep_item(kept)


@pytest.mark.parametrize(
    "dropped",
    [
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/brkitr/de.res",
        "icudt73l/curr/en.res",
        "icudt73l/unit/en.res",
        "icudt73l/lang/en.res",
        "icudt73l/region/en.res",
        "icudt73l/rbnf/en.res",
        "icudt73l/translit/root.res",
        "icudt73l/ja.res",
        "icudt73l/zh_Hant_HK.res",
        "icudt73l/sr_Latn.res",
        "icudt73l/zone/ja.res",
        "icudt73l/zone/yue_Hans.res",
    ],
)
def test_icu_leaves_out_what_qt_never_reads(dropped: str) -> None:
    assert not trim_icu.keep_item(dropped)


def package_of(items: list[tuple[str, bytes]]) -> bytes:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack(
        "<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\3\0\0\0"
    )
    return trim_icu.Package(header + bytes(32 - len(header)), items).serialize()  # type: ignore[no-any-return]


def test_a_package_is_written_as_icu_reads_it() -> None:
    data = package_of([("t/zone/de.res", b"Z" * 20), ("t/de.res", b"D" * 16), ("t/a.cnv", b"A")])
    (count,) = struct.unpack_from("<I", data, 32)
    entries = [struct.unpack_from("<II", data, 36 + 8 * index) for index in range(count)]
    names = [data[32 + at : data.index(b"\0", 32 + at)] for at, _ in entries]
    assert names == [b"t/a.cnv", b"t/de.res", b"t/zone/de.res"]  # sorted: ICU bisects
    assert all((32 + at) % 16 == 0 for _, at in entries)
    package = trim_icu.Package.parse(data)
    assert [name for name, _ in package.items] == [name.decode() for name in names]
    assert [blob.rstrip(b"\xaa") for _, blob in package.items] == [b"A", b"D" * 16, b"Z" * 20]
    assert trim_icu.Package.parse(package.serialize()) == package


def test_what_is_not_an_icu_package_is_refused() -> None:
    with pytest.raises(trim_icu.NotICUData):
        trim_icu.Package.parse(b"\x7fELF" + bytes(60))
    with pytest.raises(trim_icu.NotICUData):
        trim_icu.read_data_symbol(b"not an ELF file at all")


@needs_icu_73
def test_the_wheels_data_reads_and_writes_back_byte_for_byte() -> None:
    symbol, data = trim_icu.read_data_symbol(ICU_DATA.read_bytes())
    assert symbol == "icudt73_dat"
    package = trim_icu.Package.parse(data)
    assert package.serialize() == data
    trimmed = package.trimmed()
    names = {name.removeprefix("icudt73l/") for name, _ in trimmed.items}
    assert {"root.res", "cnvalias.icu", "coll/root.res", "coll/ucadata.icu"} <= names
    everything = {name.removeprefix("icudt73l/") for name, _ in package.items}
    assert {name for name in everything if name.startswith("coll/")} <= names
    assert {name for name in everything if name.endswith(".cnv")} <= names
    assert len(data) > 30_000_000
    assert len(trimmed.serialize()) < 12_000_000


@needs_icu_73
@needs_binutils
def test_qt_reads_nothing_more_of_icu_than_trim_icu_keeps() -> None:
    """When a PySide6 upgrade makes QtCore call more of ICU (break iterators, date
    formats, …), review trim_icu.DROPPED_TREES and this list."""
    dump = subprocess.run(
        ["nm", "-D", "--undefined-only", str(qt_library("libQt6Core.so.6"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    icu = {line.split()[-1].removesuffix("_73") for line in dump.splitlines()}
    icu = {name for name in icu if name.startswith(("u_", "uc", "UC", "ubrk", "ud", "ul", "ut"))}
    reviewed = ("ucol_", "ucnv_", "UCNV_", "ucal_", "u_strToUpper", "u_strToLower")
    assert icu and {name for name in icu if not name.startswith(reviewed)} == set()


@needs_icu_73
@needs_binutils
def test_qt_answers_with_the_trimmed_data_as_with_the_full(tmp_path: Path) -> None:
    library = tmp_path / "libicudata.so.73"
    before, after = trim_icu.trim(ICU_DATA, library)
    assert after < before / 2
    assert trim_icu.soname(library) == "libicudata.so.73"
    assert trim_icu.read_data_symbol(library.read_bytes())[0] == "icudt73_dat"

    full, trimmed = icu_probe.run(None), icu_probe.run(library)
    assert trimmed["library"] == [str(library)]
    assert icu_probe.differences(full, trimmed, trim_icu.KEPT_LANGUAGES) == []
    # and the probe does look: real answers, and left-out names do fall back
    assert "日本語のテキスト" in full["html Shift_JIS"]
    assert "ภาษาไทย" in full["html TIS-620"]
    assert full["case tr_TR"][0].startswith("İSTANBUL")
    assert full["zone Europe/Berlin de_DE"][0] == "Mitteleuropäische Normalzeit"
    assert full["zone Asia/Tokyo ja_JP"] != trimmed["zone Asia/Tokyo ja_JP"]


def test_without_binutils_the_bundle_keeps_the_full_icu_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("CONFESSIONAL_FULL_ICU", raising=False)
    monkeypatch.setattr(shutil, "which", lambda _tool: None)
    source = tmp_path / "libicudata.so.73"
    source.write_bytes(b"full")
    binaries = [
        ("PySide6/Qt/lib/libicudata.so.73", str(source), "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/v/libicuuc.so.73", "BINARY"),
    ]
    assert trim_icu.replace_in_toc(binaries, tmp_path / "work") == binaries
    assert "WARNING: ICU's data is NOT trimmed" in capsys.readouterr().err


@needs_icu_73
@needs_binutils
def test_the_spec_gets_the_trimmed_library_in_its_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CONFESSIONAL_FULL_ICU", raising=False)
    binaries = [("PySide6/Qt/lib/libicudata.so.73", str(ICU_DATA), "BINARY")]
    [(name, source, kind)] = trim_icu.replace_in_toc(binaries, tmp_path)
    assert (name, kind) == binaries[0][::2]
    assert Path(source) == tmp_path / "libicudata.so.73"
    assert Path(source).stat().st_size < 12_000_000


def test_the_full_icu_may_be_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("CONFESSIONAL_FULL_ICU", "1")
    binaries = [("PySide6/Qt/lib/libicudata.so.73", "/v/libicudata.so.73", "BINARY")]
    assert trim_icu.replace_in_toc(binaries, tmp_path) == binaries
    assert "kept whole" in capsys.readouterr().err


@needs_icu_73
@needs_binutils
def test_the_probe_sees_collation_and_codecs_go_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check is no formality: data Qt needs, left out, shows up as a difference."""
    monkeypatch.setattr(trim_icu, "DROPPED_TREES", trim_icu.DROPPED_TREES | {"coll"})
    real_keep = trim_icu.keep_item
    monkeypatch.setattr(
        trim_icu, "keep_item", lambda name: real_keep(name) and not name.endswith(".cnv")
    )
    library = tmp_path / "libicudata.so.73"
    trim_icu.trim(ICU_DATA, library)
    found = icu_probe.differences(
        icu_probe.run(None), icu_probe.run(library), trim_icu.KEPT_LANGUAGES
    )
    assert any(line.startswith("collate sv_SE:") for line in found)
    assert any(line.startswith("html Shift_JIS:") for line in found)
