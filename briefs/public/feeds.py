"""RSS and Atom feeds of the latest live briefs: all of them, per tag, per organisation,
per person and per country.

Links are absolute on `settings.SITE_URL`, the canonical address, whatever host
the request came in on. Titles are plain text; descriptions are HTML, so the
summary is escaped before the feed generator escapes it again for XML.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django_countries import countries
from taggit.models import Tag

from actors.models import Actor, Organisation
from briefs.models import Publication
from briefs.public.moved import by_slug
from briefs.publishing.article import absolute

ITEMS = 20


class LatestBriefsFeed(Feed):
    title = f"{settings.SITE_NAME}: latest briefs"
    description = "The latest analytical briefs of the Terrorism Analysis Platform."

    def link(self, obj=None):
        return absolute(reverse("briefs:list"))

    def feed_url(self, obj=None):
        return absolute(reverse("briefs:feed"))

    def publications(self, obj):
        return Publication.objects.live()

    def items(self, obj=None):
        return self.publications(obj).cards().in_reading_order()[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.go_live_at

    def item_author_name(self, item):
        names = [a["name"] for a in item.card.get("authors", [])]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [t["name"] for t in item.card.get("tags", [])]


class LatestBriefsAtomFeed(LatestBriefsFeed):
    feed_type = Atom1Feed
    subtitle = LatestBriefsFeed.description

    def feed_url(self, obj=None):
        return absolute(reverse("briefs:feed_atom"))


class TagFeed(LatestBriefsFeed):
    """Briefs with one tag. 404 when no live brief has it."""

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Publication.objects.live().tagged(tag.pk).exists():
            raise Http404("No live brief has this tag.")
        return tag

    def title(self, obj):
        return f"{settings.SITE_NAME}: briefs tagged “{obj.name}”"

    def description(self, obj):
        return f"The latest briefs tagged “{obj.name}”."

    def link(self, obj):
        return absolute(reverse("briefs:tag", kwargs={"slug": obj.slug}))

    def feed_url(self, obj):
        return absolute(reverse("briefs:tag_feed", kwargs={"slug": obj.slug}))

    def publications(self, obj):
        return Publication.objects.live().tagged(obj.pk)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return absolute(reverse("briefs:tag_feed_atom", kwargs={"slug": obj.slug}))


class EntityFeed(LatestBriefsFeed):
    """Briefs about one organisation or person; an old slug answers 301."""

    model = Organisation
    url_name = "briefs:organisation_feed"

    def get_object(self, request, slug):
        return by_slug(self.model.objects, slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: briefs on {obj.name}"

    def description(self, obj):
        return f"The latest briefs on {obj.name}."

    def subtitle(self, obj):
        return self.description(obj)  # Atom's, where RSS has the description

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse(self.url_name, kwargs={"slug": obj.slug}))

    def publications(self, obj):
        if self.model is Organisation:
            return Publication.objects.live().about(obj.pk)
        return Publication.objects.live().filter(actors=obj)


class OrganisationFeed(EntityFeed):
    pass


class OrganisationAtomFeed(EntityFeed):
    feed_type = Atom1Feed
    url_name = "briefs:organisation_feed_atom"


class ActorFeed(EntityFeed):
    model = Actor
    url_name = "briefs:actor_feed"


class ActorAtomFeed(ActorFeed):
    feed_type = Atom1Feed
    url_name = "briefs:actor_feed_atom"


class CountryFeed(LatestBriefsFeed):
    """Briefs about one country (ISO 3166 code). 404 for a code that is not a country."""

    def get_object(self, request, code):
        code = code.upper()
        if code not in dict(countries):
            raise Http404("No such country.")
        return code

    def title(self, obj):
        return f"{settings.SITE_NAME}: briefs about {countries.name(obj)}"

    def description(self, obj):
        return f"The latest briefs about {countries.name(obj)}."

    def link(self, obj):
        return absolute(f"{reverse('briefs:list')}?country={obj}")

    def feed_url(self, obj):
        return absolute(reverse("briefs:country_feed", kwargs={"code": obj}))

    def publications(self, obj):
        return Publication.objects.live().in_country(obj)


class CountryAtomFeed(CountryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return absolute(reverse("briefs:country_feed_atom", kwargs={"code": obj}))
