"""Pack the Linux bundle into ``dist/confessional-VERSION-linux-ARCH.tar.gz``.

    .venv/bin/python packaging/linux/make_archive.py      (make bundle runs it)

The archive holds one folder: the PyInstaller bundle (``confessional`` and
``_internal/``, symbolic links kept as links), ``install.sh``, and under ``share/``
the menu entry, the AppStream metainfo and the icons in the hicolor layout. Unpacked,
``./confessional`` runs in place; ``./install.sh`` installs it for the user.

The version is the bundle's own (``confessional --version``); the newest release in the
metainfo must be that version, or nothing is packed.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "confessional"
sys.path.insert(0, str(HERE.parent))
from bundle_rules import APP_ID  # noqa: E402

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def bundle_version() -> str:
    printed = subprocess.run(
        [str(BUNDLE / "confessional"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    match = re.fullmatch(r"confessional (\S+)\s*", printed)
    if match is None:
        raise SystemExit(f"unexpected --version output: {printed!r}")
    return match.group(1)


def newest_release(metainfo: Path) -> str:
    match = re.search(r'<release version="([^"]+)"', metainfo.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{metainfo.name}: no <release>")
    return match.group(1)


def _normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or info.mtime
    return info


def main() -> int:
    if not (BUNDLE / "confessional").is_file():
        sys.stderr.write(f"{BUNDLE}: no bundle (build it with make bundle)\n")
        return 1
    version = bundle_version()
    metainfo = HERE / f"{APP_ID}.metainfo.xml"
    if newest_release(metainfo) != version:
        sys.stderr.write(
            f"{metainfo.name}: the newest <release> is {newest_release(metainfo)}, the bundle "
            f"is {version}: add a <release> for {version}\n"
        )
        return 1
    folder = f"confessional-{version}-linux-{platform.machine()}"
    archive = DIST / f"{folder}.tar.gz"
    icons = ROOT / "resources" / "icons"
    extras = [
        (HERE / "install.sh", "install.sh"),
        (HERE / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop"),
        (metainfo, f"share/metainfo/{APP_ID}.metainfo.xml"),
        (icons / "confessional.svg", f"share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        *(
            (
                icons / f"confessional-{size}.png",
                f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png",
            )
            for size in ICON_SIZES
        ),
    ]
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        for path in sorted(BUNDLE.iterdir()):
            tar.add(path, f"{folder}/{path.name}", filter=_normalised)  # links stay links
        for source, name in extras:
            tar.add(source, f"{folder}/{name}", filter=_normalised)
    size = archive.stat().st_size
    print(f"{archive.relative_to(ROOT)}: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
