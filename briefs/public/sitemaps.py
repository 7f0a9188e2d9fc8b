"""The sitemap: an index, and parts of at most 2,500 addresses each.

Live briefs, and the pages of the entities, tags and authors that at least one live
brief links to (read from `briefs.publishing.counts`, not counted here). An entity
with no live brief is left out: its page exists, but has nothing a search engine
should index. Addresses are built on `settings.SITE_URL`. Briefs are listed in
reading order from the index `publication_reading_order_slug` alone, so a deep part
costs an index-only scan, not a read of the table.
"""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from taggit.models import Tag

from actors.models import Actor, Event, Organisation
from briefs.models import Author, LiveCount, Publication
from briefs.publishing import counts
from briefs.publishing.article import absolute

# The protocol allows 50,000 a part. Django's sitemap template writes about 13,000
# addresses a second on the benchmark machine, so parts of 2,500 keep each one near
# 200 ms however large the archive grows; the index lists as many as it takes.
PART_SIZE = 2_500


class CanonicalSitemap(Sitemap):
    """Addresses on the canonical site, not on the host the request named."""

    limit = PART_SIZE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self):
        return ["briefs:home", "briefs:list"]

    def location(self, item):
        return reverse(item)


class BriefSitemap(CanonicalSitemap):
    """Live briefs in reading order, as (slug, go_live_at) read from the index alone."""

    def items(self):
        return Publication.objects.live().in_reading_order().values_list("slug", "go_live_at")

    def location(self, item):
        return f"{self.prefix}{quote(item[0], safe='')}/"

    @cached_property
    def prefix(self) -> str:
        return reverse("briefs:list")

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        # Django's default reads every item to find the newest; this reads one.
        return Publication.objects.live().aggregate(latest=Max("go_live_at"))["latest"]


class LinkedSitemap(CanonicalSitemap):
    """Rows of `model` that at least one live brief links to (`facet` in LiveCount)."""

    model = None
    facet = ""
    column = "ref"

    def items(self):
        linked = counts.read([self.facet]).facet(self.facet)
        ids = [getattr(row, LiveCount._meta.get_field(self.column).attname) for row, _ in linked]
        return self.model.objects.filter(pk__in=ids).order_by("pk")


class OrganisationSitemap(LinkedSitemap):
    model = Organisation
    facet = "organisation"
    column = "organisation"


class ActorSitemap(LinkedSitemap):
    model = Actor
    facet = "actor"


class EventSitemap(LinkedSitemap):
    model = Event
    facet = "event"


class TagSitemap(LinkedSitemap):
    model = Tag
    facet = "tag"
    column = "tag"

    def location(self, item):
        return reverse("briefs:tag", kwargs={"slug": item.slug})


class AuthorSitemap(LinkedSitemap):
    model = Author
    facet = "author"

    def items(self):
        # Counted by user: the author's row is the user's public identity.
        linked = counts.read([self.facet]).facet(self.facet)
        return Author.objects.filter(user__in=[row.ref for row, _ in linked]).order_by("pk")


def index(request):
    """The sitemap index: each part's address on the canonical site (Django's own
    index names the host of the request)."""
    parts = []
    for section, sitemap in SITEMAPS.items():
        site = sitemap()
        url = absolute(reverse("briefs:sitemap_part", kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        parts.append(SitemapIndexItem(url, lastmod))
        parts.extend(
            SitemapIndexItem(f"{url}?p={number}", lastmod)
            for number in range(2, site.paginator.num_pages + 1)
        )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": parts}, content_type="application/xml"
    )


SITEMAPS = {
    "pages": PageSitemap,
    "briefs": BriefSitemap,
    "organisations": OrganisationSitemap,
    "actors": ActorSitemap,
    "events": EventSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
