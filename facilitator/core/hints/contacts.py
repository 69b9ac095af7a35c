"""Ways to reach someone written into a confession: email addresses, @handles and web
addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.core.hints.model import Hint, HintKind
from facilitator.core.hints.text import starts_word

# An email is found from its @ outwards: the domain after it, the local part before it.
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_EMAIL_LOCAL = re.compile(r"[\w.+-]*\w\Z")
_EMAIL_LOCAL_MAX = 64


def email_hints(text: str) -> Iterator[Hint]:
    """Email addresses in ``text``."""
    for domain in _EMAIL_DOMAIN.finditer(text):
        at = domain.start()
        local = _EMAIL_LOCAL.search(text, max(0, at - _EMAIL_LOCAL_MAX), at)
        if local is not None:
            yield Hint(local.start(), domain.end(), HintKind.EMAIL)


# A handle: @ then letters, digits, underscores, inner dots or hyphens; Mastodon-style
# handles carry their server (@jo@example.social). Not the @ of an email address.
_HANDLE = re.compile(r"@(?<![\w@./+-]@)(?=\w*[^\W\d])\w(?:[\w.-]*\w)?(?:@[\w-]+(?:\.[\w-]+)+)?")
_GROUP_MENTIONS = frozenset({"@everyone", "@here", "@channel", "@all", "@team"})


def handle_hints(text: str) -> Iterator[Hint]:
    """@handles in ``text``, not group mentions such as @everyone."""
    for match in _HANDLE.finditer(text):
        if match.group().lower() not in _GROUP_MENTIONS:
            yield Hint(match.start(), match.end(), HintKind.HANDLE)


# Top-level domains that a bare "name.tld" may end with. Those that are also common file
# extensions (.py, .sh, .md, .rs) are left out: "main.py" is not a website.
_TLDS = (
    "com|org|net|edu|gov|int|mil|info|biz|io|co|ai|app|dev|me|tv|ly|online|site|tech|xyz|"
    "uk|us|ca|au|nz|ie|de|fr|nl|be|es|it|pt|ch|at|se|no|dk|fi|pl|cz|gr|ru|ua|tr|"
    "in|pk|bd|lk|ng|gh|ke|za|ug|tz|eg|ae|sa|il|sg|hk|my|ph|id|jp|kr|cn|tw|br|mx|ar|cl|eu"
)
_URL_TAIL = r"[^\s<>\"'`]*"
_URL_WITH_SCHEME = re.compile(rf"(?:https?|ftp)://{_URL_TAIL}", re.IGNORECASE)
_URL_WITH_WWW = re.compile(rf"www\.[\w-]+(?:\.[\w-]+)+{_URL_TAIL}", re.IGNORECASE)
# A bare address (example.co.uk/path) is found from the dot before its top-level domain.
_TLD_DOT = re.compile(rf"\.(?:{_TLDS})\b(?![.-]\w)")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_URL_AFTER_HOST = re.compile(rf"(?::\d{{2,5}})?(?:[/?#]{_URL_TAIL})?")
_HOST_MAX = 253
_URL_TRAILING = ".,;:!?'\"*"
_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{"}


def url_hints(text: str, lowered: str) -> Iterator[Hint]:
    """Web addresses in ``text`` (``lowered`` is it in lower case): with a scheme, with
    www. or bare."""
    for marker, pattern in (("://", _URL_WITH_SCHEME), ("www.", _URL_WITH_WWW)):
        if marker in lowered:
            for match in pattern.finditer(text):
                if starts_word(text, match.start()):
                    yield _url_hint(text, match.start(), match.end())
    for dot in _TLD_DOT.finditer(text):
        start = _host_start(text, dot.start())
        if start < dot.start() and starts_word(text, start, also="@"):
            rest = _URL_AFTER_HOST.match(text, dot.end())
            yield _url_hint(text, start, rest.end() if rest else dot.end())


def _host_start(text: str, dot: int) -> int:
    """Where the host name ending at ``dot`` starts (``dot`` itself if there is none)."""
    start = dot
    while start > max(0, dot - _HOST_MAX) and text[start - 1] in _HOST_CHARS:
        start -= 1
    while start < dot and text[start] in ".-":
        start += 1
    return start


def _url_hint(text: str, start: int, end: int) -> Hint:
    return Hint(start, start + len(_trim_url(text[start:end])), HintKind.URL)


def _trim_url(url: str) -> str:
    """The URL without sentence punctuation after it, keeping brackets it opened."""
    while url:
        last = url[-1]
        opened = _CLOSING_BRACKETS.get(last)
        if last in _URL_TRAILING or (opened and url.count(last) > url.count(opened)):
            url = url[:-1]
        else:
            break
    return url
