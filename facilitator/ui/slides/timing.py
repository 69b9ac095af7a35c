"""The slides' clocks, as pure functions: the host's clock from the display's (the state
carries the host's ``now``), a confession's time on screen as m:ss, whether its
content note is still up, and the short join URL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

CONTENT_NOTE_SECONDS = 5.0


def parse(instant: str) -> datetime:
    moment = datetime.fromisoformat(instant)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def clock_offset(host_now: str, display_now: datetime) -> timedelta:
    """Add this to the display's clock to read the host's."""
    return parse(host_now) - display_now


def elapsed(shown_at: str, host_now: datetime) -> float:
    """Seconds since ``shown_at`` by the host's clock (never negative)."""
    return max(0.0, (host_now - parse(shown_at)).total_seconds())


def minutes_seconds(seconds: float) -> str:
    """``67`` → ``"1:07"`` (minutes are not wrapped into hours: ``"75:00"``)."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def content_note_left(shown_at: str | None, host_now: datetime) -> float:
    """Seconds the content note stays up (0: the confession shows)."""
    if shown_at is None:
        return 0.0
    return max(0.0, CONTENT_NOTE_SECONDS - elapsed(shown_at, host_now))


def short_url(join_url: str) -> str:
    """``http://192.168.1.23:8737/`` → ``192.168.1.23:8737``."""
    for scheme in ("http://", "https://"):
        if join_url.startswith(scheme):
            join_url = join_url[len(scheme) :]
            break
    return join_url.removesuffix("/")
