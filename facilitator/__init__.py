"""Confessional: the facilitator's app for live confessional sessions."""

__version__ = "0.1.0"
