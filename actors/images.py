"""Checks on uploaded images: real images, of a sane size.

Django's `ImageField` form field already refuses a file Pillow cannot open (a text
file renamed `.jpg`). This adds the limits: bytes and pixels, so that an oversized
upload or a decompression bomb is refused with a clear message before it is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            f"The image is {filesizeformat(size)}; the largest allowed is "
            f"{filesizeformat(settings.MAX_IMAGE_BYTES)}."
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            fmt = image.format
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise ValidationError("The file is not an image that can be read.") from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(f"Images must be JPEG, PNG, WebP or GIF, not {fmt}.")
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"The image is {width}×{height} pixels; the largest allowed is "
            f"{settings.MAX_IMAGE_PIXELS // 1_000_000} megapixels."
        )
