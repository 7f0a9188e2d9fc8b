"""Nothing a reader can reach shows a draft, a brief in review, a withdrawn or scheduled
brief, or an edit of a published brief that no editor has approved.

Everything that must stay hidden carries the word "secret" (in titles, summaries,
section text, tags, the names of entities linked only from hidden briefs, and the
name of a user who only wrote hidden briefs); every reader surface is fetched and
searched for it.
"""

import datetime
import json

import pytest
from django.utils import timezone

from briefs.models import Author, BriefActor, BriefOrganisation
from briefs.publishing import workflow
from tests.factories import ActorFactory, EventFactory, OrganisationFactory, UserFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(editor, publish, edit, analyst):
    """One live brief, and one hidden brief in every other state."""
    hidden_author = UserFactory(username="secretwriter", first_name="Secret", last_name="Writer")
    hidden_actor = ActorFactory(name="Secretly Linked Person")
    hidden_org = OrganisationFactory(name="Secretly Linked Group")
    hidden_event = EventFactory(title="Secretly linked incident")

    def hidden_brief(state):
        return build_brief(
            title=f"Secret {state} title",
            summary=f"Secret {state} summary.",
            sections=(("What happened?", f"Secret {state} body text."),),
            tags=(f"secret-{state}-tag",),
            actors=[hidden_actor],
            organisations=[hidden_org],
            events=[hidden_event],
            authors=[hidden_author],
            countries=("IR",),
            date=datetime.date(2019, 6, 1),
        )

    hidden_brief("draft")
    in_review = hidden_brief("review")
    workflow.submit_for_review(in_review, by=analyst)
    withdrawn = hidden_brief("withdrawn")
    publish(withdrawn)
    # Taken down: with a notice, its address would answer 410 (tests/public/test_corrections.py).
    workflow.withdraw(withdrawn, by=editor, comment="Withdrawn for the test", mode="takedown")
    scheduled = hidden_brief("scheduled")
    publish(scheduled, at=timezone.now() + datetime.timedelta(days=2))

    live = build_brief(
        title="Public brief",
        summary="What readers may see.",
        sections=(("What happened?", "Public body text."),),
        tags=("Visible",),
    )
    publish(live)
    # An edit of the live brief that nobody approved, even submitted for review.
    edit(
        live,
        title="Secret edited title",
        summary="Secret edited summary.",
        body="Secret edited body text.",
    )
    BriefActor.objects.create(brief=live, actor=hidden_actor)
    BriefOrganisation.objects.create(brief=live, organisation=hidden_org)
    live.tags.add("secret-edit-tag")
    workflow.submit_for_review(live, by=analyst)
    return {
        "live": live,
        "author": hidden_author,
        "actor": hidden_actor,
        "organisation": hidden_org,
        "event": hidden_event,
    }


def reader_surfaces(hidden):
    """Every address a reader can reach that lists or shows briefs."""
    return [
        "/",
        "/briefs/",
        "/briefs/?year=2019",
        "/briefs/?country=IR",
        "/briefs/public-brief/",
        "/tags/visible/",
        "/search/?q=public",
        "/search/?q=brief",
        "/feeds/briefs/",
        "/feeds/briefs/atom/",
        "/feeds/briefs/tags/visible/",
        f"/feeds/briefs/organisations/{hidden['organisation'].slug}/",
        f"/feeds/briefs/organisations/{hidden['organisation'].slug}/atom/",
        "/sitemap.xml",
        f"/actors/{hidden['actor'].slug}/",
        f"/organisations/{hidden['organisation'].slug}/",
        f"/events/{hidden['event'].slug}/",
    ]


def test_no_reader_surface_shows_anything_hidden(client, hidden):
    for url in reader_surfaces(hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        # An entity's own page names the entity itself, which is reference data;
        # what it must not show is any trace of the hidden briefs.
        body = body.replace("secretly linked person", "").replace("secretly linked group", "")
        body = body.replace("secretly linked incident", "").replace("secretly-linked", "")
        assert "secret" not in body, url


def test_the_live_brief_shows_the_approved_version(client, hidden):
    html = client.get("/briefs/public-brief/").content.decode()
    assert "Public brief" in html and "Public body text." in html
    assert "Secret" not in html


def test_entity_pages_linked_only_from_hidden_briefs_list_no_brief(client, hidden):
    for entity in ["actor", "organisation", "event"]:
        html = client.get(hidden[entity].get_absolute_url()).content.decode()
        assert 'class="card"' not in html, entity
        assert '<meta name="robots" content="noindex">' in html, entity


def test_hidden_briefs_answer_exactly_like_unknown_ones(client, hidden):
    unknown = client.get("/briefs/no-such-brief-at-all/")
    assert unknown.status_code == 404
    for state in ["draft", "review", "withdrawn", "scheduled"]:
        response = client.get(f"/briefs/secret-{state}-title/")
        assert response.status_code == 404, state
        assert response.content == unknown.content, state
        assert sorted(response.headers) == sorted(unknown.headers), state
    # The edited working copy's title is no address either.
    assert client.get("/briefs/secret-edited-title/").status_code == 404


def test_hidden_tags_authors_and_their_feeds_are_404(client, hidden):
    for state in ["draft", "review", "withdrawn", "scheduled", "edit"]:
        assert client.get(f"/tags/secret-{state}-tag/").status_code == 404, state
        assert client.get(f"/feeds/briefs/tags/secret-{state}-tag/").status_code == 404, state
    assert client.get(f"/authors/{Author.of(hidden['author']).slug}/").status_code == 404


def test_filtering_by_hidden_values_finds_nothing(client, hidden):
    organisation = hidden["organisation"].slug
    for query in [
        "tag=secret-draft-tag",
        "tag=secret-edit-tag",
        "country=IR",
        "year=2019",
        f"organisation={organisation}",
    ]:
        html = client.get(f"/briefs/?{query}").content.decode()
        assert "0 briefs," in html, query
        assert 'class="card"' not in html, query


def test_search_finds_nothing_hidden(client, hidden):
    for q in ["secret", "secret draft", "edited", "withdrawn", "scheduled", "Secretly Linked"]:
        html = client.get("/search/", {"q": q}).content.decode()
        assert "0 briefs found" in html, q
        assert 'class="card"' not in html, q


def test_list_filters_offer_nothing_hidden(client, hidden):
    html = client.get("/briefs/").content.decode()
    assert "Iran" not in html  # the hidden briefs' country
    assert "2019" not in html  # the hidden briefs' year
    assert "1 brief," in html


def test_the_open_data_files_show_nothing_hidden(client, hidden):
    """The files list every event, organisation and person (reference data), but no
    hidden brief: the hidden event is covered only by hidden briefs, so it links none."""
    for name in ["events", "organisations", "people", "relationships", "designations"]:
        for fmt in ["csv", "json"]:
            response = client.get(f"/data/{name}.{fmt}")
            assert response.status_code == 200, name
            body = b"".join(response.streaming_content).decode().lower()
            body = body.replace("secretly linked person", "").replace("secretly linked group", "")
            body = body.replace("secretly linked incident", "").replace("secretly-linked", "")
            assert "secret" not in body, f"{name}.{fmt}"
    events = client.get("/data/events.json?country=PK")
    [event] = [
        e
        for e in json.loads(b"".join(events.streaming_content))["data"]
        if e["title"] == hidden["event"].title
    ]
    assert event["brief_urls"] == []
