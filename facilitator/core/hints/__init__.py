"""Hints at details in a confession that could identify someone.

The moderator's preview highlights each hint and offers to redact it in one click;
nothing here changes the text. Hints come from three sources, in order of trust:

* the organisers' own lists: local names (always flagged) and watch words (which flag
  the confession), matched case-insensitively on word boundaries, in any script;
* patterns for structured details: emails, URLs, @handles, phone numbers (Google's
  libphonenumber), reference and case numbers, postcodes;
* heuristics for names of people and organisations: titles, capitalised words away from
  the start of a sentence, common given names, organisation words and acronyms.

Where hints overlap, the more trusted source wins, then the longer hint, then the more
specific kind.
"""

from facilitator.core.hints.finder import HintFinder
from facilitator.core.hints.model import Hint, HintKind, is_flagged

__all__ = ["Hint", "HintFinder", "HintKind", "is_flagged"]
