"""What public pages tell the proxy and browsers: how long to keep them, and validators.

The proxy itself is tested in tests/proxy/; these check Django's side of the contract.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from briefs.models import Publication
from briefs.publishing import erasure, workflow
from tests.factories import UserFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

URL = "/briefs/delegation-visits-kabul/"


def _directives(response) -> dict[str, str]:
    parts = [p.strip() for p in response["Cache-Control"].split(",")]
    return dict(p.partition("=")[::2] for p in parts)


@pytest.mark.parametrize(
    "url", ["/", "/briefs/", URL, "/tags/pakistan/", "/search/?q=kabul", "/feeds/briefs/"]
)
def test_anonymous_pages_may_be_kept_by_the_proxy_for_a_bounded_time(
    client, live_brief, settings, url
):
    settings.PUBLIC_CACHE_SECONDS = 7
    settings.PUBLIC_STALE_SECONDS = 3
    response = client.get(url)
    assert response.status_code == 200
    assert _directives(response) == {
        "public": "",
        "max-age": "0",
        "s-maxage": "7",
        "stale-while-revalidate": "3",
    }
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_etag_comes_from_the_body_and_answers_304(client, live_brief):
    first = client.get(URL)
    assert first["ETag"].startswith('"')
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get("/briefs/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_two_different_bodies_never_share_an_etag(client, live_brief, editor, edit, publish):
    before = client.get(URL)
    edit(live_brief, body="A corrected first section.")
    publish(live_brief)
    after = client.get(URL)
    assert after.content != before.content
    assert after["ETag"] != before["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_withdrawn_then_deleted_brief_stays_gone(client, live_brief, editor):
    etag = client.get(URL)["ETag"]
    workflow.withdraw(live_brief, by=editor, comment="Legal review", mode="takedown")
    erasure.erase(live_brief, by=UserFactory(is_superuser=True), reason="Legal request")
    for url in (URL, "/", "/feeds/briefs/"):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code in (200, 404)
        assert b"Delegation visits Kabul" not in response.content


def test_signed_in_staff_get_private_pages(client, live_brief, editor):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    directives = _directives(response)
    assert "private" in directives and "no-cache" in directives
    assert "s-maxage" not in directives and "public" not in directives


def test_admin_pages_are_never_cached(client, editor):
    client.force_login(editor)
    directives = _directives(client.get("/admin/"))
    assert "private" in directives and "no-store" in directives


def test_preview_is_never_cached(client, live_brief, editor):
    client.force_login(editor)
    response = client.get(f"/admin/briefs/brief/{live_brief.pk}/preview/")
    assert response.status_code == 200
    assert "no-store" in _directives(response)
    assert response["X-Robots-Tag"] == "noindex"


def test_a_missing_page_is_shareable_so_that_it_replaces_a_stored_copy(client, db):
    response = client.get("/briefs/nothing-here/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert _directives(response)["s-maxage"] == str(settings.PUBLIC_CACHE_SECONDS)


def test_health_check_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-store" in _directives(response)


def test_head_is_answered_like_get_without_a_body(client, live_brief):
    get = client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200 and head.content == b""
    assert head["Cache-Control"] == get["Cache-Control"]
    assert head["Content-Type"] == get["Content-Type"]


def test_scheduled_brief_appears_when_its_time_passes(client, publish):
    brief = build_brief(title="Scheduled brief")
    publish(brief, at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(f"/briefs/{brief.slug}/").status_code == 404
    assert b"Scheduled brief" not in client.get("/briefs/").content
    # Let the clock pass the scheduled time: nothing is run.
    now = timezone.now()
    Publication.objects.filter(brief=brief).update(go_live_at=now - datetime.timedelta(seconds=1))
    assert client.get(f"/briefs/{brief.slug}/").status_code == 200
    assert b"Scheduled brief" in client.get("/briefs/").content
