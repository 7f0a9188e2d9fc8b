"""The API's lists: filters, cursor paging, ETags, CORS, cache headers and 400s."""

import datetime
from urllib.parse import urlsplit

import pytest

from actors.designations import Designation
from actors.models import EventClaim, EventParty, Organisation
from tests.factories import (
    ActorFactory,
    EventFactory,
    OrganisationFactory,
    RelationshipFactory,
    RoleFactory,
)
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def walk(client, url, **params) -> list[dict]:
    """Every row of a list, following `next` to the end."""
    data = get(client, url, **params)
    rows = data["results"]
    while data["next"]:
        response = client.get(path_of(data["next"]))
        assert response.status_code == 200
        data = response.json()
        rows += data["results"]
    return rows


@pytest.fixture
def incidents(db):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", slug="ttp-test", country="PK")
    isk = OrganisationFactory(name="Islamic State Khorasan Province", country="AF")
    karachi = EventFactory(
        title="Karachi police office attack",
        date=datetime.date(2023, 2, 17),
        country="PK",
        event_type="Battles",
        sub_event_type="Armed clash",
        killed_best=4,
        injured_best=14,
    )
    EventParty.objects.create(event=karachi, organisation=ttp, side=1, actor_type=2)
    EventParty.objects.create(event=karachi, category="police", side=2, actor_type=1)
    EventClaim.objects.create(event=karachi, organisation=ttp, mode="statement")
    kabul = EventFactory(
        title="Kabul ministry bombing",
        date=datetime.date(2023, 1, 11),
        country="AF",
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
    )
    EventParty.objects.create(event=kabul, organisation=isk, side=1, actor_type=2)
    peshawar = EventFactory(
        title="Peshawar mosque bombing", date=datetime.date(2023, 1, 30), country="PK"
    )
    EventClaim.objects.create(event=peshawar, organisation=ttp)
    return {"ttp": ttp, "isk": isk, "karachi": karachi, "kabul": kabul, "peshawar": peshawar}


def titles(data):
    return [row["title"] for row in data["results"]]


def test_events_filter_by_country_dates_organisation_and_type(client, incidents):
    url = "/api/v1/events"
    everything = [
        "Karachi police office attack",
        "Peshawar mosque bombing",
        "Kabul ministry bombing",
    ]
    assert titles(get(client, url)) == everything  # newest first
    assert titles(get(client, url, country="PK")) == everything[:2]
    assert titles(get(client, url, country="afg")) == everything[2:]  # alpha-3, any case
    assert titles(get(client, url, **{"from": "2023-01-30"})) == everything[:2]
    assert titles(get(client, url, to="2023-01-30")) == everything[1:]
    assert titles(get(client, url, **{"from": "2023-01-12", "to": "2023-02-16"})) == [
        "Peshawar mosque bombing"
    ]
    # An actor or a claimant: both are the organisation's events.
    assert titles(get(client, url, organisation="ttp-test")) == everything[:2]
    assert titles(get(client, url, event_type="Explosions/Remote violence")) == everything[2:]
    assert titles(get(client, url, sub_event_type="Armed clash")) == everything[:1]
    assert titles(get(client, url, country="PK", event_type="Battles", to="2023-01-01")) == []


def test_an_event_has_acled_field_names(client, incidents):
    row = get(client, f"/api/v1/events/{incidents['karachi'].public_id}")
    assert row["event_id_cnty"].startswith("PAK-")
    assert row["event_date"] == "2023-02-17"
    assert row["actor1"] == "Tehrik-i-Taliban Pakistan"
    assert row["actor2"] == "Police Forces of Pakistan"
    assert (row["inter1"], row["inter2"], row["interaction"]) == (2, 1, 12)
    assert row["disorder_type"] == "Political violence"
    assert (row["iso"], row["country"], row["iso3"]) == (586, "Pakistan", "PAK")
    assert (row["fatalities"], row["injured"]) == (4, 14)
    assert row["claims"][0]["organisation"]["slug"] == "ttp-test"
    assert row["claims"][0]["mode"] == "statement"
    # Unknown is not zero.
    peshawar = get(client, f"/api/v1/events/{incidents['peshawar'].slug}")
    assert peshawar["fatalities"] is None and peshawar["injured"] is None


def test_organisations_people_relationships_designations_filter(client, incidents):
    RelationshipFactory(subject=incidents["ttp"], other=incidents["isk"], kind="rival")
    RelationshipFactory()
    Designation.objects.create(organisation=incidents["ttp"], jurisdiction="US-FTO")
    Designation.objects.create(organisation=incidents["isk"], jurisdiction="UN-1267")
    ActorFactory(name="Noor Wali Mehsud", nationality="PK")
    ActorFactory(name="Someone Else", nationality="AF")

    names = [o["name"] for o in get(client, "/api/v1/organisations", country="PK")["results"]]
    assert names == ["Tehrik-i-Taliban Pakistan"]
    ttp = get(client, "/api/v1/organisations/ttp-test")
    assert [d["jurisdiction"] for d in ttp["designations"]] == ["US-FTO"]
    assert get(client, "/api/v1/organisations", kind="media")["results"] == []
    people = get(client, "/api/v1/people", nationality="PK")["results"]
    assert [p["name"] for p in people] == ["Noor Wali Mehsud"]
    rivals = get(client, "/api/v1/relationships", organisation="ttp-test")["results"]
    assert [(r["subject"]["slug"], r["kind"], r["other"]["name"]) for r in rivals] == [
        ("ttp-test", "rival", "Islamic State Khorasan Province")
    ]
    assert len(get(client, "/api/v1/relationships")["results"]) == 2
    listed = get(client, "/api/v1/designations", jurisdiction="UN-1267")["results"]
    assert [d["organisation"]["name"] for d in listed] == ["Islamic State Khorasan Province"]


def test_people_as_of_a_day_hold_the_roles_of_that_day(client):
    asif = ActorFactory(name="Khawaja Muhammad Asif")
    RoleFactory(
        actor=asif,
        title="Minister of Defence",
        start=datetime.date(2017, 8, 4),
        end=datetime.date(2018, 5, 31),
    )
    RoleFactory(actor=asif, title="Defence Minister", start=datetime.date(2022, 4, 19))
    RoleFactory(actor=asif, title="Party leader", start=datetime.date(2010, 1, 1), rank=1)

    def roles(**params):
        return [r["title"] for r in get(client, f"/api/v1/people/{asif.slug}", **params)["roles"]]

    assert roles() == ["Defence Minister", "Minister of Defence", "Party leader"]
    assert roles(as_of="2023-02-22") == ["Party leader", "Defence Minister"]  # senior first
    assert roles(as_of="2018-01-01") == ["Party leader", "Minister of Defence"]
    assert roles(as_of="2005-01-01") == []
    listed = get(client, "/api/v1/people", as_of="2018-01-01")["results"]
    assert [r["title"] for r in listed[0]["roles"]] == ["Party leader", "Minister of Defence"]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/organisations", lambda n: OrganisationFactory(name=f"Group {n % 7}")),
        ("/api/v1/people", lambda n: ActorFactory(name=f"Person {n % 7}")),
        (
            "/api/v1/events",
            lambda n: EventFactory(
                title=f"Incident {n % 3}", date=datetime.date(2023, 1, n % 5 + 1)
            ),
        ),
        ("/api/v1/relationships", lambda n: RelationshipFactory()),
        (
            "/api/v1/designations",
            lambda n: Designation.objects.create(
                organisation=OrganisationFactory(), jurisdiction="PK"
            ),
        ),
    ],
    ids=["organisations", "people", "events", "relationships", "designations"],
)
def test_the_cursor_walks_every_row_once_in_order(client, url, make):
    """Names, titles and dates repeat, so the order needs its id to be total."""
    for n in range(23):
        make(n)
    everything = get(client, url, limit=100)["results"]
    assert len(everything) == 23 == len({str(row) for row in everything})
    first = get(client, url, limit=10)
    assert len(first["results"]) == 10 and first["next"]
    assert walk(client, url, limit=10) == everything
    assert walk(client, url, limit=1) == everything
    assert get(client, url, limit=23)["next"] is None


def test_the_cursor_walks_the_briefs_in_reading_order(client, publish):
    for n in range(7):
        publish(build_brief(title=f"Brief {n}", date=datetime.date(2023, 2, 1 + n % 3)))
    everything = get(client, "/api/v1/briefs", limit=100)["results"]
    assert len(everything) == 7
    dates = [b["date"] for b in everything]
    assert dates == sorted(dates, reverse=True)
    assert walk(client, "/api/v1/briefs", limit=2) == everything
    # The cursor keeps the filters: the next link carries them.
    pk = walk(client, "/api/v1/briefs", limit=1, **{"from": "2023-02-02"})
    assert [b["title"] for b in pk] == [b["title"] for b in everything if b["date"] >= "2023-02-02"]


def test_an_unchanged_answer_is_a_304_for_its_etag(client, incidents):
    response = client.get("/api/v1/events")
    etag = response["ETag"]
    assert etag
    assert client.get("/api/v1/events", HTTP_IF_NONE_MATCH=etag).status_code == 304
    incidents["kabul"].title = "Kabul foreign ministry bombing"
    incidents["kabul"].save()
    assert client.get("/api/v1/events", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_api_answers_are_cached_like_public_pages(client, settings, incidents):
    for url in ["/api/v1/events", "/api/v1/openapi.json", "/api/v1/docs", "/api/v1/events/nope"]:
        cache = client.get(url)["Cache-Control"]
        assert "public" in cache and f"s-maxage={settings.PUBLIC_CACHE_SECONDS}" in cache, url


def test_cors_allows_any_origin_to_read_the_api_and_nothing_else(client, incidents):
    origin = {"HTTP_ORIGIN": "https://research.example.edu"}
    response = client.get("/api/v1/events", **origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    # The proxy keys its cache on the address and honours Vary: a copy stored for a
    # request without Origin (so without the header) is never served to a browser's
    # cross-origin request.
    assert "origin" in client.get("/api/v1/events")["Vary"].lower()
    etag = response["ETag"]
    not_modified = client.get("/api/v1/events", HTTP_IF_NONE_MATCH=etag, **origin)
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/events",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **origin,
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    for url in ["/briefs/", "/admin/login/", "/events/"]:
        assert "Access-Control-Allow-Origin" not in client.get(url, **origin), url


def test_the_api_is_read_only(client, incidents):
    for url in ["/api/v1/", "/api/v1/events", f"/api/v1/events/{incidents['kabul'].slug}"]:
        assert client.head(url).status_code == 200, url
    for method in ["post", "put", "patch", "delete"]:
        assert getattr(client, method)("/api/v1/events").status_code == 405, method


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("from=2023-13-01", "from", "a date written YYYY-MM-DD"),
        ("to=yesterday", "to", "a date written YYYY-MM-DD"),
        ("from=2023-03-01&to=2023-02-01", "to", "is before 'from' (2023-03-01)"),
        ("limit=0", "limit", "greater than or equal to 1"),
        ("limit=1000", "limit", "less than or equal to 100"),
        ("limit=ten", "limit", "a whole number"),
        ("cursor=abc", "cursor", "not a cursor of this list"),
        ("country=XX", "country", "ISO 3166-1 alpha-2 or alpha-3 code"),
        ("country=586", "country", "ISO 3166-1 alpha-2 or alpha-3 code"),
        ("organisation=no-such-group", "organisation", "not the slug of an organisation"),
        ("event_type=Bombing", "event_type", "Battles"),
        ("contry=PK", "contry", "not a parameter of this endpoint"),
    ],
)
def test_a_bad_query_value_is_a_400_that_names_it(client, incidents, query, parameter, words):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 400
    data = response.json()
    assert data["errors"][0]["parameter"] == parameter
    assert words in data["detail"], data["detail"]
    assert data["detail"].startswith(f"Bad value for “{parameter}”")


def test_a_cursor_of_another_list_or_edited_is_a_400(client, incidents):
    for n in range(3):
        OrganisationFactory(name=f"Org {n}")
    cursor = get(client, "/api/v1/organisations", limit=1)["next"].split("cursor=")[1]
    assert client.get(f"/api/v1/events?cursor={cursor}").status_code == 400
    assert client.get(f"/api/v1/organisations?cursor={cursor[:-2]}xx").status_code == 400
    assert client.get(f"/api/v1/organisations?cursor={cursor}").status_code == 200


def test_unknown_and_former_slugs(client, incidents):
    assert client.get("/api/v1/organisations/no-such-group").status_code == 404
    assert client.get("/api/v1/events/PAK-999999").status_code == 404
    assert client.get("/api/v1/briefs/no-such-brief").json() == {
        "detail": "Not found.",
        "errors": [],
    }
    ttp = Organisation.objects.get(slug="ttp-test")
    ttp.slug = "tehrik-i-taliban-pakistan-test"
    ttp.save()
    moved = client.get("/api/v1/organisations/ttp-test")
    assert moved.status_code == 301
    assert moved["Location"] == "/api/v1/organisations/tehrik-i-taliban-pakistan-test"
    # A filter takes the former slug too.
    assert len(get(client, "/api/v1/events", organisation="ttp-test")["results"]) == 2


@pytest.mark.parametrize(
    ("url", "parameter", "words"),
    [
        ("/api/v1/people/someone?as_of=2023-02-30", "as_of", "a date written YYYY-MM-DD"),
        ("/api/v1/people?as_of=22/02/2023", "as_of", "a date written YYYY-MM-DD"),
        ("/api/v1/briefs?country=Pakistan", "country", "ISO 3166-1 alpha-2 or alpha-3 code"),
        ("/api/v1/briefs?tags=pakistan", "tags", "it takes country, cursor, from"),
        ("/api/v1/organisations?kind=cult", "kind", "'militant'"),
        ("/api/v1/designations?jurisdiction=XX", "jurisdiction", "'US-FTO'"),
        ("/api/v1/events/PAK-1?format=csv", "format", "it takes none"),
        ("/api/v1/relationships?limit=-1", "limit", "greater than or equal to 1"),
    ],
)
def test_every_endpoint_answers_a_bad_value_with_a_400(client, url, parameter, words):
    response = client.get(url)
    assert response.status_code == 400, url
    assert response.json()["errors"][0]["parameter"] == parameter
    assert words in response.json()["detail"], response.json()["detail"]
