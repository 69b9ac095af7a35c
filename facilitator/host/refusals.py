"""One table from every refusal to its wire code, HTTP status and message.

Handlers catch :data:`REFUSED` and answer with :func:`refusal_for`; nothing else
decides a status code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from facilitator.core.errors import (
    DomainError,
    RuleViolation,
    StoreUnavailable,
    TranscriptNotWritten,
)
from facilitator.protocol.envelope import ProtocolError

NOT_SAVED = "The laptop cannot save right now; nothing was saved. Try again."

_STATUS_BY_CODE = {
    "unknown_participant": 401,
    "not_rehearsal": 403,
    "unknown_confession": 404,
    "unknown_session": 404,
    "rate_limited": 429,
    "rehearsal_not_started": 500,
    "transcript_not_kept": 500,
}
DOMAIN_DEFAULT_STATUS = 409

type Refused = ProtocolError | DomainError | StoreUnavailable | TranscriptNotWritten
REFUSED = (ProtocolError, DomainError, StoreUnavailable, TranscriptNotWritten)


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    message: str
    status: int


def refusal_for(error: Refused) -> Refusal:
    match error:
        case ProtocolError():
            return Refusal(error.code, error.message, error.status)
        case RuleViolation():
            return Refusal(error.code, error.message, 400)
        case DomainError():
            status = _STATUS_BY_CODE.get(error.code, DOMAIN_DEFAULT_STATUS)
            return Refusal(error.code, error.message, status)
        case StoreUnavailable():
            return Refusal("not_saved", NOT_SAVED, 503)
        case TranscriptNotWritten():
            message = f"Could not write the transcript ({error.reason}); the session is still open."
            return Refusal("transcript_not_written", message, 500)
        case _:
            assert_never(error)
