"""The logos a session host holds in memory: the session's own, served to every display
without a store read, and the few moderators uploaded but have not applied yet."""

from __future__ import annotations

from collections import OrderedDict

from facilitator.core.errors import RuleViolation
from facilitator.core.model import Logo, LogoImage, LogoInfo, LogoSize
from facilitator.core.store import LogoChange

MAX_WAITING = 8  # uploaded, not applied: a set-up dialog's choices, newest kept


class LogoShelf:
    def __init__(self, current: Logo | None) -> None:
        self.current = current
        self._waiting: OrderedDict[str, Logo] = OrderedDict()

    def add_waiting(self, logo: Logo) -> LogoInfo:
        """Keep ``logo`` until a set-up names its version (the oldest waiting go first)."""
        self._waiting[logo.version] = logo
        self._waiting.move_to_end(logo.version)
        while len(self._waiting) > MAX_WAITING:
            self._waiting.popitem(last=False)
        return logo.info

    def image(self, version: str, size: LogoSize, *, waiting: bool = False) -> LogoImage | None:
        """The session's logo in ``size`` if it is ``version``; with ``waiting``, an
        uploaded one not yet applied too (the set-up dialogs' preview)."""
        if self.current is not None and self.current.version == version:
            return self.current.image(size)
        found = self._waiting.get(version) if waiting else None
        return found.image(size) if found is not None else None

    def change_to(self, version: str) -> LogoChange:
        """What a set-up naming ``version`` does to the logo ("" for none)."""
        if not version:
            return None if self.current is not None else "keep"
        if self.current is not None and self.current.version == version:
            return "keep"
        logo = self._waiting.get(version)
        if logo is None:
            raise RuleViolation(
                "logo_unknown",
                "That logo is no longer waiting to be applied (the host may have "
                "restarted): choose it again, please.",
            )
        return logo

    def applied(self, change: LogoChange) -> None:
        if change != "keep":
            self.current = change
