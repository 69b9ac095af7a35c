"""The organiser's logo: a common image file in, two small renditions out.

A file (PNG, JPEG, WebP or GIF; up to 10 MB and 25 megapixels) is decoded once, turned
upright by its orientation tag, and made into two renditions every display reads: one
for the big screen (at most 1200 x 600 px) and one for the phones' header (at most
480 x 120 px: three times the 40 px it is shown at, so that a room's phones fetch a few
kilobytes each). A rendition is PNG when the logo has transparency (the phones' in 256
colours), else the smaller of PNG and JPEG; nothing of the file's metadata (camera,
author, place) is kept. The version is a digest of the renditions: the same logo is
always the same version.

``ink`` says what the logo needs behind it. A logo drawn in dark ink on transparency
vanishes on the dark theme, so the displays put a light plate behind it there (and a
dark plate behind light ink on the light theme); an opaque logo brings its own ground.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from typing import Literal

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

from facilitator.core import rules
from facilitator.core.errors import RuleViolation
from facilitator.core.model import Ink, Logo, LogoImage

MAX_FILE_BYTES = rules.MAX_LOGO_BYTES
MAX_PIXELS = 25_000_000
SCREEN_BOX = (1200, 600)
PHONE_BOX = (480, 120)
MAX_SCREEN_BYTES = 400 * 1024
MAX_PHONE_BYTES = 64 * 1024
FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
JPEG_QUALITY = 88
_OPAQUE = 255
_INK_SOLID = 128  # pixels at least this opaque make the ink's tone
_MID_GREY = 128


def prepare_logo(data: bytes) -> Logo:
    """The logo in ``data``, or :class:`RuleViolation` saying why it cannot be used."""
    image = _decoded(data)
    screen = _fitted(image, SCREEN_BOX)
    phone = _fitted(image, PHONE_BOX)
    screen_image = _encoded(screen, MAX_SCREEN_BYTES)
    phone_image = _encoded(phone, MAX_PHONE_BYTES, few_colours=True)
    digest = hashlib.sha256(screen_image.data + phone_image.data).hexdigest()
    return Logo(digest[:16], _ink(phone), screen_image, phone_image)


def _decoded(data: bytes) -> Image.Image:
    if not data:
        raise RuleViolation("logo_empty", "The logo file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise RuleViolation(
            "logo_too_large",
            f"A logo file may be up to {MAX_FILE_BYTES // (1024 * 1024)} MB; this one is "
            f"{len(data) / (1024 * 1024):.1f} MB. Save it smaller, please.",
        )
    if _is_svg(data):
        raise RuleViolation(
            "logo_svg",
            "SVG logos are not taken (they can carry scripts): save it as PNG, please.",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                opened.draft("RGB", SCREEN_BOX)  # a JPEG decodes at the scale it needs
                opened.load()
                upright = ImageOps.exif_transpose(opened)
                return _normalised(upright)
    except UnidentifiedImageError:
        raise RuleViolation(
            "logo_not_image",
            "This is not a PNG, JPEG, WebP or GIF image: save the logo as PNG, please.",
        ) from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise RuleViolation(
            "logo_too_many_pixels",
            f"This image has too many pixels for a logo (at most {MAX_PIXELS // 1_000_000} "
            "megapixels); 1200 by 600 pixels is plenty.",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise RuleViolation(
            "logo_damaged",
            "This image is damaged or cut short: save it again and choose the new file.",
        ) from None


def _too_many_pixels(width: int, height: int) -> RuleViolation:
    return RuleViolation(
        "logo_too_many_pixels",
        f"This image is {width} by {height} pixels: more pixels than a logo needs (at most "
        f"{MAX_PIXELS // 1_000_000} megapixels); 1200 by 600 pixels is plenty.",
    )


def _is_svg(data: bytes) -> bool:
    start = data[:1024].lstrip().lower()
    return start.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in start


def _normalised(image: Image.Image) -> Image.Image:
    """RGBA when some of it is see-through, else RGB."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or ("transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        lowest_alpha = rgba.getchannel("A").getextrema()[0]
        if isinstance(lowest_alpha, (int, float)) and lowest_alpha < _OPAQUE:
            return rgba
        return rgba.convert("RGB")
    return image.convert("RGB")


def _fitted(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """``image`` made to fit ``box``, never larger than it was."""
    fitted = image.copy()
    fitted.thumbnail(box, Image.Resampling.LANCZOS)
    return fitted


def _encoded(image: Image.Image, max_bytes: int, *, few_colours: bool = False) -> LogoImage:
    """The smallest of PNG and (opaque) JPEG; a see-through logo in 256 colours too when
    ``few_colours`` (the phones': a quarter of the bytes, the same look at that size),
    or when nothing else fits ``max_bytes``."""
    candidates = [_saved(image, "PNG")]
    if image.mode == "RGB":
        candidates.append(_saved(image, "JPEG"))
    elif few_colours:
        candidates.append(_saved(_quantized(image), "PNG"))
    best = min(candidates, key=lambda candidate: len(candidate.data))
    if len(best.data) > max_bytes and image.mode == "RGBA" and not few_colours:
        best = _saved(_quantized(image), "PNG")
    if len(best.data) > max_bytes:
        raise RuleViolation(
            "logo_too_detailed",
            f"This logo is still over {max_bytes // 1024} KB at {image.width} by "
            f"{image.height} pixels: a simpler image (a logo rather than a photograph) works "
            "better.",
        )
    return best


def _quantized(image: Image.Image) -> Image.Image:
    return image.quantize(256, method=Image.Quantize.FASTOCTREE)


def _saved(image: Image.Image, kind: Literal["PNG", "JPEG"]) -> LogoImage:
    buffer = io.BytesIO()
    if kind == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    media_type: Literal["image/png", "image/jpeg"] = "image/png" if kind == "PNG" else "image/jpeg"
    return LogoImage(buffer.getvalue(), media_type, image.width, image.height)


def _ink(image: Image.Image) -> Ink:
    """The tone of what is drawn on a see-through logo; ``opaque`` if none is."""
    if image.mode != "RGBA":
        return "opaque"
    solid = image.getchannel("A").point(lambda alpha: 255 if alpha >= _INK_SOLID else 0)
    tone = ImageStat.Stat(image.convert("L"), mask=solid)
    if not tone.count[0]:
        return "dark"
    return "dark" if tone.mean[0] < _MID_GREY else "light"
