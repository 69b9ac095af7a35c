"""A simulated audience: phones that speak the same public protocol as real ones.

``phone.py`` is one phone; ``audience.py`` a rehearsal's audience, joining, confessing
and agreeing at a room's pace; ``launch.py`` how the session host starts one as a
process of its own (``start_rehearsal``, ``--rehearse``). By hand:
``python -m facilitator.sim URL --phones 30``. The load benchmarks in ``benchmarks/``
use the phones and their addresses (``addresses.py``).
"""
