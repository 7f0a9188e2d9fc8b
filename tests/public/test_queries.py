"""What each page costs in SQL, exactly, whatever the size of the brief.

Each count is what one request that reaches Django costs; the proxy in front
(deploy/, tests/proxy/) answers repeat visits without Django.
"""

import datetime

import pytest
from django.utils import timezone

from actors.models import EventParty
from briefs.models import Author
from tests.factories import ActorFactory, EventFactory, OrganisationFactory, RoleFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_and_long(publish, analyst):
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
        EventParty.objects.create(event=event, organisation=organisations[0], actor_type=2)
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


BRIEF_PAGE = 1  # the publication, with the site settings in the same query


@pytest.mark.parametrize("which", [0, 1], ids=["short", "long"])
def test_brief_page_costs_the_same_for_a_short_and_a_long_brief(
    client, short_and_long, django_assert_num_queries, which
):
    url = f"/briefs/{short_and_long[which].slug}/"
    with django_assert_num_queries(BRIEF_PAGE):
        assert client.get(url).status_code == 200


def test_long_brief_really_is_long(client, short_and_long):
    html = client.get(f"/briefs/{short_and_long[1].slug}/").content.decode()
    assert html.count('class="brief__section"') == 12
    assert html.count('class="timeline__item"') == 5
    assert html.count('class="people__name"') == 10
    assert html.count('href="/tags/') == 10


# A list page: the ids of its rows (index only), the rows; facets: the publications
# with a window in the future, then the counts (briefs.publishing.counts).
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 3),  # latest briefs, facets (2)
        ("/briefs/", 4),  # ids, rows, facets (2)
        ("/briefs/?tag=one&year=2023", 4),
        ("/briefs/?country=PK&page=1", 4),
        # ranked candidates, rows with excerpts, facets (2); organisations, people and
        # events named so (briefs.public.search.Search.entities)
        ("/search/?q=paragraph", 7),
        ("/search/", 2),  # no query: only the filters' choices
        ("/tags/one/", 5),  # tag, its count (2), ids, rows
        ("/feeds/briefs/", 1),  # items
        ("/feeds/briefs/atom/", 1),
        ("/feeds/briefs/tags/one/", 3),  # tag, whether it is live, items
        ("/sitemap.xml", 17),  # briefs: count, newest; five linked sections: counts (2), count
        ("/sitemap-briefs.xml", 2),  # count, items
        ("/sitemap-tags.xml", 4),  # counts (2), count, items
    ],
)
def test_list_pages_cost_a_fixed_number_of_queries(
    client, short_and_long, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_a_scheduled_publication_costs_the_facets_a_few_queries_more(
    client, short_and_long, publish, django_assert_num_queries
):
    publish(build_brief(title="Later"), at=timezone.now() + datetime.timedelta(hours=1))
    # ... the keys of the waiting publication: all, tags, organisations, people,
    # events, authors, countries and year (briefs.publishing.counts.keys_of)
    with django_assert_num_queries(4 + 6):
        assert client.get("/briefs/").status_code == 200


def test_entity_pages_cost_a_fixed_number_of_queries(
    client, short_and_long, analyst, django_assert_num_queries
):
    long = short_and_long[1]
    actor = long.actors.first()
    organisation = long.organisations.order_by("pk").first()
    event = long.events.first()
    # actor: actor, roles, events, ids, rows
    # organisation: organisation, relationships, roles, designations, events (as an
    # actor, a claimant, another part: three), its events by month (the chart),
    # children, ids, rows
    # event: event, other organisations, actors, claims, sources, tags, ids, rows, people
    # author: author, its count (2), ids, rows
    for url, cold in [
        (actor.get_absolute_url(), 5),
        (organisation.get_absolute_url(), 11),
        (event.get_absolute_url(), 9),
        (Author.of(analyst).get_absolute_url(), 5),
    ]:
        with django_assert_num_queries(cold):
            assert client.get(url).status_code == 200
