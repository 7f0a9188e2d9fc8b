"""Cover images at the sizes readers need, made once when a brief is frozen.

The uploaded original is never served: it may be huge, carry EXIF data (GPS
position, camera serial) or be in a format a browser does not show well. For each
width in `WIDTHS` narrower than the original, one WebP file is written under
`MEDIA_ROOT/renditions/` (and one at the original's width if it is narrower than
the largest), named by a digest of the original's bytes, so that
publishing the same cover again reuses the files and a URL never changes meaning
(it may be cached for ever).
"""

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
QUALITY = 80
DIRECTORY = "renditions"


def cover_renditions(field_file, *, alt: str = "", credit: str = "") -> dict | None:
    """The cover entry of a publication's content: renditions, alt text and credit.

    `field_file` is the brief's `cover`. Returns None when there is no cover or it
    cannot be read (the brief is then published without one, and a warning logged).
    """
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
        digest = hashlib.sha256(data).hexdigest()[:24]
        with Image.open(io.BytesIO(data)) as original:
            original.seek(0)  # the first frame of an animation
            image = ImageOps.exif_transpose(original)
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
            files = [_rendition(image, width, digest) for width in _widths(image.width)]
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Cover %s could not be read; published without a cover.", field_file.name)
        return None
    largest = files[-1]
    return {
        "src": files[min(1, len(files) - 1)]["url"],
        "width": largest["width"],
        "height": largest["height"],
        "srcset": files,
        "alt": alt,
        "credit": credit,
    }


def _widths(original_width: int) -> list[int]:
    """The standard widths below the original's, and the largest the original allows."""
    largest = min(original_width, WIDTHS[-1])
    return [w for w in WIDTHS if w < largest] + [largest]


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)


def _rendition(image: Image.Image, width: int, digest: str) -> dict:
    height = max(1, round(image.height * width / image.width))
    name = f"{DIRECTORY}/{digest}/{width}.webp"
    if not default_storage.exists(name):
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=QUALITY, method=4)
        saved = default_storage.save(name, ContentFile(buffer.getvalue()))
        if saved != name:  # written meanwhile by a concurrent publish: keep one
            default_storage.delete(saved)
    return {"url": default_storage.url(name), "width": width, "height": height}
