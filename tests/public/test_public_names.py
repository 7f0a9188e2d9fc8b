"""Authors appear in public under a name and an address of their own, never a login.

Every reader surface is crawled for the login names of the brief's authors.
"""

import re

import pytest

from briefs.models import Author
from tests.factories import UserFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

LOGINS = ("zq-login-ayesha", "zq-login-omar")


@pytest.fixture
def authors(db):
    return [
        UserFactory(username=LOGINS[0], first_name="Ayesha", last_name="Khan"),
        UserFactory(username=LOGINS[1], first_name="", last_name=""),  # no name given
    ]


@pytest.fixture
def brief(authors, publish, world):
    brief = build_brief(
        tags=("Pakistan",), organisations=[world["ttp"]], actors=[world["asif"]], authors=authors
    )
    publish(brief)
    return brief


def surfaces(client, brief):
    pages = [
        "/",
        "/briefs/",
        f"/briefs/{brief.slug}/",
        "/tags/pakistan/",
        "/search/?q=kabul",
        "/feeds/briefs/",
        "/feeds/briefs/atom/",
        "/feeds/briefs/tags/pakistan/",
        "/feeds/briefs/organisations/tehrik-i-taliban-pakistan/",
        "/organisations/tehrik-i-taliban-pakistan/",
        "/actors/khawaja-muhammad-asif/",
        "/sitemap.xml",
    ]
    pages += [a.get_absolute_url() for a in Author.objects.all()]
    index = client.get("/sitemap.xml").content.decode()
    pages += [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)", index)]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        yield page, response.content.decode()


def test_no_login_name_on_any_public_surface(client, brief):
    seen = 0
    for page, body in surfaces(client, brief):
        seen += 1
        for login in LOGINS:
            assert login not in body, page
    assert seen >= 19


def test_bylines_show_display_names(client, brief, authors):
    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert ">Ayesha Khan</a>" in html
    assert f'href="/authors/{Author.of(authors[0]).slug}/"' in html
    nameless = Author.of(authors[1])
    assert nameless.display_name == f"TAP author {authors[1].pk}"
    assert f">{nameless.display_name}</a>" in html


def test_renaming_on_the_profile_page_updates_live_bylines(client, brief, authors):
    client.force_login(authors[0])
    old = Author.of(authors[0]).get_absolute_url()
    response = client.post(
        "/admin/profile/", {"display_name": "Ayesha K. Rahman", "slug": "ayesha-rahman"}
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert ">Ayesha K. Rahman</a>" in html and 'href="/authors/ayesha-rahman/"' in html
    assert '"name": "Ayesha K. Rahman"' in html  # the JSON-LD too
    assert "Ayesha K. Rahman" in client.get("/briefs/").content.decode()  # the card
    moved = client.get(old)
    assert moved.status_code == 301 and moved["Location"] == "/authors/ayesha-rahman/"


def test_a_slug_taken_by_someone_else_is_a_form_error(client, brief, authors):
    taken = Author.of(authors[1]).slug
    client.force_login(authors[0])
    response = client.post("/admin/profile/", {"display_name": "Ayesha", "slug": taken})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Author.of(authors[0]).display_name == "Ayesha Khan"
