"""The index pages and the entity search read from their indexes, not the whole table.

With sequential scans priced out (the tables here are tiny, so the planner would
rather read them whole), each query's plan must name the index that serves it: proof
that the index matches the query, so that at archive size the cost is the page's."""

import pytest
from django.db import connection

from actors import lookup
from actors.models import Actor, Alias, Event, Organisation
from briefs.public import directory
from briefs.public.search import Search
from tests.factories import EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


def first_page(rows):
    return rows[: directory.PAGE_SIZE + 1]


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (directory.OrganisationFilters(), "organisation_name_order"),
        (directory.OrganisationFilters(kind="militant"), "organisation_kind_order"),
        (directory.OrganisationFilters(country="PK"), "organisation_country_order"),
    ],
)
def test_organisation_lists_read_their_index(filters, index):
    OrganisationFactory(country="PK")
    assert index in plan(first_page(filters.rows()))


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (directory.EventFilters(), "event_date_order"),
        (directory.EventFilters(country="PK"), "event_country_order"),
        (directory.EventFilters(event_type="Battles"), "event_type_order"),
    ],
)
def test_event_lists_read_their_index(filters, index):
    EventFactory()
    assert index in plan(first_page(filters.rows(None)))


def test_actor_list_reads_its_index():
    filters = directory.ActorFilters()
    assert "actor_name_order" in plan(first_page(filters.rows(None)))
    assert "actor_nationality_order" in plan(
        first_page(directory.ActorFilters(country="PK").rows(None))
    )


@pytest.mark.parametrize(
    ("model", "vector", "index"),
    [
        (Organisation, lookup.organisation_vector, "organisation_search_gin"),
        (Actor, lookup.actor_vector, "actor_search_gin"),
        (Alias, lookup.alias_vector, "alias_search_gin"),
        (Event, lookup.event_vector, "event_search_gin"),
    ],
)
def test_entity_search_reads_the_gin_indexes(model, vector, index):
    """The vectors `Search.entities` matches are the ones the GIN indexes hold."""
    query = Search.from_text("pakistani taliban")._query()
    assert index in plan(model.objects.annotate(v=vector()).filter(v=query).order_by())
