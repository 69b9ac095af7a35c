"""The windows keep the host's big-screen rendition of a logo as it came: PNG or JPEG,
with its size, ready to be drawn and to be saved into a session file unchanged."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from facilitator.core.logo import prepare_logo
from facilitator.ui.logo_images import LogoImages
from tests.logo_samples import dark_ink_png, opaque_jpeg


def test_a_rendition_is_kept_as_the_host_sent_it(qapp: Any) -> None:
    images = LogoImages(None)
    for logo, media_type in (
        (prepare_logo(dark_ink_png()), "image/png"),
        (prepare_logo(opaque_jpeg()), "image/jpeg"),
    ):
        assert images.keep(logo.version, logo.screen.data)
        assert images.rendition(logo.version) == logo.screen
        assert logo.screen.media_type == media_type
        assert images.image(logo.version) is not None


def test_what_the_host_never_sends_is_not_kept(qapp: Any) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(gif, "GIF")
    images = LogoImages(None)
    assert not images.keep("gif", gif.getvalue())  # drawable, but not a rendition
    assert not images.keep("text", b"not an image")
    assert images.rendition("gif") is None and images.image("gif") is None
    assert images.rendition("") is None
