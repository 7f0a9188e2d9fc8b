"""The sitemap: live briefs, and the pages of the entities, tags and authors they link.

An entity with no live brief is left out: its page exists, but it has nothing a
search engine should index. Addresses are built on `settings.SITE_URL`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from actors.models import Actor, Event, Organisation
from briefs.models import Publication


class CanonicalSitemap(Sitemap):
    """Addresses on the canonical site, not on the host the request named."""

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
    def items(self):
        return Publication.objects.live().only("slug", "go_live_at").order_by("-go_live_at", "-pk")

    def lastmod(self, item):
        return item.go_live_at


class LinkedSitemap(CanonicalSitemap):
    """Rows of `model` that at least one live brief links to, by `field` on Publication."""

    model = None

    def items(self):
        return (
            self.model.objects.filter(publications__in=Publication.objects.live())
            .annotate(latest=Max("publications__go_live_at"))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.latest


class OrganisationSitemap(LinkedSitemap):
    model = Organisation


class ActorSitemap(LinkedSitemap):
    model = Actor


class EventSitemap(LinkedSitemap):
    model = Event


class TagSitemap(LinkedSitemap):
    model = Tag

    def location(self, item):
        return reverse("briefs:tag", kwargs={"slug": item.slug})


class AuthorSitemap(LinkedSitemap):
    model = get_user_model()

    def location(self, item):
        return reverse("briefs:author", kwargs={"username": item.get_username()})


SITEMAPS = {
    "pages": PageSitemap,
    "briefs": BriefSitemap,
    "organisations": OrganisationSitemap,
    "actors": ActorSitemap,
    "events": EventSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
