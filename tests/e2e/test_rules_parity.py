"""The phone page checks text exactly as the laptop does (participant_web/rules.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from tests.e2e.browser import evaluate_on_phone_page
from tests.host.harness import running_server

pytestmark = pytest.mark.browser

SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
HIDDEN = "".join(chr(0xE0000 + ord(c)) for c in "hidden")
CASES: list[tuple[str, str]] = [
    ("I deployed on a Friday.", ""),
    ("List<String> broke it & <b>tags</b>", "javascript: is text too"),
    ("&nbsp; a<b and c>d", "&amp;"),
    ("\u0645\u0631\u062d\u0628\u0627\u200f \u0628\u0627\u0644\u0639\u0627\u0644\u0645", ""),
    ("\U0001f468\u200d\U0001f469\u200d\U0001f467 family", "\u0645\u06cc\u200c\u062e"),
    (f"Proud {SCOTLAND} team", ""),
    (f"I forgot{HIDDEN} the backup", ""),
    (HIDDEN, ""),
    ("", ""),
    ("   \n\t ", ""),
    ("\u200b\u200b", ""),
    ("\u3164", ""),
    ("\u2800\u2800", ""),
    ("\u0301", ""),
    ("ok", "\u200b"),
    ("ok", "\u115f\u1160"),
    ("evil\u202etxt.exe", ""),
    ("isolate\u2066here", ""),
    ("ok", "embedding\u202a"),
    ("bell\x07", ""),
    ("escape\x1b[31m", ""),
    ("ok", "nul\x00"),
    ("x" * 1000, ""),
    ("x" * 1001, ""),
    ("\U0001f605" * 1000, ""),  # 1,000 characters, 2,000 UTF-16 units
    ("ok", "y" * 500),
    ("ok", "y" * 501),
    ("line\r\nbreaks\r\n\r\n\r\n\r\nkept\ttabbed", "  spaced  "),
    ("new emoji \U0001faea and private \uf8ff", ""),
]


def laptop_says(text: str, learned: str) -> str | None:
    try:
        rules.clean_text(text, rules.CONFESSION)
        rules.clean_text(learned, rules.LEARNED)
    except RuleViolation as refused:
        return refused.code
    return None


async def test_the_phone_and_the_laptop_agree_on_every_case(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run:
        on_the_phone = await evaluate_on_phone_page(
            run.base,
            """async (cases) => {
                const rules = await import("/static/rules.js");
                rules.setLimits({text: 1000, learned: 500});
                return cases.map(([text, learned]) => rules.checkConfession(text, learned));
            }""",
            CASES,
        )
    on_the_laptop = [laptop_says(text, learned) for text, learned in CASES]
    mismatches = [
        (case, phone, laptop)
        for case, phone, laptop in zip(CASES, on_the_phone, on_the_laptop, strict=True)
        if phone != laptop
    ]
    assert mismatches == []
    assert on_the_laptop.count(None) >= 10  # the cases cover acceptance too
