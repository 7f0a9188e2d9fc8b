"""Uploaded images: checked, re-encoded, and kept where readers cannot reach them.

Every image upload (a brief's cover, an organisation's logo, an actor's photo) goes
through two steps:

1. `validate_image`, the fields' validator, so a form shows the problem and nothing
   is written: the file must decode as JPEG, PNG or WebP (by its content, not its
   name), within `MAX_IMAGE_BYTES` and `MAX_IMAGE_PIXELS`.
2. `UploadedImageStorage.save`, whatever path the file came by (admin, import,
   shell): the image is decoded again, turned upright (`exif_transpose`), converted
   to sRGB, and encoded afresh in its own format with no metadata at all (no EXIF,
   GPS, XMP, comments, ICC profile) and nothing after the image data. It is stored
   under a random name with the extension of that format.

Originals live under the private root, `MEDIA_ROOT/private/` (or
`PRIVATE_MEDIA_ROOT` when that setting is given), which neither the proxy nor
Django's public URLs serve; their URL (`PRIVATE_URL`) is answered for staff only
(`briefs.public.media`). Readers only ever get renditions made from them.
"""

import io
import os
import posixpath
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from PIL import Image, ImageCms, ImageOps

# The formats accepted, and the extension a stored file of each gets.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ALLOWED_FORMATS = set(EXTENSIONS)
# Where the private files are answered, to staff only (see briefs.public.media).
PRIVATE_URL = "/private-media/"
JPEG_QUALITY = 90
WEBP_QUALITY = 90


def validate_image(file) -> None:
    """The form's check: refuse anything that `reencode` would refuse, with a message."""
    if getattr(file, "_committed", False):
        return  # already stored, so already checked and re-encoded
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            f"The image is {filesizeformat(size)}; the largest allowed is "
            f"{filesizeformat(settings.MAX_IMAGE_BYTES)}."
        )
    with _decoded(file):
        pass


def reencode(file) -> tuple[bytes, str]:
    """The image in `file` encoded afresh, without metadata, and its extension.

    Raises ValidationError when it is not an allowed image within the limits.
    """
    with _decoded(file) as (image, fmt):
        image = ImageOps.exif_transpose(image)
        image = _to_srgb(image)
        alpha = _has_alpha(image)
        if fmt == "JPEG" or not alpha:
            image = image.convert("RGB") if image.mode not in ("L", "RGB") else image
        else:
            image = image.convert("LA" if image.mode in ("L", "LA") else "RGBA")
        # A new image holding the pixels only: none of the original's `info` (EXIF,
        # XMP, ICC profile, text chunks) can reach the encoder.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    if fmt == "JPEG":
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "PNG":
        clean.save(buffer, "PNG", optimize=False)
    else:
        clean.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue(), EXTENSIONS[fmt]


class _decoded:
    """Read, check and fully decode an upload; yields (first frame, format).

    The bytes are read into memory (at most `MAX_IMAGE_BYTES`, checked first by the
    validator) so that the upload itself is left as it was, at its start.
    """

    def __init__(self, file):
        self.file = file
        self.image = None

    def __enter__(self):
        try:
            self.file.seek(0)
            data = self.file.read()
            self.file.seek(0)
            self.image = Image.open(io.BytesIO(data))
            fmt = self.image.format
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(f"Images must be JPEG, PNG or WebP, not {fmt}.")
            width, height = self.image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"The image is {width}×{height} pixels; the largest allowed is "
                    f"{settings.MAX_IMAGE_PIXELS // 1_000_000} megapixels."
                )
            self.image.seek(0)  # the first frame of an animation
            self.image.load()  # a truncated or corrupt file fails here, not later
        except ValidationError:
            self.__exit__()
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            self.__exit__()
            raise ValidationError("The file is not an image that can be read.") from exc
        return self.image, fmt

    def __exit__(self, *exc):
        if self.image is not None:
            self.image.close()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours as the embedded ICC profile meant them, in sRGB, so the profile can go."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under the private root, with URLs answered to staff only.

    The root is read when first used, so that a test's `MEDIA_ROOT` applies.
    """

    @cached_property
    def base_location(self):
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return os.fspath(root) if root else os.fspath(Path(settings.MEDIA_ROOT) / "private")

    @cached_property
    def base_url(self):
        return PRIVATE_URL

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


@deconstructible
class UploadedImageStorage(PrivateStorage):
    """The image fields' storage: every file saved is re-encoded (`reencode`) and
    named `<folder>/<2 hex>/<32 hex>.<real extension>`; the uploaded name is dropped."""

    def save(self, name, content, max_length=None):
        data, extension = reencode(content)
        token = secrets.token_hex(16)
        folder = posixpath.dirname(name or "")
        name = posixpath.join(folder, token[:2], token + extension)
        return super().save(name, ContentFile(data), max_length=max_length)


private_storage = PrivateStorage()
uploaded_images = UploadedImageStorage()


def move_to_private(model, field: str, *, also=()) -> None:
    """For a data migration: re-encode the originals a field stored under the public
    `MEDIA_ROOT` into the private storage, and point the rows at them.

    `also` are (model, field) pairs holding the same names (history, publications),
    updated alike. A file that is not a readable image is moved to the private root
    unchanged, under `unreadable/`, and the field cleared.
    """
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    names = model.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct()
    for name in list(names):
        if not name or not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            data = handle.read()
        try:
            new = uploaded_images.save(name, ContentFile(data))
        except ValidationError:
            private_storage.save(posixpath.join("unreadable", name), ContentFile(data))
            new = ""
        for target, target_field in ((model, field), *also):
            target.objects.filter(**{target_field: name}).update(**{target_field: new})
        public.delete(name)
