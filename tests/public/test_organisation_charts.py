"""An organisation's page: its events and casualties by month, drawn as SVG on the
server, with the same figures as a table, and its relationships over time."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from actors.dates import Precision
from actors.models import EventClaim, EventOrganisation, EventParty
from tests.factories import EventFactory, OrganisationFactory, RelationshipFactory

pytestmark = pytest.mark.django_db


class _Figures(HTMLParser):
    """The chart's months (from each bar's data attributes and title) and the table's rows."""

    def __init__(self):
        super().__init__()
        self.chart: dict[str, dict] = {}
        self.table: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        self._month = None
        self._row = None
        self._cell = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "g" and "chart__month" in attrs.get("class", ""):
            self._month = attrs["data-month"]
            self.chart[self._month] = {
                key[5:]: int(value)
                for key, value in attrs.items()
                if key.startswith("data-") and key != "data-month"
            }
        elif tag == "title" and self._month:
            self._in_title = True
        elif tag == "tr" and "data-month" in attrs:
            self._row = attrs["data-month"]
            self.table[self._row] = []
        elif tag in ("th", "td") and self._row:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "g":
            self._month = None
        elif tag == "title":
            self._in_title = False
        elif tag in ("th", "td") and self._row and self._cell is not None:
            self.table[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._in_title and self._month:
            self.titles[self._month] = self.titles.get(self._month, "") + data
        if self._cell is not None:
            self._cell.append(data)


def _figures(client, organisation) -> _Figures:
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    parser = _Figures()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def ttp(db):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", abbreviation="TTP")
    karachi = EventFactory(
        title="Attack on the Karachi police office",
        date=datetime.date(2023, 2, 17),
        killed_best=4,
        injured_best=14,
    )
    EventParty.objects.create(event=karachi, organisation=ttp, actor_type=2)
    EventClaim.objects.create(event=karachi, organisation=ttp)  # linked twice: counted once
    peshawar = EventFactory(title="Blast in Peshawar", date=datetime.date(2023, 2, 3))
    EventClaim.objects.create(event=peshawar, organisation=ttp)  # toll not known
    bannu = EventFactory(
        title="Raid in Bannu",
        date=datetime.date(2023, 5, 1),
        date_precision=Precision.MONTH,
        killed_best=0,
        injured_best=2,
    )
    EventOrganisation.objects.create(
        event=bannu, organisation=ttp, part=EventOrganisation.Part.TARGET
    )
    some_year = EventFactory(
        title="Some attack in 2022",
        date=datetime.date(2022, 1, 1),
        date_precision=Precision.YEAR,
        killed_best=9,
    )
    EventParty.objects.create(event=some_year, organisation=ttp, actor_type=2)
    # Another group's event is not the TTP's.
    other = EventFactory(
        title="Other group's attack", date=datetime.date(2023, 3, 9), killed_best=7
    )
    EventParty.objects.create(event=other, organisation=OrganisationFactory(), actor_type=2)
    return ttp


def test_the_charts_figures_equal_the_tables_and_the_events(client, ttp):
    found = _figures(client, ttp)
    # From the events themselves: February has the Karachi attack (4 killed, 14
    # injured) and the Peshawar blast (toll not known); March and April none; May the
    # Bannu raid (0 killed, 2 injured). The 2022 attack is known only to the year.
    expected = {
        "2023-02": {
            "events": 2,
            "killed": 4,
            "injured": 14,
            "killed-unknown": 1,
            "injured-unknown": 1,
        },
        "2023-03": {
            "events": 0,
            "killed": 0,
            "injured": 0,
            "killed-unknown": 0,
            "injured-unknown": 0,
        },
        "2023-04": {
            "events": 0,
            "killed": 0,
            "injured": 0,
            "killed-unknown": 0,
            "injured-unknown": 0,
        },
        "2023-05": {
            "events": 1,
            "killed": 0,
            "injured": 2,
            "killed-unknown": 0,
            "injured-unknown": 0,
        },
    }
    assert found.chart == expected
    table = {
        month: {
            "events": int(cells[1]),
            "killed": int(cells[2].split()[0]),
            "injured": int(cells[3].split()[0]),
            "killed-unknown": int(re.search(r"\((\d+) not known", cells[2])[1])
            if "not known" in cells[2]
            else 0,
            "injured-unknown": int(re.search(r"\((\d+) not known", cells[3])[1])
            if "not known" in cells[3]
            else 0,
        }
        for month, cells in found.table.items()
    }
    assert table == found.chart
    assert found.table["2023-02"][0] == "February 2023"
    assert found.titles["2023-02"] == (
        "February 2023: 2 events, 4 killed (1 with the number not known), "
        "14 injured (1 with the number not known)"
    )
    html = client.get(ttp.get_absolute_url()).content.decode()
    assert "1 event known only to the year is not shown." in html
    assert "<script" not in html


def test_bar_heights_follow_the_figures(client, ttp):
    html = client.get(ttp.get_absolute_url()).content.decode()
    bars = dict(
        re.findall(
            r'data-month="(2023-0\d)"[^>]*>.*?class="chart__events"[^>]*height="([\d.]+)"', html
        )
    )
    assert float(bars["2023-02"]) == 2 * float(bars["2023-05"]) > 0
    assert float(bars["2023-03"]) == 0


def test_an_organisation_without_events_has_no_chart(client):
    quiet = OrganisationFactory()
    html = client.get(quiet.get_absolute_url()).content.decode()
    assert 'class="chart' not in html
    assert "Events and casualties by month" not in html


def test_relationships_over_time_say_only_what_is_known(client, ttp):
    isk = OrganisationFactory(name="Islamic State Khorasan Province")
    RelationshipFactory(
        subject=ttp,
        other=isk,
        kind="rival",
        start=datetime.date(2015, 1, 1),
        start_precision=Precision.YEAR,
    )
    afghan = OrganisationFactory(name="Afghan Taliban")
    RelationshipFactory(
        subject=ttp,
        other=afghan,
        kind="ally",
        end=datetime.date(2021, 8, 1),
        end_precision=Precision.MONTH,
    )
    html = client.get(ttp.get_absolute_url()).content.decode()
    bars = re.findall(
        r'<g class="timeline-bar" data-kind="(\w+)" data-start="([\d-]*)" '
        r'data-end="([\d-]*)"><title>([^<]*)</title>',
        html,
    )
    assert sorted(bars) == [
        ("ally", "", "2021-08-01", "Ally of Afghan Taliban: start not known – August 2021"),
        ("rival", "2015-01-01", "", "Rival of Islamic State Khorasan Province: 2015 – present"),
    ]
    # A start known to the year is drawn lighter for that year; an unknown one fades in.
    assert "timeline-bar__fuzzy" in html and "timeline-bar__open" in html


def test_the_organisations_events_list_is_bounded(client, ttp, django_assert_num_queries):
    for n in range(25):
        event = EventFactory(title=f"Incident {n:02}", date=datetime.date(2024, 1, 1 + n))
        EventClaim.objects.create(event=event, organisation=ttp)
    html = client.get(ttp.get_absolute_url()).content.decode()
    assert html.count('class="timeline__item"') == 20
    assert "Incident 24" in html and "Incident 04" not in html.split("organisation-events")[1]
    assert f"/events/?organisation={ttp.slug}" in html
