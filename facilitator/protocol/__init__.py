"""The protocol: one typed definition per message and command.

Shared by the session host, the console's client, simulated phones and the
benchmarks. Every message travels in one envelope (``envelope.py``); payloads are
``msgspec`` structs that refuse unknown fields. ``docs/protocol.md`` is the prose.
"""
