"""The API's OpenAPI document is valid, every endpoint answers with the demo data, and
the docs page works under the site's Content-Security-Policy."""

import re

import pytest
from openapi_spec_validator import validate

from actors.models import Event

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/briefs",
        "/api/v1/briefs/{slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{key}",
        "/api/v1/people",
        "/api/v1/people/{key}",
        "/api/v1/events",
        "/api/v1/events/{key}",
        "/api/v1/relationships",
        "/api/v1/designations",
    }
    # Only GET: the API is read-only.
    assert {m for ops in schema["paths"].values() for m in ops} == {"get"}


def test_no_private_field_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    names = {
        name.lower()
        for component in schema["components"]["schemas"].values()
        for name in component.get("properties", {})
    }
    operations = [ops["get"] for ops in schema["paths"].values()]
    names |= {p["name"] for op in operations for p in op.get("parameters", [])}
    assert {"slug", "title", "summary", "event_id_cnty"} <= names  # the check reads names
    private = {
        "email",
        "username",
        "password",
        "status",
        "version",
        "brief_version",
        "mention_choices",
        "imported_digest",
        "content",
        "text",
        "revision",
        "published_by",
        "created_by",
        "ends_at",
        "logo",
        "photo",
        "cover",
        "article_html",
        "article_head",
        "search",
        "comment",
        "ambiguous",
    }
    assert not names & (private - {"text"}), names & private
    # "text" is an alias's text only: no brief's text.
    assert "text" not in schema["components"]["schemas"]["BriefDetail"]["properties"]


def test_every_endpoint_answers_200_with_the_demo_data(client, demo_registry):
    schema = client.get("/api/v1/openapi.json").json()
    event = Event.objects.get(slug="karachi-police-office-attack-2023")
    keys = {
        "/api/v1/briefs/{slug}": "pakistani-delegation-visit-to-kabul",
        "/api/v1/organisations/{key}": "tehrik-i-taliban-pakistan",
        "/api/v1/people/{key}": "khawaja-muhammad-asif",
        "/api/v1/events/{key}": event.public_id,
    }
    for path in schema["paths"]:
        url = re.sub(r"\{\w+\}", keys.get(path, ""), path)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json"), url
        data = response.json()
        if "results" in data:
            assert data["results"], f"{url} lists nothing with the demo data"
    # The event by its slug too.
    assert client.get(f"/api/v1/events/{event.slug}").json()["event_id_cnty"] == event.public_id


def test_the_index_links_every_list(client):
    data = client.get("/api/v1/").json()
    assert data["events"] == "http://127.0.0.1:8000/api/v1/events"  # DJANGO_SITE_URL
    for url in data.values():
        path = url.removeprefix("http://127.0.0.1:8000")
        assert client.get(path).status_code == 200, path


def test_the_docs_page_loads_only_same_origin_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset  # no CDN, no other origin
        assert client.get(asset).status_code == 200, asset
    # Every script is a file, or JSON data (which the CSP does not run).
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        if "src=" in attributes:
            assert not body.strip()
    assert "style=" not in html and "<style" not in html
