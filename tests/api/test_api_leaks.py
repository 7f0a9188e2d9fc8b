"""No draft, brief in review, scheduled or withdrawn brief, and no unapproved edit of
a live brief, is reachable through the API: by any list, detail or filter.

The `hidden` fixture (tests/public/test_leaks.py) gives every hidden thing the word
"secret"; the entities linked only from hidden briefs are reference data, whose own
rows the API lists, but no trace of the hidden briefs may come with them.
"""

import pytest

pytestmark = pytest.mark.django_db

REFERENCE_NAMES = ["secretly linked person", "secretly linked group", "secretly linked incident"]


def api_surfaces(hidden) -> list[str]:
    organisation = hidden["organisation"].slug
    states = ["draft", "review", "withdrawn", "scheduled", "edit"]
    return [
        "/api/v1/",
        "/api/v1/briefs",
        "/api/v1/briefs?limit=100",
        "/api/v1/briefs/public-brief",
        "/api/v1/briefs?country=IR",
        "/api/v1/briefs?from=2019-01-01&to=2019-12-31",
        f"/api/v1/briefs?organisation={organisation}",
        *[f"/api/v1/briefs?tag=secret-{state}-tag" for state in states],
        "/api/v1/organisations?limit=100",
        f"/api/v1/organisations/{organisation}",
        "/api/v1/people?limit=100",
        f"/api/v1/people/{hidden['actor'].slug}",
        "/api/v1/events?limit=100",
        f"/api/v1/events/{hidden['event'].public_id}",
        f"/api/v1/events?organisation={organisation}",
        "/api/v1/relationships",
        "/api/v1/designations",
        "/api/v1/openapi.json",
    ]


def without_reference_names(body: str) -> str:
    body = body.lower()
    for name in REFERENCE_NAMES:
        body = body.replace(name, "")
    return body.replace("secretly-linked", "")


def test_no_api_answer_shows_anything_hidden(client, hidden):
    for url in api_surfaces(hidden):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "secret" not in without_reference_names(response.content.decode()), url


def test_the_brief_list_holds_the_live_version_only(client, hidden):
    briefs = client.get("/api/v1/briefs").json()["results"]
    assert [b["title"] for b in briefs] == ["Public brief"]
    (live,) = briefs
    # The edit links a person and an organisation and adds a tag: none approved.
    assert live["people"] == [] and live["organisations"] == []
    assert [t["name"] for t in live["tags"]] == ["Visible"]
    detail = client.get("/api/v1/briefs/public-brief").json()
    assert detail["summary"] == "What readers may see."
    assert "Public body text." in detail["sections"][0]["html"]


def test_filters_by_hidden_values_find_no_brief(client, hidden):
    for query in [
        "country=IR",
        "from=2019-01-01&to=2019-12-31",
        f"organisation={hidden['organisation'].slug}",
        "tag=secret-draft-tag",
        "tag=secret-edit-tag",
        "tag=secret-scheduled-tag",
    ]:
        assert client.get(f"/api/v1/briefs?{query}").json()["results"] == [], query


def test_hidden_briefs_answer_exactly_like_unknown_ones(client, hidden):
    unknown = client.get("/api/v1/briefs/no-such-brief-at-all")
    assert unknown.status_code == 404
    for slug in [f"secret-{s}-title" for s in ["draft", "review", "withdrawn", "scheduled"]] + [
        "secret-edited-title"
    ]:
        response = client.get(f"/api/v1/briefs/{slug}")
        assert response.status_code == 404, slug
        assert response.content == unknown.content, slug
        assert sorted(response.headers) == sorted(unknown.headers), slug
