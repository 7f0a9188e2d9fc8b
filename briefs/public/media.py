"""The private uploads, for the desk only.

Originals (covers, logos, photos) and the renditions the admin preview makes live in
`actors.images.private_storage`, which no public URL serves: the proxy's `/media/`
serves only `MEDIA_ROOT/renditions/` (the renditions of publications). Their URLs,
`/private-media/…`, come here: a signed-in staff member gets the file, never cached;
anyone else a 404, as if it did not exist. The admin's "Currently:" link of an image
field and the preview page's cover point here.
"""

import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from actors.images import EXTENSIONS, private_storage
from briefs.models import Publication
from briefs.public.http import public_page
from briefs.publishing.renditions import DIRECTORY

# Only what the storage writes: re-encoded images and WebP renditions.
_SERVED = tuple(set(EXTENSIONS.values()))


@require_safe
@never_cache
def private_file(request, name: str):
    user = request.user
    if not (user.is_active and user.is_staff) or not name.endswith(_SERVED):
        raise Http404
    try:
        return serve(request, name, document_root=private_storage.location)
    except SuspiciousFileOperation as exc:
        raise Http404 from exc


RENDITION_NAME = re.compile(r"^[0-9a-f]{24}/[0-9]{1,5}\.webp$")


@require_safe
@public_page
def rendition(request, name: str):
    """A cover rendition the proxy did not find on disk (`try_files` in deploy/nginx).

    A scheduled brief's renditions wait in the private storage; once a live
    publication shows one, the first request for it moves it to the public directory,
    where the proxy serves it from then on. Anything else is a 404.
    """
    path = f"{DIRECTORY}/{name}"
    if not RENDITION_NAME.match(name):
        raise Http404
    if not default_storage.exists(path):
        url = default_storage.url(path)
        shown = Publication.objects.live().filter(
            card__contains={"cover": {"srcset": [{"url": url}]}}
        )
        if not shown.exists() or not private_storage.exists(path):
            raise Http404
        with private_storage.open(path, "rb") as pending:
            default_storage.save(path, pending)
    return serve(request, path, document_root=default_storage.location)
