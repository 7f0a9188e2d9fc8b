"""The private uploads, for the desk only.

Originals (covers, logos, photos) and the renditions the admin preview makes live in
`actors.images.private_storage`, which no public URL serves: the proxy's `/media/`
serves only `MEDIA_ROOT/renditions/` (the renditions of publications). Their URLs,
`/private-media/…`, come here: a signed-in staff member gets the file, never cached;
anyone else a 404, as if it did not exist. The admin's "Currently:" link of an image
field and the preview page's cover point here.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from actors.images import EXTENSIONS, private_storage

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
