"""Logging that never records who a participant is.

Every handler the app installs carries :class:`PrivacyFilter`, which removes
moderator secrets, participant tokens, IP addresses and user agents from the
message and from any traceback, whatever logger produced the line (aiohttp's
included). aiohttp's own access log is switched off; ours logs no address.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(/moderator/)[^/\s\"']+"), r"\1<secret>"),
    (re.compile(r"(?i)(bearer\s+)[^\s,\"']+"), r"\1<token>"),
    (re.compile(r"(?i)(\"?token\"?\s*[:=]\s*\"?)[^\s,\"'}&]+"), r"\1<token>"),
    (re.compile(r"\b[A-Za-z0-9_-]{32,}\b"), "<redacted>"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "<ip>"),
    (re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b"), "<ip>"),
    (re.compile(r"(?i)\b(?:Mozilla|AppleWebKit|Chrome|Safari|Dalvik|okhttp)/[^\n\"']*"), "<ua>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(
    log_dir: Path | None, verbose: bool = False, file_name: str = "confessional.log"
) -> None:
    """Log to stderr and, when ``log_dir`` is given, to a small rotating file there.

    The host and the desktop app are two processes: each writes a file of its own.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / file_name, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
            )
        )
    for handler in handlers:
        handler.addFilter(PrivacyFilter())
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("aiohttp.access").disabled = True


ErrorReporter = Callable[[str], None]


def install_exception_hooks(report: ErrorReporter) -> None:
    """Unexpected errors anywhere are logged and reported, never silently fatal."""
    log = logging.getLogger("facilitator.unexpected")

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("Unexpected error", exc_info=(kind, value, tb))
        report(f"Unexpected error: {kind.__name__}")

    sys.excepthook = excepthook


def asyncio_exception_handler(report: ErrorReporter) -> Callable[..., None]:
    log = logging.getLogger("facilitator.unexpected")

    def handle(loop: object, context: dict[str, object]) -> None:
        exception = context.get("exception")
        message = str(context.get("message", "error in the event loop"))
        if isinstance(exception, BaseException):
            log.error("%s", message, exc_info=(type(exception), exception, exception.__traceback__))
            report(f"Unexpected error: {type(exception).__name__}")
        else:
            log.error("%s", message)
            report("Unexpected error in the event loop")

    return handle
