"""What goes into the bundle: the names, and which of Qt's files the app needs.

Imported by ``confessional.spec`` (and by ``tests/packaging``), so that the rules can
be read and tested without building anything.

The app imports QtCore, QtGui and QtWidgets only (no QML/Quick, no WebEngine, no
QtNetwork: the host's server is aiohttp, the console talks to it with aiohttp too).
PyInstaller's Qt hooks collect every plugin of those modules and every translation;
the app needs only the plugins below, and no translation (its text is English, so
Qt's own dialogs stay English too).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

import facilitator

# A PyInstaller table-of-contents entry: (name in the bundle, source path, type code).
Entry = tuple[str, str, str]

APP_NAME = "Confessional"
EXECUTABLE = "confessional"
# The reverse-DNS id: the .desktop file's and the AppStream metainfo's name, and the
# macOS bundle identifier. It must not change once published.
APP_ID = facilitator.APP_ID

ALL = frozenset({"*"})

# Plugin folder → plugin names kept ("lib" prefix and extension left off); ALL keeps
# the whole folder. Folders not listed are left out.
QT_PLUGINS: dict[str, frozenset[str]] = {
    # Windows: qwindows; macOS: qcocoa; Linux: xcb (X11 and XWayland) and Wayland;
    # offscreen for screenshots and the smoke test; minimal for the odd tool.
    "platforms": frozenset(
        {"qwindows", "qdirect2d", "qcocoa", "qxcb", "qwayland", "qoffscreen", "qminimal"}
    ),
    "platforms/darwin": ALL,
    "xcbglintegrations": ALL,  # the xcb plugin asks for them, even for a widgets app
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": ALL,  # window frames where the compositor draws none
    # Input methods: typing accents and other scripts into the console's editor.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Native file dialogs (Save transcript as…) through the desktop portal; the GTK 3
    # theme plugin is left out (it would pull the build machine's GTK into the bundle).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "styles": ALL,  # Windows' and macOS' native looks
    "accessiblebridge": ALL,  # screen readers
}

# Modules the analysis may find but the app never imports (qasync probes other Qt
# bindings; Tk; the test tools in the venv).
EXCLUDED_MODULES = [
    "PyQt5",
    "PyQt6",
    "PySide2",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtSvg",
    "PySide6.QtOpenGL",
    "tkinter",
    "_tkinter",
    "readline",  # the interactive prompt's; pulls libreadline and libtinfo
    # what msgspec's YAML front end imports when called (the app speaks JSON, and TOML
    # for a prepared session's file: tomllib reads it, tomli_w writes it)
    "yaml",
    # phonenumbers' place names, carriers and time zones (20 MB): the hints only find
    # and check numbers (facilitator/core/hints/phones.py)
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # found through PyInstaller's own setuptools hook, never imported by the app
    "setuptools",
    "_distutils_hack",
    "pkg_resources",
    "pytest",
    "hypothesis",
    "IPython",
    # Pillow's parts the organiser's logo does not use (core/logo.py reads PNG, JPEG,
    # WebP and GIF): AVIF (5 MB of libavif), fonts (FreeType, HarfBuzz), colour
    # management, Tk, and the formats it never opens. Pillow skips a plugin it cannot
    # import.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._imagingft",
    "PIL.ImageFont",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL._imagingmath",
    "PIL.ImageMath",
    "PIL._imagingmorph",
    "PIL.ImageMorph",
    "PIL.ImageQt",
    "PIL.ImageShow",
    "PIL.ImageGrab",
]


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem.removeprefix("lib")


QT_TRANSLATIONS = frozenset({"qtbase_de.qm"})  # English needs none


def keep_qt_file(dest: str) -> bool:
    """Whether a file collected for Qt (its destination inside the bundle) is kept."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    try:
        qt = parts.index("Qt", parts.index("PySide6"))
    except ValueError:
        return True  # not one of Qt's files
    rest = parts[qt + 1 :]
    if not rest:
        return True
    if rest[0] == "translations":
        return rest[-1] in QT_TRANSLATIONS  # Qt's own buttons in the console's languages
    if rest[0] == "qml":
        return False
    if rest[0] != "plugins" or len(rest) < 3:
        return True
    folder = "/".join(rest[1:-1])
    names = QT_PLUGINS.get(folder)
    if names is None:
        return False
    return names is ALL or _plugin_name(rest[-1]) in names


# Linux libraries taken from the system that runs the app, never from the build
# machine: the graphics and font stack must match the system's drivers and font
# configuration (a host Mesa driver loaded beside an older bundled libstdc++ fails;
# an older fontconfig cannot read a newer /etc/fonts), and the D-Bus client library
# the system's bus (which would bring libsystemd and libgcrypt along). Every Linux
# desktop has them; the host (--headless) loads none of them but libstdc++ and libgcc.
LINUX_SYSTEM_LIBRARIES = frozenset(
    {
        "libdbus-1.so.3",
        "libstdc++.so.6",
        "libgcc_s.so.1",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libX11.so.6",
        "libX11-xcb.so.1",
        "libxcb.so.1",
        "libGL.so.1",
        "libEGL.so.1",
        "libGLX.so.0",
        "libOpenGL.so.0",
        "libGLdispatch.so.0",
    }
)


def _is_root(entry: Entry) -> bool:
    """What the app loads by itself: Python's extension modules, the Qt plugins kept,
    and the interpreter."""
    name, _, kind = entry
    base = PurePosixPath(name.replace("\\", "/"))
    return (
        kind == "EXTENSION"
        or "plugins" in base.parts
        or base.name.startswith(("libpython", "python3"))
    )


def elf_needed(path: str) -> list[str]:
    """The libraries an ELF file links to directly (its NEEDED entries; ``ldd`` would
    list their libraries too, the system's included). objdump is binutils', which
    PyInstaller needs on Linux anyway."""
    dump = subprocess.run(
        ["objdump", "-p", path], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.MULTILINE)


def prune_binaries(
    binaries: Iterable[Entry],
    imports_of: Callable[[str], Iterable[str | None]],
    system_libraries: frozenset[str] = frozenset(),
) -> list[Entry]:
    """The binaries reachable from the roots through their imports, less the system's.

    PyInstaller resolves the libraries of every plugin before the spec prunes the
    plugins: what only the dropped plugins needed (GTK and its dozens of libraries, for
    the GTK theme) would stay. ``imports_of(source)`` gives the paths (or names) of the
    libraries a binary links to directly (:func:`elf_needed`): the libraries that only
    the system's libraries need are the system's business.
    """
    entries = [entry for entry in binaries if PurePosixPath(entry[0]).name not in system_libraries]
    by_path = {os.path.realpath(source): entry for entry in entries for source in [entry[1]]}
    by_name = {PurePosixPath(entry[0].replace("\\", "/")).name: entry for entry in entries}
    kept: dict[str, Entry] = {}
    todo = [entry for entry in entries if _is_root(entry)]
    while todo:
        entry = todo.pop()
        if entry[0] in kept:
            continue
        kept[entry[0]] = entry
        for imported in imports_of(entry[1]):
            if imported is None:
                continue
            found = by_path.get(os.path.realpath(imported)) or by_name.get(
                PurePosixPath(imported.replace("\\", "/")).name
            )
            if found is not None and found[0] not in kept:
                todo.append(found)
    return [entry for entry in entries if entry[0] in kept]


def drop_dangling_symlinks(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """PyInstaller's SYMLINK entries (name, target, "SYMLINK") whose target is gone."""
    present = {name for name, _, _ in binaries}
    return [
        entry
        for entry in datas
        if entry[2] != "SYMLINK"
        or os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1])) in present
    ]
