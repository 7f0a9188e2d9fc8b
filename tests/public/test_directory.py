"""The index pages of the registry: /organisations/, /actors/, /events/ — filters,
pages, and what each costs in SQL, exactly, however many rows there are."""

import datetime

import pytest

from actors.models import EventClaim
from tests.factories import ActorFactory, EventFactory, OrganisationFactory, RoleFactory

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    import re

    return re.findall(r'class="directory__name" href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def registry(db):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", abbreviation="TTP", country="PK")
    isi = OrganisationFactory(name="Inter-Services Intelligence", kind="intelligence", country="PK")
    taliban = OrganisationFactory(name="Afghan Taliban", country="AF")
    asif = ActorFactory(name="Khawaja Muhammad Asif", nationality="PK")
    RoleFactory(actor=asif, organisation=isi, title="Adviser", start=datetime.date(2015, 1, 1))
    haqqani = ActorFactory(name="Sirajuddin Haqqani", nationality="AF")
    RoleFactory(actor=haqqani, organisation=taliban, title="Interior Minister")
    karachi = EventFactory(
        title="Attack on the Karachi police office",
        date=datetime.date(2023, 2, 17),
        event_type="Violence against civilians",
        killed_best=4,
    )
    EventClaim.objects.create(event=karachi, organisation=ttp)
    EventFactory(
        title="Delegation visits Kabul",
        date=datetime.date(2023, 2, 22),
        country="AF",
        location="Kabul",
        kind="meeting",
    )
    EventFactory(
        title="Blast in Peshawar",
        date=datetime.date(2022, 1, 30),
        event_type="Explosions/Remote violence",
    )
    return {"ttp": ttp, "isi": isi, "taliban": taliban}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/organisations/",
            ["Afghan Taliban", "Inter-Services Intelligence", "Tehrik-i-Taliban Pakistan"],
        ),
        ("/organisations/?kind=intelligence", ["Inter-Services Intelligence"]),
        (
            "/organisations/?country=pk",
            ["Inter-Services Intelligence", "Tehrik-i-Taliban Pakistan"],
        ),
        (
            "/organisations/?kind=nonsense&country=XX",
            ["Afghan Taliban", "Inter-Services Intelligence", "Tehrik-i-Taliban Pakistan"],
        ),
        ("/actors/", ["Khawaja Muhammad Asif", "Sirajuddin Haqqani"]),
        ("/actors/?country=AF", ["Sirajuddin Haqqani"]),
        ("/actors/?organisation=inter-services-intelligence", ["Khawaja Muhammad Asif"]),
        ("/actors/?organisation=nobody", []),
        (
            "/events/",
            ["Delegation visits Kabul", "Attack on the Karachi police office", "Blast in Peshawar"],
        ),
        ("/events/?year=2022", ["Blast in Peshawar"]),
        ("/events/?country=AF", ["Delegation visits Kabul"]),
        ("/events/?type=Explosions/Remote+violence", ["Blast in Peshawar"]),
        (
            "/events/?type=Violence+against+civilians&year=2023&country=PK",
            ["Attack on the Karachi police office"],
        ),
        (
            "/events/?organisation=tehrik-i-taliban-pakistan",
            ["Attack on the Karachi police office"],
        ),
        (
            "/events/?year=20x2",
            ["Delegation visits Kabul", "Attack on the Karachi police office", "Blast in Peshawar"],
        ),
    ],
)
def test_filters(client, registry, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert names(response.content.decode()) == expected


def test_the_pages_show_what_they_are_filtered_by(client, registry):
    html = client.get(
        "/actors/?organisation=inter-services-intelligence&country=PK"
    ).content.decode()
    assert "in Inter-Services Intelligence, from Pakistan" in html
    assert "Adviser, Inter-Services Intelligence" in html
    html = client.get("/events/?country=PK&year=2023").content.decode()
    assert "in Pakistan, in 2023" in html
    assert "Killed: 4 · Injured: not known" in html  # unknown is not zero
    assert '<option value="2022">2022</option>' in html
    assert 'href="/feeds/briefs/countries/PK/"' in html  # rel=alternate and the link


def test_pages_and_the_end(client, registry):
    for n in range(30):
        OrganisationFactory(name=f"Group {n:02}")
    first = client.get("/organisations/").content.decode()
    second = client.get("/organisations/?page=2").content.decode()
    assert len(names(first)) == 24 and 'rel="next"' in first
    assert len(names(second)) == 33 - 24 and 'rel="next"' not in second
    assert not set(names(first)) & set(names(second))
    assert client.get("/organisations/?page=3").status_code == 404
    assert client.get("/organisations/?page=x").status_code == 404


# Each list: its rows, in one query (their roles for people, in the same one); the
# events' list also reads the years of its filter; a list filtered by organisation
# reads that organisation.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/organisations/", 1),
        ("/organisations/?kind=militant&country=PK&page=1", 1),
        ("/actors/", 1),
        ("/actors/?organisation=inter-services-intelligence&country=PK", 2),
        ("/events/", 2),
        ("/events/?type=Explosions/Remote+violence&country=PK&year=2022", 2),
        ("/events/?organisation=tehrik-i-taliban-pakistan", 3),
    ],
)
def test_index_pages_cost_a_fixed_number_of_queries(
    client, registry, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    for n in range(40):  # more rows cost nothing more
        event = EventFactory(title=f"Incident {n}", date=datetime.date(2021, 1, 1))
        EventClaim.objects.create(event=event, organisation=registry["ttp"])
        RoleFactory(actor=ActorFactory(), organisation=registry["isi"])
        OrganisationFactory(country="PK")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_site_navigation_leads_to_the_index_pages(client, registry):
    html = client.get("/").content.decode()
    for url in ("/organisations/", "/actors/", "/events/"):
        assert f'href="{url}"' in html


def test_an_events_page_shows_its_place_and_codebook_fields(client):
    event = EventFactory(
        title="Attack on the Karachi police office",
        location="Saddar",
        admin2="Karachi South",
        admin1="Sindh",
        latitude="24.86080",
        longitude="67.01040",
        geo_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        civilian_targeting=True,
        killed_best=4,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'data-longitude="67.01040">24.86080, 67.01040</span>' in html
    assert "(24.86080° N, 67.01040° E)" in html
    assert "(geo precision 1: " in html
    for text in ("Saddar", "Karachi South", "Sindh"):
        assert f"<dd>{text}</dd>" in html
    assert "<dd>Violence against civilians: Attack <span" in html
    assert "<dt>Injured</dt><dd>unknown</dd>" in html  # unknown is not zero
    assert f"<code>{event.public_id}</code>" in html
    assert 'href="/feeds/briefs/countries/PK/"' in html
