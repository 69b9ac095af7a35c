"""Organisers' logos for tests, drawn with Pillow: the same bytes every run.

- :func:`dark_ink_png`: a wide mark and name in dark ink on transparency (most organisers'
  logos: a light plate goes behind it on the dark theme);
- :func:`light_ink_png`: the same in near-white ink (a dark plate on the light theme);
- :func:`opaque_jpeg`: a square badge on its own ground, as a photograph-like JPEG.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

NAME = "Fail Forward"


def _mark(ink: tuple[int, int, int], accent: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGBA", (1600, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), fill=(*accent, 255))
    draw.polygon([(110, 290), (200, 90), (290, 290)], fill=(*ink, 255))
    font = ImageFont.load_default(size=190)
    draw.text((430, 95), NAME, font=font, fill=(*ink, 255))
    return image


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def dark_ink_png() -> bytes:
    return _png(_mark((24, 33, 64), (232, 93, 4)))


def light_ink_png() -> bytes:
    return _png(_mark((246, 244, 238), (255, 183, 3)))


def opaque_jpeg() -> bytes:
    image = Image.new("RGB", (900, 900), (18, 92, 140))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 60, 840, 840), radius=120, outline=(255, 255, 255), width=40)
    font = ImageFont.load_default(size=150)
    draw.text((140, 330), "FAIL", font=font, fill=(255, 255, 255))
    draw.text((140, 500), "FWD", font=font, fill=(255, 209, 102))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()
