"""The record of a session in the formats organisers circulate: HTML and CSV here,
Markdown and JSON in ``core/transcript.py``; each carries the record's fingerprint."""
