"""The bundle's rules and recipes, checked without building anything (make bundle and
packaging/smoke_test.py build and try the real thing; see packaging/README.md)."""

from __future__ import annotations

import ast
import importlib.util
import os
import plistlib
import re
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import facilitator
from facilitator import paths
from facilitator.host.discovery import SERVICE_TYPE
from facilitator.ui.host_process import HostArgs, host_command

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """A module of packaging/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = load("bundle_rules")
launcher = load("launcher")


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This process as PyInstaller's bootloader leaves it: frozen, unpacked in tmp_path."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path.parent / "confessional"))
    return tmp_path


def test_in_a_bundle_the_data_folders_are_found_where_the_spec_puts_them(frozen: Path) -> None:
    assert paths.web_root() == frozen / "facilitator" / "participant_web"
    assert paths.resources_root() == frozen / "facilitator" / "resources"


def test_from_a_checkout_the_data_folders_are_beside_the_package() -> None:
    assert paths.web_root() == ROOT / "participant_web"
    assert (paths.web_root() / "index.html").is_file()
    assert (paths.resources_root() / "icons" / "confessional.svg").is_file()


def test_the_frozen_app_starts_its_host_from_its_own_executable(frozen: Path) -> None:
    command = host_command(HostArgs(data_dir=Path("/data")), port=8737, new_session=False)
    assert command[:2] == [str(frozen.parent / "confessional"), "--headless"]
    assert "-m" not in command


def test_from_a_checkout_the_host_is_the_package_run_headless() -> None:
    command = host_command(HostArgs(data_dir=Path("/data")), port=None, new_session=True)
    assert command[:4] == [sys.executable, "-m", "facilitator", "--headless"]


def test_the_launcher_ignores_the_finders_process_serial_number(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["confessional", "-psn_0_12345", "--version"])
    with pytest.raises(SystemExit) as stopped:
        launcher.main()
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"confessional {facilitator.__version__}"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"LD_LIBRARY_PATH": "/bundle", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}, "/opt/lib"),
        ({"LD_LIBRARY_PATH": "/bundle"}, None),
    ],
)
def test_children_of_the_bundle_get_the_library_path_it_was_started_with(
    frozen: Path,
    monkeypatch: pytest.MonkeyPatch,
    before: dict[str, str],
    after: str | None,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in before.items():
        monkeypatch.setenv(name, value)
    launcher._restore_library_path()
    assert os.environ.get("LD_LIBRARY_PATH") == after
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ


def test_a_windowed_bundle_without_standard_output_writes_nowhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    launcher._give_stdio_a_home()
    assert sys.stdout is not None
    print("into the void", file=sys.stdout)
    sys.stdout.close()


@pytest.mark.parametrize(
    "kept",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6\\Qt\\plugins\\platforms\\qwindows.dll",
        "PySide6/QtWidgets.abi3.so",
        "PySide6/Qt/translations/qtbase_de.qm",  # Qt's own buttons in a German console
        "facilitator/participant_web/index.html",
    ],
)
def test_qt_keeps_what_the_app_needs_on_each_platform(kept: str) -> None:
    assert rules.keep_qt_file(kept)


@pytest.mark.parametrize(
    "dropped",
    [
        "PySide6/Qt/translations/qtbase_fr.qm",
        "PySide6/Qt/translations/qt_help_de.qm",
        "PySide6/Qt/qml/QtQuick/qmldir",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    ],
)
def test_qt_leaves_out_what_the_app_never_uses(dropped: str) -> None:
    assert not rules.keep_qt_file(dropped)


def test_libraries_only_dropped_plugins_needed_go_too() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/v/PySide6/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/v/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/v/plugins/libqxcb.so", "BINARY"),
        ("libxcb-randr.so.0", "/usr/lib/libxcb-randr.so.0", "BINARY"),
        ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),  # the dropped GTK theme's
        ("libpython3.12.so.1.0", "/py/libpython3.12.so.1.0", "BINARY"),
        ("libz.so.1", "/usr/lib/libz.so.1", "BINARY"),
    ]
    imports = {
        "/v/PySide6/QtGui.abi3.so": ["/v/PySide6/Qt/lib/libQt6Gui.so.6"],
        "/v/plugins/libqxcb.so": ["/usr/lib/libxcb-randr.so.0", "/usr/lib/libxcb.so.1", None],
        "/py/libpython3.12.so.1.0": ["libz.so.1"],  # matched by name when not resolved
    }
    kept = rules.prune_binaries(
        binaries, lambda source: imports.get(source, []), frozenset({"libxcb.so.1"})
    )
    assert [name for name, _, _ in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb-randr.so.0",
        "libpython3.12.so.1.0",
        "libz.so.1",
    ]
    datas = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Svg.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "SYMLINK"),
        ("facilitator/resources/x.json", "/src/x.json", "DATA"),
    ]
    assert rules.drop_dangling_symlinks(datas, kept) == [datas[0], datas[2]]


def test_the_mac_app_may_use_the_local_network_and_advertise_itself() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert plist["NSLocalNetworkUsageDescription"].strip()
    advertised = SERVICE_TYPE.removesuffix(".local.")
    assert advertised in plist["NSBonjourServices"]


def test_the_linux_metainfo_describes_this_version() -> None:
    metainfo = (PACKAGING / "linux" / f"{rules.APP_ID}.metainfo.xml").read_text("utf-8")
    assert f"<id>{rules.APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{rules.APP_ID}.desktop</launchable>' in metainfo
    newest = re.search(r'<release version="([^"]+)"', metainfo)
    assert newest is not None
    assert newest.group(1) == facilitator.__version__, "add a <release> for the new version"
    desktop = (PACKAGING / "linux" / f"{rules.APP_ID}.desktop").read_text("utf-8")
    assert f"Icon={rules.APP_ID}\n" in desktop
    assert f"Exec={rules.EXECUTABLE}\n" in desktop


def test_the_icons_are_there_in_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = (icons / f"confessional-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)
    ico = (icons / "confessional.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 7)
    icns = (icons / "confessional.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8]) == (len(icns),)


def test_the_bundle_leaves_out_no_module_the_app_imports() -> None:
    """A new import of a Qt module (or of anything else) the spec leaves out would only
    fail in the bundle: update packaging/bundle_rules.py with it."""
    imported: set[str] = set()
    for source in (ROOT / "facilitator").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
    excluded = set(rules.EXCLUDED_MODULES)
    assert {
        name
        for name in imported
        if any(name == left_out or name.startswith(f"{left_out}.") for left_out in excluded)
    } == set()


# The app's work that imports modules only when called (Pillow's plugins, msgspec's TOML
# writer), run in a fresh interpreter where the bundle's left-out modules cannot be
# imported (argv[1]: their names, one per line), as in the bundle.
_AS_IN_THE_BUNDLE = """
import importlib.abc, io, sys
left_out = sys.argv[1].split()

class LeftOut(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == out or name.startswith(out + ".") for out in left_out):
            raise ModuleNotFoundError(f"left out of the bundle: {name}", name=name)
        return None

sys.meta_path.insert(0, LeftOut())
from PIL import Image
from facilitator.core.logo import prepare_logo
from facilitator.core.setup import SessionSetup
from facilitator.core.setup_file import PreparedSession, parse_setup, setup_file_text
for kind in ("PNG", "JPEG", "WEBP", "GIF"):
    buffer = io.BytesIO()
    Image.new("RGBA" if kind == "PNG" else "RGB", (40, 20), (200, 30, 60)).save(buffer, kind)
    assert prepare_logo(buffer.getvalue()).phone.width == 40, kind
prepared = parse_setup(setup_file_text(PreparedSession(SessionSetup(title="Fail night"))))
assert prepared.setup.title == "Fail night"
print("taken")
"""


def test_the_bundle_keeps_what_the_app_imports_only_when_called() -> None:
    """A logo in every format it takes, and a prepared session's file written and read,
    with the bundle's left-out modules unimportable: what is imported only when first
    used (Pillow's plugins, msgspec's TOML writer) would otherwise fail only in the
    bundle, at the facilitator's first logo or first Save."""
    done = subprocess.run(
        [sys.executable, "-c", _AS_IN_THE_BUNDLE, "\n".join(rules.EXCLUDED_MODULES)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "taken"), done.stderr


def test_the_windows_get_the_icon_in_every_size_that_ships(qapp: object) -> None:
    from facilitator.ui.app_icon import SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(SIZES)
