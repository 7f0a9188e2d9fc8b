"""A NUL byte anywhere in a request gets a 400 on every page, never a 500.

The addresses are generated from the URLconf, so a page added later is covered.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def _patterns(resolver=None, prefix=""):
    """Every URL pattern of the site, as an address with each argument filled in."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            route = str(entry.pattern)
            if route.startswith("admin/"):
                continue  # the admin is the staff's, and answers the same (see below)
            yield from _patterns(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _with_nul(route: str) -> str:
    address = route.lstrip("^").rstrip("$")
    names = (
        *("<str:slug>", "<str:username>", "<section>", "<str:section>", "<path:name>"),
        *("<str:token>", "<str:code>"),
    )
    # The API's routes (django-ninja) name their arguments without a converter.
    for name in (*names, "<slug>", "<key>"):
        address = address.replace(name, "ab%00cd")
    return "/" + address


ROUTES = sorted(set(_patterns()))


def test_the_urlconf_yields_the_public_pages():
    assert {"briefs/<str:slug>/", "search/", "sitemap-<section>.xml", "healthz"} <= set(ROUTES)
    assert all("<" not in _with_nul(route) for route in ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_nul_in_the_path_is_a_400(client, route):
    address = _with_nul(route)
    if "%00" not in address:
        address = address.rstrip("/") + "%00/" if address.endswith("/") else address + "%00"
    assert client.get(address).status_code == 400


@pytest.mark.parametrize("route", ROUTES)
def test_nul_in_the_query_string_is_a_400(client, route):
    address = "/" + route.replace("<str:slug>", "x").replace("<str:username>", "x")
    address = address.replace("<slug>", "x").replace("<key>", "x")
    address = address.replace("<section>", "briefs").replace("<path:name>", "x")
    address = address.replace("<str:token>", "x").replace("<str:code>", "PK")
    for query in ("q=%00", "tag=a%00b", "page=1%00", "x%00=1"):
        assert client.get(f"{address}?{query}").status_code == 400, query


def test_nul_in_a_header_is_a_400(client):
    assert client.get("/", HTTP_REFERER="https://example.org/\x00").status_code == 400


def test_nul_in_an_admin_address_is_a_400(client):
    assert client.get("/admin/briefs/brief/?q=%00").status_code == 400


def test_invalid_utf8_is_answered_without_a_server_error(client):
    for address in ("/briefs/%C3%28/", "/search/?q=%C3%28", "/tags/%FF%FE/", "/briefs/?tag=%FF"):
        assert client.get(address).status_code in (200, 404), address
