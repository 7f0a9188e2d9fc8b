"""Feeds per person and per country, like the organisations': live briefs only."""

import pytest

from briefs.publishing import workflow
from tests.factories import ActorFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefs(publish, editor):
    asif = ActorFactory(name="Khawaja Muhammad Asif")
    publish(build_brief(title="Delegation visits Kabul", actors=[asif], countries=("PK", "AF")))
    publish(build_brief(title="Elsewhere", countries=("IN",)))
    gone = build_brief(title="Withdrawn brief", actors=[asif], countries=("PK",))
    publish(gone)
    workflow.withdraw(gone, by=editor, comment="Legal review")
    build_brief(title="A draft", actors=[asif], countries=("PK",))
    return asif


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_person_feed_lists_their_live_briefs(client, briefs, atom):
    url = f"/feeds/briefs/actors/{briefs.slug}/{'atom/' if atom else ''}"
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert ("application/atom+xml" if atom else "application/rss+xml") in response["Content-Type"]
    assert "briefs on Khawaja Muhammad Asif" in body
    assert "Delegation visits Kabul" in body
    assert "Withdrawn brief" not in body and "A draft" not in body and "Elsewhere" not in body


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_country_feed_lists_live_briefs_about_it(client, briefs, atom):
    body = client.get(f"/feeds/briefs/countries/AF/{'atom/' if atom else ''}").content.decode()
    assert "briefs about Afghanistan" in body
    assert "Delegation visits Kabul" in body
    assert "Elsewhere" not in body and "Withdrawn brief" not in body


def test_feeds_of_nothing_are_404(client, briefs):
    assert client.get("/feeds/briefs/countries/XX/").status_code == 404
    assert client.get("/feeds/briefs/actors/nobody/").status_code == 404


def test_pages_link_their_feeds(client, briefs):
    html = client.get(briefs.get_absolute_url()).content.decode()
    assert (
        'rel="alternate" type="application/rss+xml" title="Briefs on Khawaja Muhammad Asif '
        f'(RSS)" href="/feeds/briefs/actors/{briefs.slug}/"'
    ) in html
    assert f'href="/feeds/briefs/actors/{briefs.slug}/atom/"' in html
    html = client.get("/briefs/?country=AF").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Briefs about AF (RSS)" '
        'href="/feeds/briefs/countries/AF/">'
    ) in html


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/feeds/briefs/actors/{slug}/", 2),  # person, items
        ("/feeds/briefs/actors/{slug}/atom/", 2),
        ("/feeds/briefs/countries/PK/", 1),  # items
        ("/feeds/briefs/countries/PK/atom/", 1),
    ],
)
def test_feeds_cost_a_fixed_number_of_queries(
    client, briefs, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url.format(slug=briefs.slug)).status_code == 200
