"""The links every public page carries in its header and footer (`base.html`).

They are the same on every page, so they are reversed once per process, URL
configuration and script prefix rather than fifteen times per page: that was a
third of the Django template's time on the brief page (0.13 of 0.42 ms; bench/
README.md, "Brief page through the proxy"). With the prefix in the key, a site
mounted under a path (`FORCE_SCRIPT_NAME`) gets its own links, and a test that
swaps the URL configuration gets fresh ones.
"""

from functools import lru_cache
from types import MappingProxyType

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The name a template uses -> the URL pattern it links to.
SITE_LINKS = {
    "home": "briefs:home",
    "briefs": "briefs:list",
    "organisations": "actors:organisation_list",
    "people": "actors:actor_list",
    "events": "actors:event_list",
    "search": "briefs:search",
    "corrections": "briefs:corrections",
    "feed_rss": "briefs:feed",
    "feed_atom": "briefs:feed_atom",
    "open_data": "data:index",
}


def site_links() -> MappingProxyType:
    """`SITE_LINKS`' addresses by name. `base.html` reads them with
    `{% site_links as site_links %}`: a tag rather than a context processor, so that the
    500 page, rendered with no request, has them too."""
    return _links(settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())


# A few entries at most: one per URL configuration and prefix the site is served under.
@lru_cache(maxsize=8)
def _links(root_urlconf: str, urlconf: str | None, prefix: str) -> MappingProxyType:
    links = {key: reverse(name, urlconf=urlconf) for key, name in SITE_LINKS.items()}
    return MappingProxyType(links)
