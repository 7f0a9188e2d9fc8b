"""The open data at /data/: the page, the files' columns and the demo rows, the
filters and their 400s, what the files never show, and their query counts."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Event, EventClaim, EventParty, EventSource
from briefs.models import BriefEvent, SiteSettings
from briefs.publishing import workflow
from tests.factories import EventFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

ACLED = (
    "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, "
    "sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, "
    "interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3, "
    "location, latitude, longitude, geo_precision, source, source_scale, notes, "
    "fatalities, tags, timestamp"
).split(", ")
OURS = [
    "injured",
    "fatalities_low",
    "fatalities_high",
    "injured_low",
    "injured_high",
    "fatalities_victims",
    "fatalities_perpetrators",
    "date_precision",
    "end_date",
    "claim",
    "claimed_by",
    "competing_claims",
    "certainty",
    "title",
    "event_url",
    "brief_urls",
]
SITE = "http://127.0.0.1:8000"
KABUL_BRIEF = f"{SITE}/briefs/pakistani-delegation-visit-to-kabul/"


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def csv_rows(client, path) -> tuple[list[str], list[dict]]:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.reader(io.StringIO(body(response)))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def json_doc(client, path) -> dict:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "application/json"
    return json.loads(body(response))


@pytest.fixture
def demo(demo_registry):
    return demo_registry


# -- the page ------------------------------------------------------------------------


def test_the_data_page_explains_every_file_licence_and_citation(client, demo):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["events", "organisations", "people", "relationships", "designations"]:
        assert f'href="/data/{name}.csv"' in html and f'href="/data/{name}.json"' in html
    for column in ACLED + OURS:
        assert f"<code>{column}</code>" in html, column
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html
    assert "How to cite" in html and "Terrorism Analysis Platform, Open data" in html
    assert "s-maxage=" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_every_page_links_the_data_page_from_its_footer(client, demo):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/data/">Open data</a>' in footer


def test_the_licence_is_a_site_setting_edited_in_the_admin(client, django_user_model, demo):
    # Site settings are an administrator's (editors and analysts may not change them).
    editor = client
    editor.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    url = "/admin/briefs/sitesettings/1/change/"
    SiteSettings.current()
    form = editor.get(url)
    assert form.status_code == 200
    assert b'name="data_licence"' in form.content
    row = SiteSettings.current()
    response = editor.post(
        url,
        {
            "disclaimer": row.disclaimer,
            "copyright": row.copyright,
            "data_licence": "ODC-By 1.0",
            "data_licence_url": "https://opendatacommons.org/licenses/by/1-0/",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    editor.logout()
    html = client.get("/data/").content.decode()
    assert (
        'href="https://opendatacommons.org/licenses/by/1-0/" rel="license">ODC-By 1.0</a>' in html
    )
    doc = json_doc(client, "/data/designations.json")
    assert doc["licence"] == "ODC-By 1.0"
    response = client.get("/data/events.csv")
    assert response["Link"] == '<https://opendatacommons.org/licenses/by/1-0/>; rel="license"'


# -- events --------------------------------------------------------------------------


def test_events_csv_has_acleds_columns_in_acleds_order_then_ours(client, demo):
    header, rows = csv_rows(client, "/data/events.csv")
    assert header == ACLED + OURS
    assert [r["event_id_cnty"] for r in rows] == ["PAK-1", "DEU-1", "AFG-1"]  # oldest first


def test_the_karachi_attack_as_a_csv_row(client, demo):
    _, rows = csv_rows(client, "/data/events.csv")
    row = rows[0]
    timestamp = row.pop("timestamp")
    notes = row.pop("notes")
    assert row == {
        "event_id_cnty": "PAK-1",
        "event_date": "2023-02-17",
        "year": "2023",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Tehrik-i-Taliban Pakistan",
        "assoc_actor_1": "",
        "inter1": "2",
        "actor2": "Police Forces of Pakistan",
        "assoc_actor_2": "",
        "inter2": "1",
        "interaction": "12",
        "civilian_targeting": "",
        "iso": "586",
        "region": "South Asia",
        "country": "Pakistan",
        "admin1": "Sindh",
        "admin2": "Karachi South",
        "admin3": "",
        "location": "Karachi",
        "latitude": "24.86080",
        "longitude": "67.01040",
        "geo_precision": "1",
        "source": "The Express Tribune; Dawn",
        "source_scale": "National",
        "fatalities": "4",
        "tags": "Karachi; TTP",
        "injured": "14",
        "fatalities_low": "",
        "fatalities_high": "",
        "injured_low": "",
        "injured_high": "",
        "fatalities_victims": "",
        "fatalities_perpetrators": "",
        "date_precision": "day",
        "end_date": "",
        "claim": "claimed",
        "claimed_by": "Tehrik-i-Taliban Pakistan (statement)",
        "competing_claims": "false",
        "certainty": "confirmed",
        "title": "Attack on the Karachi Police Office",
        "event_url": f"{SITE}/events/karachi-police-office-attack-2023/",
        "brief_urls": KABUL_BRIEF,
    }
    assert notes.startswith("Armed militants attacked the headquarters of the Karachi police")
    saved = Event.history.filter(public_id="PAK-1").latest("history_date").history_date
    assert int(timestamp) == int(saved.timestamp())


def test_unknown_figures_are_empty_never_zero(client, demo):
    _, rows = csv_rows(client, "/data/events.csv")
    munich = rows[1]
    assert munich["event_id_cnty"] == "DEU-1"
    assert munich["fatalities"] == "" and munich["injured"] == ""
    assert munich["event_type"] == "" and munich["disorder_type"] == "" and munich["actor1"] == ""
    assert munich["region"] == "Europe" and munich["iso"] == "276"
    assert munich["source_scale"] == "International"
    doc = json_doc(client, "/data/events.json")
    assert doc["data"][1]["fatalities"] is None and doc["data"][1]["injured"] is None
    assert doc["data"][1]["interaction"] is None


def test_events_json_has_the_same_rows_typed(client, demo):
    doc = json_doc(client, "/data/events.json")
    assert doc["columns"] == ACLED + OURS
    assert doc["licence"] == "CC BY 4.0"
    assert doc["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert doc["documentation"] == f"{SITE}/data/"
    karachi = doc["data"][0]
    assert list(karachi) == ACLED + OURS
    assert karachi["event_id_cnty"] == "PAK-1"
    assert karachi["fatalities"] == 4 and karachi["injured"] == 14
    assert karachi["interaction"] == 12 and karachi["inter1"] == 2 and karachi["iso"] == 586
    assert karachi["latitude"] == 24.8608 and karachi["longitude"] == 67.0104
    assert karachi["competing_claims"] is False
    assert karachi["claimed_by"] == ["Tehrik-i-Taliban Pakistan (statement)"]
    assert karachi["brief_urls"] == [KABUL_BRIEF]
    assert [e["event_id_cnty"] for e in doc["data"]] == ["PAK-1", "DEU-1", "AFG-1"]
    _, rows = csv_rows(client, "/data/events.csv")
    assert [r["title"] for r in rows] == [e["title"] for e in doc["data"]]


def test_associated_actors_ranges_and_split_are_exported(client, demo):
    ttp = demo["tehrik-i-taliban-pakistan"]
    haqqani = demo["haqqani-network"]
    event = EventFactory(
        title="Ambush",
        date=datetime.date(2024, 5, 3),
        end_date=datetime.date(2024, 5, 4),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        civilian_targeting=True,
        killed_best=5,
        killed_low=4,
        killed_high=7,
        killed_victims=3,
        killed_perpetrators=2,
        injured_best=0,
        competing_claims=True,
        claim="claimed",
        attribution="suspected",
    )
    EventParty.objects.create(event=event, side=1, organisation=ttp, actor_type=2)
    EventParty.objects.create(
        event=event, side=1, associated=True, organisation=haqqani, actor_type=3
    )
    EventParty.objects.create(event=event, side=2, category="civilians", actor_type=7)
    EventClaim.objects.create(event=event, organisation=ttp, mode="video")
    EventClaim.objects.create(event=event, organisation=haqqani)
    EventSource.objects.create(event=event, outlet="Dawn", title="Report", scale="National")
    EventSource.objects.create(event=event, outlet="BBC", title="Report", scale="International")
    _, rows = csv_rows(client, "/data/events.csv?from=2024-01-01")
    [row] = rows
    assert row["event_id_cnty"] == "PAK-2"
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Tehrik-i-Taliban Pakistan",
        "Haqqani Network",
        "2",
    )
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Pakistan)", "7", "27")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["disorder_type"] == "Political violence"
    assert row["time_precision"] == "2" and row["end_date"] == "2024-05-04"
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == ("5", "4", "7")
    assert (row["fatalities_victims"], row["fatalities_perpetrators"]) == ("3", "2")
    assert row["injured"] == "0"  # known to be none: 0, not empty
    assert row["claimed_by"] == "Tehrik-i-Taliban Pakistan (video); Haqqani Network"
    assert (row["competing_claims"], row["certainty"]) == ("true", "suspected")
    assert row["source"] == "Dawn; BBC" and row["source_scale"] == "National-International"
    assert row["brief_urls"] == ""


# -- filters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("country=PK", ["PAK-1"]),
        ("country=pak", ["PAK-1"]),
        ("country=AFG", ["AFG-1"]),
        ("country=IR", []),
        ("from=2023-02-18", ["DEU-1", "AFG-1"]),
        ("to=2023-02-18", ["PAK-1", "DEU-1"]),
        ("from=2023-02-18&to=2023-02-18", ["DEU-1"]),
        ("type=Battles", ["PAK-1"]),
        ("type=Protests", []),
        ("organisation=tehrik-i-taliban-pakistan", ["PAK-1"]),
        ("organisation=pakistan-ministry-of-foreign-affairs", ["DEU-1", "AFG-1"]),
        ("organisation=inter-services-intelligence&country=AF", ["AFG-1"]),
        ("organisation=haqqani-network", []),
        ("country=PK&type=Battles&from=2023-01-01&to=2023-12-31", ["PAK-1"]),
    ],
)
def test_events_filters(client, demo, query, ids):
    _, rows = csv_rows(client, f"/data/events.csv?{query}")
    assert [r["event_id_cnty"] for r in rows] == ids
    doc = json_doc(client, f"/data/events.json?{query}")
    assert [e["event_id_cnty"] for e in doc["data"]] == ids


def test_a_claim_alone_puts_the_event_in_the_organisations_file(client, demo):
    event = Event.objects.get(public_id="AFG-1")
    EventClaim.objects.create(event=event, organisation=demo["haqqani-network"])
    _, rows = csv_rows(client, "/data/events.csv?organisation=haqqani-network")
    assert [r["event_id_cnty"] for r in rows] == ["AFG-1"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=Pakistan", "&#x27;country&#x27; must be an ISO 3166-1 alpha-2 or alpha-3 code"),
        ("country=XX", "not &#x27;XX&#x27;"),
        ("country=586", "alpha-3 code"),
        ("from=2023-02-30", "&#x27;from&#x27; must be a day as YYYY-MM-DD"),
        ("to=yesterday", "&#x27;to&#x27; must be a day as YYYY-MM-DD"),
        ("from=2023-03-01&to=2023-02-01", "&#x27;to&#x27; is before &#x27;from&#x27;"),
        ("type=battles", "&#x27;type&#x27; must be one of ACLED&#x27;s event types"),
        ("organisation=no-such-group", "is not the slug of an organisation"),
        ("contry=PK", "Unknown parameter &#x27;contry&#x27;"),
        ("country=PK&country=AF", "Give &#x27;country&#x27; once"),
    ],
)
def test_bad_filters_answer_400_with_the_reason(client, demo, query, message):
    response = client.get(f"/data/events.csv?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Nothing was exported" in html and 'href="/data/#filters"' in html
    response = client.get(f"/data/events.json?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_the_registry_files_take_no_filters(client, demo):
    response = client.get("/data/organisations.json?country=PK")
    assert response.status_code == 400
    assert "This file accepts: none" in response.json()["error"]


# -- the registry files --------------------------------------------------------------


def test_organisations_with_aliases_and_designations(client, demo):
    header, rows = csv_rows(client, "/data/organisations.csv")
    assert header[:4] == ["slug", "name", "abbreviation", "aliases"]
    assert len(rows) == 15
    ttp = next(r for r in rows if r["slug"] == "tehrik-i-taliban-pakistan")
    assert ttp["name"] == "Tehrik-i-Taliban Pakistan" and ttp["abbreviation"] == "TTP"
    assert ttp["aliases"].startswith("Tahrik-e-Taliban-e-Pakistan; Tehreek-e-Taliban Pakistan")
    assert "تحریک طالبان پاکستان" in ttp["aliases"]
    assert (ttp["kind"], ttp["country"], ttp["parent"]) == ("militant", "PK", "")
    assert (ttp["founded"], ttp["founded_precision"]) == ("2007-12-01", "month")
    assert (ttp["dissolved"], ttp["dissolved_precision"]) == ("", "")
    assert ttp["designations"] == "PK; US-FTO; US-SDGT; GB; UN-1267"
    assert ttp["url"] == f"{SITE}/organisations/tehrik-i-taliban-pakistan/"
    isi = next(r for r in rows if r["slug"] == "inter-services-intelligence")
    assert isi["parent"] == "government-of-pakistan" and isi["designations"] == ""
    doc = json_doc(client, "/data/organisations.json")
    ttp = next(o for o in doc["data"] if o["slug"] == "tehrik-i-taliban-pakistan")
    assert ttp["designations"] == ["PK", "US-FTO", "US-SDGT", "GB", "UN-1267"]
    assert "Pakistani Taliban" in ttp["aliases"] and ttp["dissolved"] is None


def test_people_with_their_roles(client, demo):
    _, rows = csv_rows(client, "/data/people.csv")
    assert len(rows) == 13
    asif = next(r for r in rows if r["slug"] == "khawaja-muhammad-asif")
    assert asif["aliases"] == "Khawaja Asif; خواجہ محمد آصف" and asif["nationality"] == "PK"
    assert asif["roles"] == (
        "Defence Minister, Ministry of Defence (Pakistan) (June 2013 – July 2017); "
        "Foreign Minister, Ministry of Foreign Affairs (Pakistan) (August 2017 – April 2018); "
        "Defence Minister, Ministry of Defence (Pakistan) (April 2022 – August 2023); "
        "Defence Minister, Ministry of Defence (Pakistan) (March 2024 – present)"
    )
    doc = json_doc(client, "/data/people.json")
    asif = next(p for p in doc["data"] if p["slug"] == "khawaja-muhammad-asif")
    assert asif["roles"][-1] == {
        "title": "Defence Minister",
        "organisation": "pakistan-ministry-of-defence",
        "rank": "leader",
        "start": "2024-03-01",
        "start_precision": "month",
        "end": None,
        "end_precision": None,
    }


def test_relationships_and_designations(client, demo):
    _, rows = csv_rows(client, "/data/relationships.csv")
    assert [(r["subject"], r["kind"], r["other"]) for r in rows] == [
        ("haqqani-network", "affiliate", "afghan-taliban"),
        ("islamic-state-khorasan-province", "rival", "afghan-taliban"),
        ("national-resistance-front", "rival", "afghan-taliban"),
        ("tehrik-i-taliban-pakistan", "ally", "afghan-taliban"),
    ]
    ttp = rows[3]
    assert (ttp["start"], ttp["start_precision"], ttp["end"]) == ("2007-01-01", "year", "")
    assert ttp["source_url"] == "https://www.un.org/securitycouncil/sanctions/1988"
    _, rows = csv_rows(client, "/data/designations.csv")
    assert [r["list"] for r in rows] == ["PK", "US-FTO", "US-SDGT", "GB", "UN-1267"]
    gb = rows[3]
    assert gb["organisation"] == "tehrik-i-taliban-pakistan"
    assert gb["list_name"] == "United Kingdom: proscribed organisation (Terrorism Act 2000)"
    assert (gb["listed"], gb["listed_precision"], gb["delisted"]) == ("2011-01-01", "month", "")
    assert gb["source"] == "Home Office: proscribed terrorist groups or organisations"


# -- what the files never show -------------------------------------------------------


@pytest.fixture
def linked_briefs(demo, editor, analyst):
    """The Karachi attack covered by a draft, a brief in review, a withdrawn and a
    scheduled brief besides the live demo brief."""
    event = Event.objects.get(public_id="PAK-1")

    def brief(state):
        made = build_brief(title=f"Secret {state} brief", events=[event])
        return made

    brief("draft")
    workflow.submit_for_review(brief("review"), by=analyst)
    withdrawn = brief("withdrawn")
    workflow.submit_for_review(withdrawn, by=editor)
    workflow.publish(withdrawn, by=editor)
    workflow.withdraw(withdrawn, by=editor, comment="Withdrawn for the test")
    scheduled = brief("scheduled")
    workflow.submit_for_review(scheduled, by=editor)
    workflow.publish(
        scheduled, by=editor, at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    )
    assert BriefEvent.objects.filter(event=event).count() == 5
    return event


def test_only_live_briefs_are_linked_from_the_events(client, linked_briefs):
    _, rows = csv_rows(client, "/data/events.csv")
    assert rows[0]["brief_urls"] == KABUL_BRIEF
    doc = json_doc(client, "/data/events.json")
    assert doc["data"][0]["brief_urls"] == [KABUL_BRIEF]
    for path in ["/data/events.csv", "/data/events.json", "/data/"]:
        response = client.get(path)
        text = body(response) if response.streaming else response.content.decode()
        assert "secret" not in text.lower(), path


def test_a_brief_goes_from_the_file_when_withdrawn(client, demo, editor):
    from briefs.models import Brief

    workflow.withdraw(
        Brief.objects.get(slug="pakistani-delegation-visit-to-kabul"), by=editor, comment="Test"
    )
    _, rows = csv_rows(client, "/data/events.csv")
    assert [r["brief_urls"] for r in rows] == ["", "", ""]


# -- costs ---------------------------------------------------------------------------


def add_events(n: int, brief_slug="pakistani-delegation-visit-to-kabul"):
    """n more events with every part a row reads, covered by the live demo brief."""
    from briefs.models import Publication

    ttp = OrganisationFactory(name="Group for the count")
    live = Publication.objects.live().get(slug=brief_slug)
    for i in range(n):
        event = EventFactory(killed_best=i, event_type="Battles", sub_event_type="Armed clash")
        EventParty.objects.create(event=event, side=1, organisation=ttp, actor_type=2)
        EventParty.objects.create(
            event=event, side=1, associated=True, category="police", actor_type=1
        )
        EventParty.objects.create(event=event, side=2, category="military", actor_type=1)
        EventClaim.objects.create(event=event, organisation=ttp, mode="statement")
        EventSource.objects.create(event=event, outlet="Dawn", title="Report", scale="Local")
        event.tags.add(f"tag {i}", "common")
        live.events.add(event)


def count_queries(client, path) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        text = body(response)
    return len(queries), text.count("\n")


# The settings (licence) and the events: one server-side cursor, each event's actors,
# claims, sources, tags and live briefs aggregated in its own row.
EVENT_QUERIES = 2
REGISTRY_QUERIES = {"organisations": 2, "people": 3, "relationships": 2, "designations": 2}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_events_query_count_does_not_grow_with_the_events(client, demo, fmt):
    before, lines = count_queries(client, f"/data/events.{fmt}")
    assert before == EVENT_QUERIES
    add_events(12)
    after, more_lines = count_queries(client, f"/data/events.{fmt}")
    assert after == EVENT_QUERIES
    assert more_lines == lines + 12


@pytest.mark.parametrize("name", list(REGISTRY_QUERIES))
def test_registry_query_counts(client, demo, name):
    queries, _ = count_queries(client, f"/data/{name}.csv")
    assert queries == REGISTRY_QUERIES[name]
    queries, _ = count_queries(client, f"/data/{name}.json")
    assert queries == REGISTRY_QUERIES[name]


def test_files_are_cached_like_public_pages_and_named(client, demo):
    response = client.get("/data/events.csv")
    assert response.streaming
    cache = response["Cache-Control"]
    assert "public" in cache and "s-maxage=" in cache and "max-age=0" in cache
    assert response["Content-Disposition"] == 'attachment; filename="tap-events.csv"'
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    body(response)
