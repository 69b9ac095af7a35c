"""Check a trimmed ICU data library against the full one, through Qt (PySide6).

    .venv/bin/python packaging/linux/icu_probe.py --compare PATH/libicudata.so.73

Runs this script twice, with the checkout's PySide6: once as installed (the wheel's full
ICU data) and once with ``LD_PRELOAD`` of the library given (the same soname, so ICU
loads its data from there), and compares what Qt does with ICU (``trim_icu.py`` says
what that is): sorting words with ``QCollator`` in several languages (numeric mode too),
decoding HTML in a dozen encodings the way a paste does (``QMimeData.html``), the list
of codecs, locale-aware upper and lower case, and time-zone names. Everything must be
equal, except time-zone names in languages whose names were left out (they fall back to
``root``'s). Without ``--compare``: this process's answers as JSON.

Used by ``make bundle-test`` (on the installed bundle's library) and ``tests/packaging``.
"""

# ruff: noqa: RUF001  (letters that look alike are the point of these test words)

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

WORDS = [
    "Äpfel", "apple", "Zebra", "zoo", "Ähre", "ärger", "Öl", "ost", "file10", "file9",
    "file1", "ch", "cz", "hra", "ça", "cote", "côte", "coté", "côté", "Ωmega", "αλφα",
    "日本", "中国", "안녕", "ñandu", "nube", "ıslak", "İzmir", "izmir", "Łódź", "lodz",
]  # fmt: skip
COLLATION_LOCALES = [
    "en_US", "en_GB", "de_DE", "fr_CA", "es_ES", "ar_EG", "cy_GB",
    "sv_SE", "cs_CZ", "tr_TR", "pl_PL", "ja_JP", "zh_CN", "ko_KR", "C",
]  # fmt: skip
# (encoding, text): the text encoded so, in an HTML document that names its charset
ENCODINGS = [
    ("windows-1252", "café – naïve “quotes” €"),
    ("ISO-8859-15", "€uro œuvre"),
    ("ISO-8859-2", "Łódź żółć"),
    ("windows-1251", "Привет"),
    ("KOI8-R", "Привет"),
    ("Shift_JIS", "日本語のテキスト"),
    ("EUC-JP", "日本語"),
    ("ISO-2022-JP", "日本語"),
    ("GB18030", "中文文本"),
    ("GBK", "中文"),
    ("Big5", "繁體中文"),
    ("EUC-KR", "한국어"),
    ("windows-1256", "مرحبا"),
    ("ISO-8859-7", "Ελληνικά"),
    ("TIS-620", "ภาษาไทย"),
]
CASE = [("tr_TR", "istanbul ılık"), ("lt_LT", "i̇̀"), ("de_DE", "straße"), ("el_GR", "ΆΈΉ")]
TIME_ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London"]
ZONE_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_MX", "cy_GB", "ar_EG", "ja_JP", "ru_RU"]


def probe() -> dict[str, Any]:
    """What Qt answers here, through whichever ICU data this process loaded."""
    from PySide6.QtCore import QCollator, QLocale, QMimeData, QStringConverter, QTimeZone

    answers: dict[str, Any] = {}
    for name in COLLATION_LOCALES:
        collator = QCollator(QLocale(name))
        answers[f"collate {name}"] = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
        collator.setNumericMode(True)
        answers[f"collate {name} numeric"] = sorted(
            WORDS, key=functools.cmp_to_key(collator.compare)
        )
    for encoding, text in ENCODINGS:
        page = f'<html><head><meta charset="{encoding}"></head><body>{text}</body></html>'
        mime = QMimeData()
        mime.setData("text/html", page.encode(encoding))
        answers[f"html {encoding}"] = mime.html()
    answers["codecs"] = sorted(QStringConverter.availableCodecs())
    for name, text in CASE:
        answers[f"case {name}"] = [QLocale(name).toUpper(text), QLocale(name).toLower(text)]
    for zone in TIME_ZONES:
        for name in ZONE_LOCALES:
            answers[f"zone {zone} {name}"] = [
                QTimeZone(zone.encode()).displayName(kind, length, QLocale(name))
                for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime)
                for length in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName)
            ]
    preloaded = os.environ.get("LD_PRELOAD", "libicudata")
    with open("/proc/self/maps", encoding="utf-8") as maps:
        answers["library"] = sorted(
            {
                line.split()[-1]
                for line in maps
                if "/" in line and ("libicudata" in line or preloaded in line)
            }
        )
    return answers


def run(preload: Path | None) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    result = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, env=env, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"the probe failed ({result.returncode}): {result.stderr[-2000:]}")
    answers: dict[str, Any] = json.loads(result.stdout)
    return answers


def differences(
    full: dict[str, Any], trimmed: dict[str, Any], kept_languages: frozenset[str]
) -> list[str]:
    """What the trimmed data answers differently, less what is meant to differ."""
    found = []
    for key in sorted(set(full) | set(trimmed)):
        if key == "library":
            continue
        if key.startswith("zone ") and key.split()[-1].split("_")[0] not in kept_languages:
            continue  # names left out: root's instead
        if full.get(key) != trimmed.get(key):
            found.append(f"{key}: {full.get(key)!r} → {trimmed.get(key)!r}")
    return found


def compare(library: Path) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    import trim_icu

    full, trimmed = run(None), run(library)
    if trimmed["library"] != [str(library.resolve())]:
        print(f"FAIL ICU data: loaded {trimmed['library']}, not {library}")
        return 1
    found = differences(full, trimmed, trim_icu.KEPT_LANGUAGES)
    for line in found:
        print(f"FAIL ICU data: {line}")
    if not found:
        size = library.stat().st_size / 1e6
        print(
            f"ok   ICU data ({library.name}, {size:.1f} MB): collation in "
            f"{len(COLLATION_LOCALES)} locales, {len(ENCODINGS)} encodings of "
            f"{len(full['codecs'])} codecs, case, time-zone names as with the full data"
        )
    return 1 if found else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"] and len(sys.argv) == 3:
        sys.exit(compare(Path(sys.argv[2])))
    json.dump(probe(), sys.stdout, ensure_ascii=False)
