"""The organiser's logo: any common image in, two small renditions out, or a clear refusal."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from facilitator.core.errors import RuleViolation
from facilitator.core.logo import (
    MAX_FILE_BYTES,
    MAX_PHONE_BYTES,
    MAX_SCREEN_BYTES,
    PHONE_BOX,
    SCREEN_BOX,
    prepare_logo,
)
from tests.logo_samples import dark_ink_png, light_ink_png, opaque_jpeg


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def refusal(data: bytes) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        prepare_logo(data)
    return refused.value


@pytest.mark.parametrize(
    ("sample", "ink", "media_type", "screen_size"),
    [
        (dark_ink_png, "dark", "image/png", (1200, 300)),
        (light_ink_png, "light", "image/png", (1200, 300)),
        (opaque_jpeg, "opaque", "image/jpeg", (600, 600)),
    ],
)
def test_a_logo_gets_a_screen_and_a_phone_rendition_of_its_shape(
    sample: object, ink: str, media_type: str, screen_size: tuple[int, int]
) -> None:
    assert callable(sample)
    logo = prepare_logo(sample())
    assert logo.ink == ink
    for image, box, limit in (
        (logo.screen, SCREEN_BOX, MAX_SCREEN_BYTES),
        (logo.phone, PHONE_BOX, MAX_PHONE_BYTES),
    ):
        assert image.media_type == media_type
        assert image.width <= box[0] and image.height <= box[1]
        assert len(image.data) <= limit
        found = decoded(image.data)
        assert found.size == (image.width, image.height)
    assert (logo.screen.width, logo.screen.height) == screen_size
    screen_ratio = logo.screen.width / logo.screen.height
    assert logo.phone.width / logo.phone.height == pytest.approx(screen_ratio, rel=0.02)
    assert logo.info.version == logo.version and (logo.info.width, logo.info.height) == screen_size


def test_the_same_logo_is_the_same_version_and_another_is_not() -> None:
    assert prepare_logo(dark_ink_png()).version == prepare_logo(dark_ink_png()).version
    assert prepare_logo(dark_ink_png()).version != prepare_logo(light_ink_png()).version


def test_a_small_logo_is_never_enlarged() -> None:
    small = Image.new("RGB", (90, 30), (200, 30, 60))
    logo = prepare_logo(encoded(small, "PNG"))
    assert (logo.screen.width, logo.screen.height) == (90, 30)
    assert (logo.phone.width, logo.phone.height) == (90, 30)


def test_nothing_of_the_file_s_metadata_is_kept_and_it_is_turned_upright() -> None:
    photo = Image.new("RGB", (400, 200), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to show
    exif[0x013B] = "Jo Bloggs"  # artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS: where the photograph was taken
    data = encoded(photo, "JPEG", exif=exif, quality=95)
    logo = prepare_logo(data)
    assert (logo.screen.width, logo.screen.height) == (200, 400)
    for image in (logo.screen, logo.phone):
        assert b"Jo Bloggs" not in image.data
        assert not decoded(image.data).getexif()


def test_a_see_through_logo_with_nothing_see_through_is_opaque() -> None:
    solid = Image.new("RGBA", (300, 100), (20, 20, 20, 255))
    logo = prepare_logo(encoded(solid, "PNG"))
    assert logo.ink == "opaque"


@pytest.mark.parametrize("kind", ["WEBP", "GIF"])
def test_webp_and_gif_are_taken_and_shown_as_png_or_jpeg(kind: str) -> None:
    image = Image.new("RGB", (320, 120), (250, 200, 10))
    logo = prepare_logo(encoded(image, kind))
    assert logo.screen.media_type in ("image/png", "image/jpeg")


def test_an_animated_gif_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (200, 100), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    logo = prepare_logo(buffer.getvalue())
    red, green, blue = decoded(logo.screen.data).convert("RGB").getpixel((100, 50))  # type: ignore[misc]
    assert red > 200 and blue < 50 and green < 50


def test_a_heavily_compressed_logo_is_made_small_enough_for_phones() -> None:
    """A detailed see-through logo is reduced to 256 colours rather than refused."""
    noise = Image.effect_noise((1200, 300), 40).convert("RGBA")
    noise.putalpha(Image.linear_gradient("L").resize((1200, 300)))
    logo = prepare_logo(encoded(noise, "PNG"))
    assert len(logo.screen.data) <= MAX_SCREEN_BYTES
    assert len(logo.phone.data) <= MAX_PHONE_BYTES


def png_header_only(width: int, height: int) -> bytes:
    """A small PNG file that claims ``width`` x ``height`` (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "logo_empty"),
        (b"x" * (MAX_FILE_BYTES + 1), "logo_too_large"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "logo_svg"),
        (b"  <svg><script>alert(1)</script></svg>", "logo_svg"),
        (b"hello, this is a text file", "logo_not_image"),
        (encoded(Image.new("RGB", (20, 20)), "BMP"), "logo_not_image"),
        (dark_ink_png()[:400], "logo_damaged"),
        (png_header_only(6000, 5000), "logo_too_many_pixels"),
        (png_header_only(40000, 40000), "logo_too_many_pixels"),
    ],
)
def test_what_cannot_be_a_logo_is_refused_with_a_reason(data: bytes, code: str) -> None:
    refused = refusal(data)
    assert refused.code == code
    assert refused.message.endswith((".", "!"))


def test_a_photograph_too_detailed_even_when_small_is_refused() -> None:
    noise = Image.effect_noise((1200, 600), 120).convert("RGBA")
    noise.putalpha(Image.effect_noise((1200, 600), 120))
    refused = refusal(encoded(noise, "PNG"))
    assert refused.code == "logo_too_detailed"
    assert "simpler image" in refused.message
