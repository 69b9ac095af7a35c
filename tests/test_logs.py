"""No participant identity, moderator secret or address reaches a log line."""

from __future__ import annotations

import io
import logging

from facilitator.logs import PrivacyFilter, redact


def test_redacts_secrets_tokens_addresses_and_user_agents() -> None:
    secret = "Zq3x9vK2mP8sT4wY7bN1cR6dF0gH5jL2aE9uI3oQ"
    line = (
        f"GET /moderator/{secret}/api/state from 192.168.1.77 "
        "Authorization: Bearer abcDEF123_-xyz token=k3y9 "
        "ua=Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) fe80::1c2b:3a4d:5e6f:7a8b"
    )
    cleaned = redact(line)
    for leaked in (secret, "192.168.1.77", "abcDEF123_-xyz", "k3y9", "iPhone", "fe80::1c2b"):
        assert leaked not in cleaned
    assert "/moderator/<secret>/api/state" in cleaned


def test_filter_covers_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrivacyFilter())
    logger = logging.getLogger("tests.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("phone at %s", "10.0.0.9")
        try:
            raise ValueError("token=SECRETTOKENVALUE from 10.0.0.10")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "10.0.0.9" not in output and "10.0.0.10" not in output
    assert "SECRETTOKENVALUE" not in output
    assert "ValueError" in output


def test_unexpected_errors_are_logged_and_reported(caplog: object) -> None:
    import sys

    from facilitator.logs import asyncio_exception_handler, install_exception_hooks

    reports: list[str] = []
    previous = sys.excepthook
    install_exception_hooks(reports.append)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = previous
    handler = asyncio_exception_handler(reports.append)
    handler(None, {"message": "Task exception was never retrieved", "exception": KeyError("x")})
    handler(None, {"message": "something odd"})
    assert reports == [
        "Unexpected error: RuntimeError",
        "Unexpected error: KeyError",
        "Unexpected error in the event loop",
    ]
