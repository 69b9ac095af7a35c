"""Very like confessions are found: on labelled pairs as a room sends them, and as groups
among a session's items."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.core.duplicates import VERY_LIKE, DuplicateFinder, fold, likeness

PAIRS = json.loads(
    (Path(__file__).parent / "duplicates_set" / "pairs.json").read_text(encoding="utf-8")
)
# Floors for the labelled set (the figures it reaches are printed by the test).
MIN_RECALL = 29 / 30
MIN_PRECISION = 0.93


def found(pairs: list[list[str]]) -> list[bool]:
    return [likeness(fold(a), fold(b)) >= VERY_LIKE for a, b in pairs]


def test_the_labelled_pairs_are_told_apart() -> None:
    same, different = found(PAIRS["same"]), found(PAIRS["different"])
    recall = sum(same) / len(same)
    precision = sum(same) / (sum(same) + sum(different))
    pairs = f"{len(same)} + {len(different)} pairs"
    print(f"\nduplicates: recall {recall:.2f}, precision {precision:.2f} on {pairs}")
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION


def test_folding_takes_out_what_a_reader_would_not_notice() -> None:
    assert fold("I DIDN\N{RIGHT SINGLE QUOTATION MARK}T test the Backups!!") == fold(
        "i did not test the backups"
    )
    assert fold("J'ai répondu à tous") == fold("j'ai repondu a tous")
    assert fold("Deployed to prod, 3 times") == fold("deployed to production three times")
    assert fold("") == ""


def test_groups_link_every_very_like_item_and_nothing_else() -> None:
    finder = DuplicateFinder()
    finder.add(1, "I stayed silent when a colleague was talked over in meetings.")
    finder.add(2, "I deployed on a Friday afternoon.")
    finder.add(3, "i stayed silent when a colleague was talked over in meetings")
    finder.add(4, "I stayed silent when a collegue was talked over in meetings!")
    finder.add(5, "I rolled back on a Monday morning and lost the orders.")

    assert finder.like(1) == {3, 4}
    assert finder.like(2) == set()
    assert finder.groups() == [frozenset({1, 3, 4})]
    assert finder.groups([1, 2, 3]) == [frozenset({1, 3})]


def test_an_edit_or_a_removal_changes_the_group() -> None:
    finder = DuplicateFinder()
    finder.add(1, "I emailed the wrong spreadsheet to a client.")
    finder.add(2, "I e-mailed the wrong spreadsheet to a client")
    assert finder.group(1) == {1, 2}

    finder.add(2, "I forgot my laptop on the train.")  # edited into another mistake
    assert finder.group(1) == {1}

    finder.add(3, "I emailed the wrong spread sheet to a client.")
    finder.remove(1)
    assert finder.like(3) == set()
    assert finder.groups() == []


def test_likeness_does_not_chain_into_one_big_group() -> None:
    finder = DuplicateFinder()
    finder.add(1, "I approved the pull request without reading it.")
    finder.add(2, "I approved the pull request without reading it properly.")
    finder.add(3, "I approved the pull request after reading it properly.")

    assert finder.like(2) == {1, 3}
    assert finder.group(1) == {1, 2}  # 3 is like 2, not like 1
    assert finder.groups() == [frozenset({1, 2})]


def test_likeness_is_symmetric_and_bounded() -> None:
    for a, b in PAIRS["same"] + PAIRS["different"]:
        there, back = likeness(fold(a), fold(b)), likeness(fold(b), fold(a))
        assert 0 <= there <= 100
        assert there == back
