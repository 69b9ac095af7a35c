"""How phones join: which of the laptop's addresses goes in the link, and its QR code.

Used by the host (which owns the join link) and by the console (which paints the
QR code); no Qt, no aiohttp.
"""
