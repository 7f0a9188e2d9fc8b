"""The site's URLs plus one that fails, to see the 500 page a reader would get."""

from django.urls import path

from tap_cms.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("A failure for the 500 page test.")


urlpatterns = [*site_urlpatterns, path("fail/", fail)]
