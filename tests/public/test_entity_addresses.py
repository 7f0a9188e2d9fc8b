"""An entity keeps every address it had: old slugs redirect, and no other entity may take
them, so a live brief's links reach the entity it linked when it was approved (issue #10)."""

import pytest

from actors.models import Organisation
from tests.briefs.admin_forms import form_data
from tests.factories import ActorFactory, EventFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def pakistan_and_haqqani(publish):
    government = OrganisationFactory(name="Government of Pakistan", kind="government")
    haqqani = OrganisationFactory(name="Haqqani Network")
    brief = build_brief(
        title="Delegation visits Kabul",
        sections=(
            ("What happened?", "The Government of Pakistan sent its defence minister to Kabul."),
            ("Background", "The Haqqani Network is close to the Taliban administration."),
            ("Assessment", "Talks are unlikely to stop the attacks."),
        ),
        organisations=[government, haqqani],
    )
    publish(brief)
    return government, haqqani


def _set_slug(client, organisation, slug):
    url = f"/admin/actors/organisation/{organisation.pk}/change/"
    data = form_data(client.get(url))
    data["slug"] = slug
    return client.post(url, data)


def _link_of(client, name: str) -> str:
    html = client.get("/briefs/delegation-visits-kabul/").content.decode()
    before = html.split(f'class="mention">{name}</a>')[0]
    return before.rsplit('href="', 1)[1].split('"', 1)[0]


def test_a_slug_swap_leaves_the_live_briefs_links_where_they_pointed(
    analyst_client, client, pakistan_and_haqqani
):
    government, haqqani = pakistan_and_haqqani
    assert _link_of(client, "Government of Pakistan") == "/organisations/government-of-pakistan/"

    # The swap, as it must be done with unique slugs: one aside, the other over, back.
    assert _set_slug(analyst_client, government, "pakistan-swap").status_code == 302
    taken = _set_slug(analyst_client, haqqani, "government-of-pakistan")
    assert taken.status_code == 200
    assert (
        "“government-of-pakistan” was the address of Government of Pakistan and still leads "
        "there" in taken.content.decode()
    )
    assert _set_slug(analyst_client, government, "haqqani-network").status_code == 200
    government.refresh_from_db()
    haqqani.refresh_from_db()
    assert (government.slug, haqqani.slug) == ("pakistan-swap", "haqqani-network")

    client.logout()
    link = _link_of(client, "Government of Pakistan")
    response = client.get(link)
    assert response.status_code == 301
    assert response["Location"] == "/organisations/pakistan-swap/"
    page = client.get(response["Location"]).content.decode()
    assert "<h1>Government of Pakistan" in page or "Government of Pakistan</h1>" in page
    assert "Haqqani Network</h1>" not in page
    haqqani_link = _link_of(client, "Haqqani Network")
    assert client.get(haqqani_link).status_code == 200
    assert "Haqqani Network" in client.get(haqqani_link).content.decode()


def test_an_entity_may_go_back_to_its_own_old_slug(analyst_client, pakistan_and_haqqani):
    government, _ = pakistan_and_haqqani
    assert _set_slug(analyst_client, government, "gop").status_code == 302
    assert _set_slug(analyst_client, government, "government-of-pakistan").status_code == 302
    government.refresh_from_db()
    assert government.slug == "government-of-pakistan"


def test_a_new_entity_is_not_given_an_old_address(pakistan_and_haqqani):
    government, _ = pakistan_and_haqqani
    government.slug = "pakistan"
    government.save()
    newcomer = Organisation.objects.create(name="Government of Pakistan")
    assert newcomer.slug == "government-of-pakistan-2"


@pytest.mark.parametrize("kind", ["actor", "organisation", "event"])
def test_every_old_address_of_an_entity_redirects_to_its_page(client, kind):
    factory = {"actor": ActorFactory, "organisation": OrganisationFactory, "event": EventFactory}
    entity = factory[kind](slug="first")
    for slug in ["second", "third"]:
        entity.slug = slug
        entity.save()
    plural = {"actor": "actors", "organisation": "organisations", "event": "events"}[kind]

    for old in ["first", "second"]:
        response = client.get(f"/{plural}/{old}/?page=1")
        assert response.status_code == 301
        assert response["Location"] == f"/{plural}/third/?page=1"
    assert client.get(f"/{plural}/third/").status_code == 200
    assert client.get(f"/{plural}/never/").status_code == 404


def test_an_organisations_feed_follows_it_to_its_new_address(client, pakistan_and_haqqani):
    government, _ = pakistan_and_haqqani
    government.slug = "pakistan"
    government.save()
    response = client.get("/feeds/briefs/organisations/government-of-pakistan/atom/")
    assert response.status_code == 301
    assert response["Location"] == "/feeds/briefs/organisations/pakistan/atom/"
    assert "Delegation visits Kabul" in client.get(response["Location"]).content.decode()


def test_an_old_address_costs_one_query_more_than_a_miss(client, django_assert_num_queries):
    entity = OrganisationFactory(slug="first")
    entity.slug = "second"
    entity.save()
    with django_assert_num_queries(2):  # not found at the slug; its former holder
        assert client.get("/organisations/first/").status_code == 301
