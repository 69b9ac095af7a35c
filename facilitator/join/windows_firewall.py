"""On Windows: how Windows treats the network the join link is on, and its firewall.

Windows classes each network as public, private or a domain's, and its firewall
applies the rules of that profile. Conference Wi-Fi is usually public; the
Confessional installer lets the app through on private and public networks (see
packaging/), but a copy run another way may be blocked. :func:`network_profile` asks
PowerShell (``Get-NetIPAddress`` → ``Get-NetConnectionProfile``,
``Get-NetFirewallProfile``) and is only called on Windows (``sys.platform ==
"win32"``); the runner is injectable, so tests pass a fake one. It takes a second or
so: callers run it off the GUI thread.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from facilitator.join.network_checks import Check, Level

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
ALLOW_APP = "Windows Security → Firewall & network protection → Allow an app through firewall"

Runner = Callable[[Sequence[str]], str]  # PowerShell arguments → its standard output


@dataclass(frozen=True, slots=True)
class NetworkProfile:
    name: str  # the network's name, as Windows shows it ("Venue-Guest")
    category: str  # "Public", "Private" or "DomainAuthenticated"
    firewall_on: bool


def _script(ip: str) -> str:
    return (
        "$ErrorActionPreference='Stop';"
        f"$i=(Get-NetIPAddress -AddressFamily IPv4 -IPAddress '{ip}').InterfaceIndex;"
        "$p=Get-NetConnectionProfile -InterfaceIndex $i|Select-Object -First 1;"
        "$c=[string]$p.NetworkCategory;"
        "$f=Get-NetFirewallProfile -Name ($c -replace 'Authenticated','');"
        "@{name=[string]$p.Name;category=$c;firewall=[bool]$f.Enabled}|ConvertTo-Json -Compress"
    )


def run_powershell(arguments: Sequence[str]) -> str:
    """Run PowerShell without a window; raises on failure or after a timeout."""
    completed = subprocess.run(
        ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", *arguments],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )
    return completed.stdout


def network_profile(ip: str, run: Runner = run_powershell) -> NetworkProfile | None:
    """How Windows treats the network of the laptop's address ``ip``; ``None`` if it
    cannot be read (not an IPv4 address of this laptop, PowerShell missing or failing)."""
    try:
        address = str(ipaddress.IPv4Address(ip))  # nothing but an address goes in the script
    except ValueError:
        return None
    try:
        output = run([_script(address)])
        document = json.loads(output)
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        log.warning("Could not read Windows' network profile: %s", type(error).__name__)
        return None
    if not isinstance(document, dict):
        return None
    name, category, firewall = (document.get(k) for k in ("name", "category", "firewall"))
    if not (isinstance(name, str) and isinstance(category, str) and isinstance(firewall, bool)):
        return None
    return NetworkProfile(name, category, firewall)


def firewall_check(profile: NetworkProfile | None) -> Check:
    """What the profile means for phones, in plain words."""
    if profile is None:
        return Check(
            Level.NOTE,
            "Windows did not say how it treats this network. If phones cannot connect, "
            f"allow Confessional in {ALLOW_APP}.",
        )
    name = profile.name or "this network"
    if not profile.firewall_on:
        return Check(Level.OK, f"Windows Firewall is off for the network “{name}”.")
    if profile.category == "Public":
        return Check(
            Level.NOTE,
            f"Windows treats the network “{name}” as public, and its firewall is on. The "
            "Confessional installer lets phones in on public networks too; if Confessional "
            "was not installed that way and phones cannot connect, make the network "
            "private (Settings → Network & internet → Wi-Fi → its properties) or allow "
            f"Confessional in {ALLOW_APP}.",
        )
    kind = "a domain network" if profile.category.startswith("Domain") else "private"
    return Check(
        Level.OK,
        f"Windows treats the network “{name}” as {kind}: its firewall lets phones in to "
        "Confessional (its installer allows it).",
    )
