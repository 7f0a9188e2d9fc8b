"""The site's URLs plus the public image renditions, for the browser test's live server.

In production nginx serves `MEDIA_ROOT/renditions/` at `/media/renditions/` and
nothing else under `/media/`.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from tap_cms.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT / "renditions")


urlpatterns = [*site_urlpatterns, re_path(r"^media/renditions/(?P<path>.*)$", media)]
