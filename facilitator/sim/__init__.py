"""A simulated audience: phones that speak the same public protocol as real ones.

Used for rehearsals (``python -m facilitator.sim URL --phones 30``) and by the
load benchmarks in ``benchmarks/``.
"""
