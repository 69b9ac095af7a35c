"""The big screen's slides, by ``docs/slides.md``: one widget per slide, fed a
:class:`~facilitator.protocol.projector.ProjectorState`.

- :mod:`.layout`: where each part goes, pure functions of the screen's size (tested
  without Qt pixels); :mod:`.timing`: the host's clock, m:ss, the content note's five
  seconds, the short join URL.
- :mod:`.theme`: the theme's colours and the readable accent; :mod:`.strings`: the
  words in English and German (Qt Linguist files in ``resources/translations``).
- :mod:`.parts`: the base :class:`~.parts.Slide` and what slides share (the corner join
  code); :mod:`.join`, :mod:`.wifi_join`, :mod:`.confession`, :mod:`.simple` (black,
  break), :mod:`.closing`: the slides; :mod:`.logo`: the organiser's logo on the join
  and closing slides.
- :mod:`.stage`: which slide is up, and the 200 ms cross-fade.
"""
