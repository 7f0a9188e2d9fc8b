"""What each API answer costs in SQL, exactly: the same for one row as for a full page
of rows with many links each (no N+1), and the same on any page (keyset)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.designations import Designation
from actors.models import EventClaim, EventParty, EventSource
from tests.factories import (
    ActorFactory,
    AliasFactory,
    EventFactory,
    OrganisationFactory,
    RelationshipFactory,
    RoleFactory,
)
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

# The page's rows, then one query per kind of related row.
QUERIES = {
    "/api/v1/": 0,
    "/api/v1/openapi.json": 0,
    "/api/v1/briefs": 4,  # publications; their organisations, people, events
    "/api/v1/briefs?tag=many": 5,  # and the tag's id
    "/api/v1/briefs?organisation=group-0": 5,  # and the organisation's id
    "/api/v1/briefs/brief-0": 4,
    "/api/v1/organisations": 3,  # organisations with parents; aliases; designations
    "/api/v1/organisations/group-0": 3,
    "/api/v1/people": 3,  # people; aliases; roles with organisations
    "/api/v1/people?as_of=2023-01-01": 3,
    "/api/v1/people/person-0": 3,
    "/api/v1/events": 4,  # events with their tags; actors; claims; sources
    "/api/v1/events?organisation=group-0&country=PK": 5,  # and the organisation's id
    "/api/v1/events/incident-0": 4,
    "/api/v1/relationships": 1,
    "/api/v1/designations": 1,
}


def make(n: int, publish):
    """`n` of everything, each row with several links of every kind."""
    for i in range(n):
        group = OrganisationFactory(name=f"Group {i}", slug=f"group-{i}", country="PK")
        AliasFactory(organisation=group, text=f"G{i}")
        AliasFactory(organisation=group, text=f"Gr{i}")
        Designation.objects.create(organisation=group, jurisdiction="PK")
        Designation.objects.create(organisation=group, jurisdiction="US-FTO")
        person = ActorFactory(name=f"Person {i}", slug=f"person-{i}", aliases=[f"P{i}"])
        RoleFactory(actor=person, organisation=group)
        RoleFactory(actor=person, organisation=group, title="Commander")
        event = EventFactory(title=f"Incident {i}", slug=f"incident-{i}")
        EventParty.objects.create(event=event, organisation=group, side=1, actor_type=2)
        EventParty.objects.create(event=event, category="police", side=2, actor_type=1)
        EventClaim.objects.create(event=event, organisation=group)
        EventSource.objects.create(event=event, title="Report", scale="National")
        event.tags.set(["Karachi", "TTP"])
        RelationshipFactory(subject=group)
        publish(
            build_brief(
                title=f"Brief {i}",
                tags=("many", f"tag {i}"),
                organisations=[group],
                actors=[person],
                events=[event],
                date=datetime.date(2023, 1, 1) + datetime.timedelta(days=i),
            )
        )


def cost(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return len(queries)


@pytest.mark.parametrize("rows", [1, 15])
def test_each_answer_costs_a_fixed_number_of_queries(client, publish, rows):
    make(rows, publish)
    measured = {url: cost(client, url) for url in QUERIES}
    assert measured == QUERIES


def test_a_deep_page_costs_what_the_first_does(client, publish):
    make(12, publish)
    for url in ["/api/v1/briefs", "/api/v1/events", "/api/v1/organisations", "/api/v1/people"]:
        data = client.get(url, {"limit": 2}).json()
        first = cost(client, f"{url}?limit=2")
        for _ in range(4):
            data = client.get(data["next"].removeprefix("http://testserver")).json()
        deep = cost(client, data["next"].removeprefix("http://testserver"))
        assert deep == first, url


def test_a_page_of_briefs_is_read_in_order_from_the_reading_order_index(client, publish):
    """Keyset on (date, go_live_at, id) descending: the index starts at the cursor, no
    sort, no offset. (With so few rows PostgreSQL would rather scan the table and sort;
    turning both off shows whether the index alone can serve the page in order.)"""
    make(6, publish)
    next_url = client.get("/api/v1/briefs", {"limit": 2}).json()["next"]
    with CaptureQueriesContext(connection) as queries:
        client.get(next_url.removeprefix("http://testserver"))
    sql = queries.captured_queries[0]["sql"]
    assert "OFFSET" not in sql
    with connection.cursor() as cursor:
        for plan_kind in ["seqscan", "bitmapscan", "sort"]:
            cursor.execute(f"SET LOCAL enable_{plan_kind} = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publication_reading_order_all" in plan, plan
    assert "Sort" not in plan, plan
    # The cursor's bound is an index condition: the scan starts there.
    assert "Index Cond" in plan and "date <=" in plan.replace('"', ""), plan
