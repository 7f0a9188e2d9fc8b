from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from actors.images import PRIVATE_URL
from briefs.public import corrections, entities, feeds, media, portraits, sitemaps, views
from briefs.public.http import public_page
from briefs.public.moved import follows_old_slugs
from briefs.public.sitemaps import SITEMAPS

app_name = "briefs"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefs/", views.brief_list, name="list"),
    path("briefs/<str:slug>/", views.brief_detail, name="detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("search/", views.search, name="search"),
    path("corrections/", corrections.corrections, name="corrections"),
    path(
        "feeds/corrections/",
        public_page(corrections.CorrectionsFeed()),
        name="corrections_feed",
    ),
    path(
        "feeds/corrections/atom/",
        public_page(corrections.CorrectionsAtomFeed()),
        name="corrections_feed_atom",
    ),
    path("feeds/briefs/", public_page(feeds.LatestBriefsFeed()), name="feed"),
    path("feeds/briefs/atom/", public_page(feeds.LatestBriefsAtomFeed()), name="feed_atom"),
    path("feeds/briefs/tags/<str:slug>/", public_page(feeds.TagFeed()), name="tag_feed"),
    path(
        "feeds/briefs/tags/<str:slug>/atom/",
        public_page(feeds.TagAtomFeed()),
        name="tag_feed_atom",
    ),
    path(
        "feeds/briefs/organisations/<str:slug>/",
        public_page(follows_old_slugs(feeds.OrganisationFeed())),
        name="organisation_feed",
    ),
    path(
        "feeds/briefs/organisations/<str:slug>/atom/",
        public_page(follows_old_slugs(feeds.OrganisationAtomFeed())),
        name="organisation_feed_atom",
    ),
    path(
        "feeds/briefs/actors/<str:slug>/",
        public_page(follows_old_slugs(feeds.ActorFeed())),
        name="actor_feed",
    ),
    path(
        "feeds/briefs/actors/<str:slug>/atom/",
        public_page(follows_old_slugs(feeds.ActorAtomFeed())),
        name="actor_feed_atom",
    ),
    path(
        "feeds/briefs/countries/<str:code>/",
        public_page(feeds.CountryFeed()),
        name="country_feed",
    ),
    path(
        "feeds/briefs/countries/<str:code>/atom/",
        public_page(feeds.CountryAtomFeed()),
        name="country_feed_atom",
    ),
    path(
        "sitemap.xml",
        public_page(sitemaps.index),
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_part",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # Renditions not yet on disk: a scheduled brief's, once it is live (media.py).
    path("media/renditions/<path:name>", media.rendition, name="rendition"),
    # Private uploads and preview renditions, staff only (briefs/public/media.py).
    path(f"{PRIVATE_URL.strip('/')}/<path:name>", media.private_file, name="private_file"),
]

# The pages of the registry's entities keep their own namespace, `actors:`, which the
# entities' `get_absolute_url` names; their views live here, with the reader's side.
entity_patterns = (
    [
        path("actors/", entities.actor_list, name="actor_list"),
        path("organisations/", entities.organisation_list, name="organisation_list"),
        path("events/", entities.event_list, name="event_list"),
        path("actors/<str:slug>/", entities.actor_detail, name="actor"),
        path("organisations/<str:slug>/", entities.organisation_detail, name="organisation"),
        path("events/<str:slug>/", entities.event_detail, name="event"),
        path(
            "organisations/<str:slug>/logo/<str:token>.webp",
            portraits.organisation_logo,
            name="organisation_logo",
        ),
        path("actors/<str:slug>/photo/<str:token>.webp", portraits.actor_photo, name="actor_photo"),
    ],
    "actors",
)
