"""An organisation's page in a real browser (Debian's chromium through Playwright) at
phone and desktop widths: its chart of events by month and its relationships over
time fit the screen, draw what the table says, and run without any script.

Screenshots are kept in the repository, in tests/browser/screenshots/, so a change to
the page's look shows in review."""

import datetime
from pathlib import Path

import pytest

from actors.dates import Precision
from actors.models import EventClaim, EventParty
from briefs.publishing import workflow
from tests import factories
from tests.factories import EventFactory, OrganisationFactory, RelationshipFactory
from tests.public.builders import build_brief

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ttp(transactional_db):
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan",
        abbreviation="TTP",
        country="PK",
        aliases=["Pakistani Taliban"],
        description="A militant alliance formed in 2007 in Pakistan's north-west.",
    )
    # A year of events, the Karachi police office attack among them.
    figures = [(1, 2, 5), (2, 4, 14), (2, 1, None), (3, 0, 3), (5, 9, 20), (7, 3, 8)]
    for n, (month, killed, injured) in enumerate(figures):
        event = EventFactory(
            title=f"Attack {n} in Khyber Pakhtunkhwa",
            date=datetime.date(2023, month, 3 + n),
            killed_best=killed,
            injured_best=injured,
        )
        EventParty.objects.create(event=event, organisation=ttp, actor_type=2)
        EventClaim.objects.create(event=event, organisation=ttp)
    RelationshipFactory(
        subject=ttp,
        other=OrganisationFactory(name="Afghan Taliban"),
        kind="ally",
        start=datetime.date(2007, 1, 1),
        start_precision=Precision.YEAR,
    )
    RelationshipFactory(
        subject=ttp,
        other=OrganisationFactory(name="Islamic State Khorasan Province"),
        kind="rival",
        start=datetime.date(2015, 1, 1),
        start_precision=Precision.MONTH,
        end=datetime.date(2021, 8, 1),
        end_precision=Precision.MONTH,
    )
    brief = build_brief(title="Delegation visits Kabul", organisations=[ttp])
    editor = factories.editor()
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    return ttp


@pytest.mark.parametrize("width", list(WIDTHS))
def test_organisation_page_with_its_chart(live_server, ttp, chromium, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport=WIDTHS[width], java_script_enabled=False)
    page = context.new_page()
    response = page.goto(f"{live_server.url}{ttp.get_absolute_url()}")
    assert response.status == 200
    page.wait_for_load_state("load")

    viewport = WIDTHS[width]["width"]
    # Nothing makes the page scroll sideways; on a phone the chart keeps a legible
    # size and scrolls inside its own frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport
    for selector in (".chart-figure", ".site-nav", "table.figures"):
        box = page.locator(selector).first.bounding_box()
        assert box is None or box["x"] + box["width"] <= viewport, selector
    chart = page.locator("svg.chart").first.bounding_box()
    assert chart["width"] >= (544 if width == "phone" else 600)  # 34rem at least
    assert page.locator("svg.chart--timeline").count() == 1

    # The bars drawn are the table's figures: February's bar is twice January's.
    bars = {
        g.get_attribute("data-month"): g.locator(".chart__events").bounding_box()["height"]
        for g in page.locator("g.chart__month").all()
    }
    assert list(bars) == [f"2023-0{m}" for m in range(1, 8)]
    assert bars["2023-02"] == pytest.approx(2 * bars["2023-01"], abs=0.6)
    assert bars["2023-04"] == 0
    page.click("details.chart-table summary")
    rows = page.locator("table.figures tbody tr").all()
    assert [r.locator("td").first.inner_text() for r in rows] == ["1", "2", "1", "0", "1", "0", "1"]
    assert "(1 not known)" in rows[1].inner_text()

    page.screenshot(path=SCREENSHOTS / f"organisation-{width}.png", full_page=True)
    page.locator("section.entity__chart").first.screenshot(
        path=SCREENSHOTS / f"organisation-chart-{width}.png"
    )
    context.close()
