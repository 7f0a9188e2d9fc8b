"""Cover images at the sizes readers need, made once when a brief is frozen.

The uploaded original is never served to readers: it is private
(`actors.images.uploaded_images`), re-encoded without metadata when it was stored, and
may be huge. For each width in `WIDTHS` narrower than the original, one WebP file is
written (and one at the original's width if it is narrower than the largest), named
by a digest of the original's bytes, so that publishing the same cover again reuses
the files and a URL never changes meaning (it may be cached for ever).

Where they are written depends on who will see them:

- `public=True`, when a brief is published: under `MEDIA_ROOT/renditions/`, the one
  directory the proxy serves at `/media/renditions/` (deploy/nginx/tap-cms.conf).
- otherwise (the admin preview of a working copy, a draft's cover): in the private
  storage, `MEDIA_ROOT/private/renditions/`, at URLs answered to staff only, so that
  previewing a draft never makes its image public.
"""

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image, ImageOps

from actors.images import private_storage
from briefs.models import Publication

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
QUALITY = 80
DIRECTORY = "renditions"


def cover_renditions(
    field_file, *, alt: str = "", credit: str = "", public: bool = False, pending: bool = False
) -> dict | None:
    """The cover entry of a publication's content: renditions, alt text and credit.

    `field_file` is the brief's `cover`; `public` is for a publication (see above).
    Returns None when there is no cover or it cannot be read (the brief is then
    published without one, and a warning logged).
    """
    # A scheduled publication's renditions get their public addresses but wait in the
    # private storage until it is live (`briefs.public.media.rendition` moves them).
    storage = default_storage if public and not pending else private_storage
    url_storage = default_storage if public else private_storage
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
            files = [
                _rendition(image, width, digest, storage, url_storage)
                for width in _widths(image.width)
            ]
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


def _rendition(
    image: Image.Image, width: int, digest: str, storage: Storage, url_storage: Storage
) -> dict:
    height = max(1, round(image.height * width / image.width))
    name = f"{DIRECTORY}/{digest}/{width}.webp"
    if not storage.exists(name):
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=QUALITY, method=4)
        saved = storage.save(name, ContentFile(buffer.getvalue()))
        if saved != name:  # written meanwhile by a concurrent publish: keep one
            storage.delete(saved)
    return {"url": url_storage.url(name), "width": width, "height": height}


def digests_of(publications) -> set[str]:
    """The rendition folders the covers of `publications` use."""
    digests = set()
    for cover in publications.values_list("card__cover", flat=True):
        for file in (cover or {}).get("srcset", []):
            digests.add(file["url"].rstrip("/").split("/")[-2])
    return digests


def retire(digests: set[str]) -> None:
    """Delete the public renditions in `digests` that no current publication shows.

    Run after a withdrawal or an immediate re-publish has committed: what readers can
    no longer see is no longer served, under its address or any other.
    """
    for digest in digests:
        if Publication.objects.current().filter(card__cover__src__contains=digest).exists():
            continue
        folder = f"{DIRECTORY}/{digest}"
        if not default_storage.exists(folder):
            continue
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")
