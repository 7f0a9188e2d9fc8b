"""The article rendered at publish and stored with the publication (briefs.article).

The brief page serves the stored markup while its fingerprint is current, and
renders afresh, with the same function, when it is missing or out of date.
"""

import re

import pytest
from django.core.cache import cache

from briefs import article, snapshot
from briefs.models import Publication
from briefs.views import render_brief
from tests.factories import ActorFactory, EventFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

URL = "/briefs/delegation-visits-kabul/"
MARKER = '<p class="stored-marker">Stored at publish</p>'


def article_of(html: str) -> str:
    return re.search(r'<article class="brief">(.*?)</article>', html, re.S)[1]


def head_of(html: str) -> str:
    return re.search(r"<head>(.*?)</head>", html, re.S)[1]


def page(client) -> str:
    cache.clear()  # a page-cache miss, as the first reader after a change
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def alter_stored(**changes) -> None:
    """Change the stored article in the database, behind the workflow's back."""
    publication = Publication.objects.get()
    publication.content["article"].update(changes)
    Publication.objects.filter(pk=publication.pk).update(content=publication.content)


def test_publish_stores_the_article_and_its_head(live_brief):
    stored = Publication.objects.get().content["article"]
    assert stored["fingerprint"] == article.fingerprint()
    assert '<h1 class="brief__title">Delegation visits Kabul</h1>' in stored["html"]
    assert "brief__disclaimer" not in stored["html"]  # the footer is the site's, per request
    assert '<script type="application/ld+json">' in stored["head"]


def test_the_page_serves_the_stored_article_when_its_fingerprint_is_current(client, live_brief):
    fresh = page(client)
    alter_stored(html=MARKER, head='<meta name="stored-head" content="yes">')
    html = page(client)
    assert article_of(html).strip().startswith(MARKER)
    assert '<meta name="stored-head" content="yes">' in html
    assert 'class="brief__section"' not in html  # nothing was rendered afresh
    assert html.count("do not necessarily reflect the opinions") == 1  # the footer still is
    assert article_of(fresh) != article_of(html)


def test_a_stale_fingerprint_renders_the_article_afresh(client, live_brief):
    stored_page = page(client)
    alter_stored(html=MARKER, fingerprint="made-by-an-older-template")
    html = page(client)
    assert "stored-marker" not in html
    assert html == stored_page


def test_a_publication_from_before_stored_articles_renders_afresh(client, live_brief):
    stored_page = page(client)
    publication = Publication.objects.get()
    del publication.content["article"]
    Publication.objects.filter(pk=publication.pk).update(content=publication.content)
    assert page(client) == stored_page


def test_a_new_site_address_renders_afresh(client, live_brief, settings):
    alter_stored(html=MARKER)
    settings.SITE_URL = "https://briefs.example.org"
    html = page(client)
    assert "stored-marker" not in html
    assert "https://briefs.example.org/briefs/delegation-visits-kabul/." in html  # citation
    assert '"mainEntityOfPage": "https://briefs.example.org/briefs/' in html  # JSON-LD


def test_the_preview_shows_the_article_readers_will_see(client, rf, publish, analyst):
    brief = build_brief(
        title="Preview equals page",
        sections=[(f"Section {n}", f"Text {n} about the group.") for n in range(4)],
        actors=[ActorFactory()],
        organisations=[OrganisationFactory()],
        events=[EventFactory()],
        authors=[analyst],
        sources=3,
    )
    unsaved = snapshot.take(brief).publication
    preview = render_brief(rf.get("/admin/preview/"), unsaved, preview=True)
    publish(brief)
    stored = Publication.objects.get().content["article"]
    published = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert article_of(preview.content.decode()) == article_of(published)
    assert stored["html"] in article_of(published)


def test_a_republished_edit_stores_its_updated_on_line(client, live_brief, publish, edit):
    edit(live_brief, summary="A corrected summary.")
    publish(live_brief)
    live = Publication.objects.live().get()
    assert live.is_update()
    assert "Updated on" in live.content["article"]["html"]
    assert "article:modified_time" in live.content["article"]["head"]
    html = page(client)
    assert "Updated on" in article_of(html)
    assert "A corrected summary." in head_of(html)
