"""Which phones share their network address with other phones, and which of those count.

On a venue's Wi-Fi each phone has an address of its own. An address holding more than
:data:`ALLOWANCE` participant is a network that puts several phones behind one address
(a venue's NAT, a phone's hotspot), a phone that joined again (a private tab), or a
script minting votes; the host cannot tell which. So every participant from it, the
first one too, is flagged, and their agreements are counted apart until the facilitator
decides to count them (``docs/security.md``, "Nobody stuffs a count unseen"). That
decision holds for the addresses shared when it was taken: phones joining from them
later count at once, while an address found shared afterwards is set apart again.

Addresses stay in this process's memory for the running session only; the store keeps
no more than the flag on each participant.
"""

from __future__ import annotations

from facilitator.core.model import Sharing

ALLOWANCE = 1
MAX_ADDRESSES = 65_536


class SharedAddresses:
    def __init__(self, allowance: int = ALLOWANCE, max_addresses: int = MAX_ADDRESSES) -> None:
        self._allowance = allowance
        self._max_addresses = max_addresses
        self._session_id: int | None = None
        self._participants: dict[str, list[int]] = {}  # address → ids, while within allowance
        self._shared: dict[str, Sharing] = {}  # address → SET_APART or COUNTED

    def sharing(self, session_id: int, address: str) -> Sharing:
        """How a phone joining from ``address`` now is flagged from the start."""
        self._follow(session_id)
        return self._shared.get(address, Sharing.OWN_ADDRESS)

    def joined(self, session_id: int, address: str, participant_id: int) -> list[int]:
        """Note a participant who joined from an address not yet shared; return those to
        set apart now (every one from ``address`` when this one takes it past the
        allowance), else nothing."""
        self._follow(session_id)
        participants = self._participants.setdefault(address, [])
        participants.append(participant_id)
        if len(participants) <= self._allowance:
            if len(self._participants) > self._max_addresses:
                del self._participants[next(iter(self._participants))]
            return []
        del self._participants[address]
        self._shared[address] = Sharing.SET_APART
        return participants

    def count(self, session_id: int, counted: bool) -> None:
        """The facilitator counts every address shared so far, or sets them all apart."""
        self._follow(session_id)
        decision = Sharing.COUNTED if counted else Sharing.SET_APART
        self._shared = dict.fromkeys(self._shared, decision)

    def _follow(self, session_id: int) -> None:
        """A new session starts with no participants anywhere."""
        if session_id != self._session_id:
            self._session_id = session_id
            self._participants.clear()
            self._shared.clear()
