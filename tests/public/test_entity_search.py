"""Search finds organisations, people and events by name or alias, above the briefs."""

import datetime
import re

import pytest

from briefs.public.search import ENTITIES_SHOWN
from tests.factories import ActorFactory, EventFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def entities(client, q) -> dict[str, list[str]]:
    html = client.get("/search/", {"q": q}).content.decode()
    if 'id="found-entities"' not in html:
        return {}
    block = html.split('id="found-entities"')[1].split("</section>")[0]
    groups = re.findall(r'found-entities__kind">(\w+)</h3><ul[^>]*>(.*?)</ul>', block)
    return {
        kind: re.findall(r'class="directory__name" href="[^"]+">([^<]+)</a>', items)
        for kind, items in groups
    }


@pytest.fixture
def registry(db):
    OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan",
        abbreviation="TTP",
        aliases=["Pakistani Taliban", "Tahrīk-e-Ṭālibān"],
    )
    OrganisationFactory(name="Islamic State Khorasan Province", aliases=["ISKP"])
    ActorFactory(name="Sirājuddīn Ḥaqqānī", aliases=["Khalifa"])
    ActorFactory(name="Khawaja Muhammad Asif")
    EventFactory(title="Attack on the Karachi police office", date=datetime.date(2023, 2, 17))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("TTP", {"Organisations": ["Tehrik-i-Taliban Pakistan"]}),
        ("ttp", {"Organisations": ["Tehrik-i-Taliban Pakistan"]}),
        ("pakistani taliban", {"Organisations": ["Tehrik-i-Taliban Pakistan"]}),  # an alias
        ("Tahrik", {"Organisations": ["Tehrik-i-Taliban Pakistan"]}),  # accents folded
        ("iskp", {"Organisations": ["Islamic State Khorasan Province"]}),
        ("sirajuddin haqqani", {"People": ["Sirājuddīn Ḥaqqānī"]}),
        ("KHALIFA", {"People": ["Sirājuddīn Ḥaqqānī"]}),
        ("karachi attacks", {"Events": ["Attack on the Karachi police office"]}),  # stemmed
        ("nothing like this", {}),
    ],
)
def test_search_finds_entities_by_name_and_alias(client, registry, q, expected):
    assert entities(client, q) == expected


def test_entities_come_before_the_briefs_and_are_bounded(client, registry, publish):
    for n in range(ENTITIES_SHOWN + 3):
        OrganisationFactory(name=f"Khorasan group {n}")
    publish(build_brief(title="Khorasan in focus", sections=(("What happened?", "Khorasan."),)))
    html = client.get("/search/", {"q": "khorasan"}).content.decode()
    assert html.index('id="found-entities"') < html.index("Khorasan in focus")
    assert len(entities(client, "khorasan")["Organisations"]) == ENTITIES_SHOWN
    # Only the first page of briefs repeats them.
    second = client.get("/search/", {"q": "khorasan", "page": "1"}).content.decode()
    assert 'id="found-entities"' in second


def test_search_for_entities_costs_three_queries_more(
    client, registry, publish, django_assert_num_queries
):
    publish(build_brief(title="Taliban talks"))
    # ranked candidates, rows with excerpts, facets (2); organisations, people, events
    with django_assert_num_queries(4 + 3):
        assert client.get("/search/", {"q": "taliban"}).status_code == 200
    with django_assert_num_queries(2):  # no query: no search at all
        assert client.get("/search/").status_code == 200
