"""How Windows treats the join link's network, read through a fake PowerShell."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence

from facilitator.join.network_checks import Level
from facilitator.join.windows_firewall import (
    NetworkProfile,
    firewall_check,
    network_profile,
)


class FakePowerShell:
    def __init__(self, output: str = "", error: Exception | None = None) -> None:
        self.output = output
        self.error = error
        self.scripts: list[str] = []

    def __call__(self, arguments: Sequence[str]) -> str:
        self.scripts.extend(arguments)
        if self.error is not None:
            raise self.error
        return self.output


def answer(name: str, category: str, firewall: bool) -> str:
    return json.dumps({"name": name, "category": category, "firewall": firewall})


def test_the_profile_of_the_links_address_is_read() -> None:
    run = FakePowerShell(answer("Venue-Guest", "Public", True))
    assert network_profile("192.168.1.23", run) == NetworkProfile("Venue-Guest", "Public", True)
    [script] = run.scripts
    assert "-IPAddress '192.168.1.23'" in script
    assert "Get-NetConnectionProfile" in script and "Get-NetFirewallProfile" in script


def test_only_an_address_goes_into_the_script() -> None:
    run = FakePowerShell(answer("x", "Private", True))
    assert network_profile("1.2.3.4'; Remove-Item C:\\ -Recurse; '", run) is None
    assert run.scripts == []


def test_failures_mean_unknown() -> None:
    for run in (
        FakePowerShell(error=FileNotFoundError("powershell.exe")),
        FakePowerShell(error=subprocess.TimeoutExpired("powershell.exe", 10)),
        FakePowerShell(error=subprocess.CalledProcessError(1, "powershell.exe")),
        FakePowerShell("not json"),
        FakePowerShell("[]"),
        FakePowerShell(json.dumps({"name": "x", "category": 0, "firewall": True})),
    ):
        assert network_profile("192.168.1.23", run) is None


def test_what_each_profile_means_for_phones() -> None:
    public = firewall_check(NetworkProfile("Venue-Guest", "Public", True))
    assert public.level is Level.NOTE
    assert "“Venue-Guest” as public" in public.text and "private" in public.text
    private = firewall_check(NetworkProfile("Home", "Private", True))
    assert private.level is Level.OK and "as private" in private.text
    domain = firewall_check(NetworkProfile("corp", "DomainAuthenticated", True))
    assert domain.level is Level.OK and "a domain network" in domain.text
    assert firewall_check(NetworkProfile("x", "Public", False)).level is Level.OK
    unknown = firewall_check(None)
    assert unknown.level is Level.NOTE and "Allow an app through firewall" in unknown.text
