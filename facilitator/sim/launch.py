"""How a process starts a simulated audience of its own: the command line and environment.

The session host starts the audience for a rehearsal (``facilitator/host/rehearsal.py``):
this same program, ``python -m facilitator.sim`` from a checkout or a wheel, or the
bundle's executable with :data:`AUDIENCE_SWITCH` when frozen (PyInstaller), which
``facilitator/cli.py`` hands to the audience before reading any other option.

The rehearsal secret goes through the environment (:data:`SECRET_ENV`), never the
command line, which anyone on the laptop can read (``ps``). :data:`PARENT_ENV` names
the host's process: an audience whose host has gone stops by itself.
"""

from __future__ import annotations

import sys

AUDIENCE_SWITCH = "--rehearsal-audience"
DEFAULT_PHONES = 30
SECRET_ENV = "CONFESSIONAL_REHEARSAL_SECRET"
PARENT_ENV = "CONFESSIONAL_REHEARSAL_PARENT"
# Scales every delay of the audience (1: a real room's pace; tests and demos go faster).
PACE_ENV = "CONFESSIONAL_REHEARSAL_PACE"


def audience_command(url: str, phones: int) -> list[str]:
    """The command line of an audience of ``phones`` joining at ``url``."""
    if getattr(sys, "frozen", False):
        program = [sys.executable, AUDIENCE_SWITCH]
    else:
        program = [sys.executable, "-m", "facilitator.sim"]
    return [*program, url, "--phones", str(phones)]
