"""The article rendered at publish and stored with the publication (briefs.publishing.article).

The brief page serves the stored markup while its fingerprint is current, and
renders afresh, with the same function, when it is missing or out of date.
"""

import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from briefs.models import Publication
from briefs.public.views import render_brief
from briefs.publishing import article, snapshot, workflow
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
    Publication.objects.update(**{f"article_{name}": value for name, value in changes.items()})


def test_publish_stores_the_article_and_its_head(live_brief):
    stored = Publication.objects.get()
    assert stored.article_fingerprint == article.fingerprint()
    assert '<h1 class="brief__title">Delegation visits Kabul</h1>' in stored.article_html
    assert "brief__disclaimer" not in stored.article_html  # the footer is the site's
    assert '<script type="application/ld+json">' in stored.article_head
    assert "article" not in stored.content  # the rest of the frozen content stays apart


def test_the_page_serves_the_stored_article_when_its_fingerprint_is_current(client, live_brief):
    fresh = page(client)
    alter_stored(html=MARKER, head='<meta name="stored-head" content="yes">')
    html = page(client)
    assert article_of(html).strip().startswith(MARKER)
    assert '<meta name="stored-head" content="yes">' in html
    assert 'class="brief__section"' not in html  # nothing was rendered afresh
    assert html.count("do not necessarily reflect the opinions") == 1  # the footer still is
    assert article_of(fresh) != article_of(html)


def test_a_stale_fingerprint_renders_the_article_afresh(
    client, live_brief, django_assert_num_queries
):
    stored_page = page(client)
    alter_stored(html=MARKER, fingerprint="made-by-an-older-template")
    with django_assert_num_queries(
        2
    ):  # the page's columns, then the whole row (with the site texts)
        html = page(client)
    assert "stored-marker" not in html
    assert html == stored_page


def test_a_publication_without_a_stored_article_renders_afresh(client, live_brief):
    stored_page = page(client)
    alter_stored(head="", html="", fingerprint="")
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
    stored = Publication.objects.get()
    published = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert article_of(preview.content.decode()) == article_of(published)
    assert stored.article_html in article_of(published)


def test_a_republished_edit_stores_its_updated_on_line(client, live_brief, publish, edit):
    edit(live_brief, summary="A corrected summary.")
    publish(live_brief)
    live = Publication.objects.live().get()
    assert live.is_update()
    assert "Updated on" in live.article_html
    assert "article:modified_time" in live.article_head
    html = page(client)
    assert "Updated on" in article_of(html)
    assert "A corrected summary." in head_of(html)


# -- migration 0005: the stored article moved out of `content` into its own columns --

BEFORE_COLUMNS = [("briefs", "0004_publication_links_protect")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def stored_content(pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM briefs_publication WHERE id = %s", [pk])
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


# serialized_rollback: the content types, groups and permissions made by migrations
# survive the flush afterwards, under the ids the rest of the suite has cached.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_stored_article_moves_between_content_and_its_columns(live_brief):
    publication = Publication.objects.get()
    head, html, fingerprint = (
        publication.article_head,
        publication.article_html,
        publication.article_fingerprint,
    )
    assert "article" not in publication.content
    try:
        migrate(BEFORE_COLUMNS)
        assert stored_content(publication.pk)["article"] == {
            "fingerprint": fingerprint,
            "head": head,
            "html": html,
        }
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("briefs"))  # via 0005
    moved = Publication.objects.get()
    assert (moved.article_head, moved.article_html, moved.article_fingerprint) == (
        head,
        html,
        fingerprint,
    )
    assert "article" not in moved.content
    assert moved.changed_at == publication.changed_at  # the public stamp did not move


# -- manage.py rerender_publications -----------------------------------------------------


def test_rerender_publications_stores_current_articles_and_moves_the_stamp(client, live_brief):
    stored_page = page(client)
    alter_stored(html=MARKER, fingerprint="made-by-an-older-template")
    before = Publication.objects.get().changed_at
    out = io.StringIO()

    call_command("rerender_publications", stdout=out)

    publication = Publication.objects.get()
    assert "1 publication(s)" in out.getvalue()
    assert publication.article_fingerprint == article.fingerprint()
    assert "stored-marker" not in publication.article_html
    assert publication.changed_at > before  # the stamp moves: no stored page survives
    assert page(client) == stored_page

    again = io.StringIO()
    call_command("rerender_publications", stdout=again)
    assert "nothing to do" in again.getvalue()
    assert Publication.objects.get().changed_at == publication.changed_at


def test_rerender_publications_leaves_ended_publications_alone(live_brief, editor):
    workflow.withdraw(live_brief, by=editor, comment="Legal review")
    alter_stored(fingerprint="made-by-an-older-template")
    call_command("rerender_publications", stdout=io.StringIO())
    assert Publication.objects.get().article_fingerprint == "made-by-an-older-template"
