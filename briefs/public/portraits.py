"""Organisations' logos and people's photos, as readers get them.

The uploaded original stays private (`actors.images`); a reader gets a WebP
rendition, at most `WIDTH` pixels wide, made from it on request at an address that
names the entity and the stored file (`/organisations/<slug>/logo/<token>.webp`, the
token being the random stem of the stored name). Only the image an entity shows now
is answered: a replaced or removed image's token no longer matches, so its address
answers 404 as if it never existed, and no other private file is reachable through
it. Responses are cached by the proxy like any public page (`public_page`), so the
rendition is made at most once per cache period, and not at all when nobody looks.
"""

import io
from pathlib import PurePosixPath

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe
from PIL import Image, ImageOps

from actors.models import Actor, Organisation
from briefs.public.http import public_page

WIDTH = 320
QUALITY = 82

# The entity's image field, its alt text field, and the URL name of its image.
_FIELDS = {
    Organisation: ("logo", "logo_alt", "actors:organisation_logo", "Logo of {}"),
    Actor: ("photo", "photo_alt", "actors:actor_photo", "Photo of {}"),
}


def _token(field_file) -> str:
    return PurePosixPath(field_file.name).stem


def image_of(entity) -> dict | None:
    """What a page needs to show the entity's image: its URL and alt text (no query)."""
    field, alt_field, url_name, default_alt = _FIELDS[type(entity)]
    file = getattr(entity, field)
    if not file:
        return None
    return {
        "url": reverse(url_name, kwargs={"slug": entity.slug, "token": _token(file)}),
        "alt": getattr(entity, alt_field) or default_alt.format(entity.name),
    }


def _serve(model, slug: str, token: str) -> HttpResponse:
    field = _FIELDS[model][0]
    entity = get_object_or_404(model.objects.only("slug", field), slug=slug)
    file = getattr(entity, field)
    if not file or _token(file) != token:
        raise Http404("No such image.")
    try:
        with file.open("rb") as handle, Image.open(handle) as original:
            original.seek(0)
            image = ImageOps.exif_transpose(original)
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            image.thumbnail((WIDTH, WIDTH * 4), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(buffer, "WEBP", quality=QUALITY, method=4)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise Http404("No such image.") from exc
    return HttpResponse(buffer.getvalue(), content_type="image/webp")


@require_safe
@public_page
def organisation_logo(request, slug: str, token: str):
    return _serve(Organisation, slug, token)


@require_safe
@public_page
def actor_photo(request, slug: str, token: str):
    return _serve(Actor, slug, token)
