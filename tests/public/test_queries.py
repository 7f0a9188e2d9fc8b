"""What each page costs in SQL, exactly, whatever the size of the brief.

"Cold" is a page nobody asked for since the last change (nothing cached): the
stamp query, then the page's own queries. "Warm" is the same page again: only the
stamp query, the page comes from the cache. A 304 also costs only the stamp. These
run with the stamp read on every request (see conftest); with the stamp memoised,
as in production, warm pages and 304s cost no query (test_caching.py).
"""

import datetime

import pytest
from django.core.cache import cache

from actors.models import EventOrganisation
from tests.factories import ActorFactory, EventFactory, OrganisationFactory, RoleFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_and_long(publish, analyst, instant_cache):
    """A brief with one of everything, and one with many of everything."""
    short = build_brief(
        title="Short brief",
        sections=(("What happened?", "One paragraph."),),
        tags=("One",),
        actors=[ActorFactory()],
        authors=[analyst],
    )
    actors = [ActorFactory() for _ in range(10)]
    for actor in actors:
        RoleFactory(actor=actor)
    organisations = [OrganisationFactory() for _ in range(6)]
    events = [EventFactory() for _ in range(5)]
    for event in events:
        EventOrganisation.objects.create(
            event=event, organisation=organisations[0], part="perpetrator"
        )
    long = build_brief(
        title="Long brief",
        sections=[(f"Section {n}", f"Paragraph {n} about Person.\n\n- a\n- b") for n in range(12)],
        tags=[f"Tag {n}" for n in range(10)],
        actors=actors,
        organisations=organisations,
        events=events,
        authors=[analyst],
        sources=8,
        date=datetime.date(2023, 3, 1),
    )
    publish(short)
    publish(long)
    return short, long


BRIEF_PAGE_COLD = 3  # stamp, the publication, the site settings (then cached per stamp)
BRIEF_PAGE_WARM = 1  # stamp; the page comes from the cache


@pytest.mark.parametrize("which", [0, 1], ids=["short", "long"])
def test_brief_page_costs_the_same_for_a_short_and_a_long_brief(
    client, short_and_long, django_assert_num_queries, which
):
    url = f"/briefs/{short_and_long[which].slug}/"
    with django_assert_num_queries(BRIEF_PAGE_COLD):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(BRIEF_PAGE_WARM):
        assert client.get(url).status_code == 200


def test_long_brief_really_is_long(client, short_and_long):
    html = client.get(f"/briefs/{short_and_long[1].slug}/").content.decode()
    assert html.count('class="brief__section"') == 12
    assert html.count('class="timeline__item"') == 5
    assert html.count('class="people__name"') == 10
    assert html.count('href="/tags/') == 10


def test_brief_page_with_site_settings_cached_costs_two(
    client, short_and_long, django_assert_num_queries
):
    client.get(f"/briefs/{short_and_long[0].slug}/")  # caches the site settings for this stamp
    with django_assert_num_queries(2):  # stamp, publication
        client.get(f"/briefs/{short_and_long[1].slug}/")


@pytest.mark.parametrize(
    ("url", "cold"),
    [
        ("/", 5),  # stamp, latest briefs, organisations, tags, countries
        ("/briefs/", 7),  # stamp, count, page, organisations, tags, countries, years
        ("/briefs/?tag=one&year=2023", 7),
        ("/search/?q=paragraph", 7),  # as the list, with the search
        ("/search/", 5),  # no query: only the filters' choices
        ("/tags/one/", 4),  # stamp, count, page, tag
        ("/feeds/briefs/", 2),  # stamp, items
        ("/feeds/briefs/atom/", 2),
        ("/feeds/briefs/tags/one/", 3),  # stamp, tag, items
        ("/sitemap.xml", 13),  # stamp, then count and items for each of six sections
    ],
)
def test_list_pages_cost_a_fixed_number_of_queries(
    client, short_and_long, django_assert_num_queries, url, cold
):
    with django_assert_num_queries(cold):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_entity_pages_cost_a_fixed_number_of_queries(
    client, short_and_long, analyst, django_assert_num_queries
):
    long = short_and_long[1]
    actor = long.actors.first()
    organisation = long.organisations.order_by("pk").first()
    event = long.events.first()
    # actor: stamp, actor, roles, events, count, page
    # organisation: stamp, organisation, relationships, roles, events, children, count, page
    # event: stamp, event, organisations, count, page, people, sources
    # author: stamp, author, count, page
    for url, cold in [
        (actor.get_absolute_url(), 6),
        (organisation.get_absolute_url(), 8),
        (event.get_absolute_url(), 7),
        (f"/authors/{analyst.username}/", 4),
    ]:
        cache.clear()
        with django_assert_num_queries(cold):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_a_repeat_visit_gets_304_for_one_query(client, short_and_long, django_assert_num_queries):
    url = f"/briefs/{short_and_long[1].slug}/"
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
