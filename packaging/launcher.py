"""The bundle's entry point: ``confessional`` as PyInstaller freezes it.

The same executable is the desktop app and, with ``--headless``, the session host the
app starts (``facilitator/ui/host_process.py``). Before the command line is read:

- ``multiprocessing.freeze_support()``: if anything ever starts a multiprocessing
  child from this executable, the child runs its task and exits here; it never reads
  the command line, so it can never open a second console.
- On Linux the bootloader points ``LD_LIBRARY_PATH`` at the bundle, and children
  inherit it: a file manager opened on the transcripts folder would load the bundle's
  libraries instead of its own. The loader has already read the variable for this
  process, so the original is put back for the children (the host is this executable
  again, and its bootloader sets the variable anew).
- A windowed program (Windows, macOS) may start without standard output or error:
  writes to them go nowhere instead of failing.
- macOS may pass ``-psn_…`` (a process serial number) to an app opened from the
  Finder: it is not ours to parse.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _restore_library_path() -> None:
    """The bootloader keeps the original in ``LD_LIBRARY_PATH_ORIG`` when there was one."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


def _give_stdio_a_home() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> int:
    multiprocessing.freeze_support()
    _restore_library_path()
    _give_stdio_a_home()
    from facilitator.cli import main as confessional

    return confessional([arg for arg in sys.argv[1:] if not arg.startswith("-psn_")])


if __name__ == "__main__":
    sys.exit(main())
