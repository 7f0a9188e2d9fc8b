"""The site's URLs plus the uploaded media, for the browser test's live server.

In production the web server in front serves `MEDIA_ROOT` at `/media/`.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from tap_cms.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]
