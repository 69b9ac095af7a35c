"""A record's fingerprint: SHA-256 of its canonical JSON, printed in every format.

Canonical JSON: the record's JSON document without its ``fingerprint`` field, keys
sorted, no insignificant whitespace, text as UTF-8 (not ``\\u`` escapes). Anyone can
check a circulated record: load the JSON, drop ``fingerprint``, serialise it so and
hash it; ``confessional export --check FILE`` does exactly that.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

PREFIX = "sha256:"


def canonical(document: dict[str, Any]) -> bytes:
    fields = {key: value for key, value in document.items() if key != "fingerprint"}
    return json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def fingerprint(document: dict[str, Any]) -> str:
    return PREFIX + hashlib.sha256(canonical(document)).hexdigest()


def matches(document: dict[str, Any]) -> bool:
    """Whether the document's ``fingerprint`` is the one its content gives."""
    return document.get("fingerprint") == fingerprint(document)
