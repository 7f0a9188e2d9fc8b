"""Validators, 304, the page cache, and how publishing, withdrawing and the clock clear it."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from briefs import caching, workflow
from briefs.models import Publication
from tests.factories import OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

URL = "/briefs/delegation-visits-kabul/"


def test_pages_send_validators_and_answer_304(client, live_brief, instant_cache):
    first = client.get(URL)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    by_etag = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    other = client.get("/briefs/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200  # an ETag is for one address only


def test_a_change_makes_the_old_etag_stale(client, live_brief, instant_cache, editor):
    etag = client.get("/")["ETag"]
    OrganisationFactory(name="A new group")  # reference data is public too
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_withdraw_clears_the_cached_page(
    client, live_brief, instant_cache, editor, django_assert_num_queries
):
    client.get(URL)
    with django_assert_num_queries(1):  # served from the cache
        assert client.get(URL).status_code == 200
    etag = client.get(URL)["ETag"]
    workflow.withdraw(live_brief, by=editor, comment="Legal review")
    assert client.get(URL).status_code == 404
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert "Delegation visits Kabul" not in client.get("/briefs/").content.decode()


def test_republishing_an_edit_serves_the_new_text(client, live_brief, instant_cache, publish, edit):
    assert "led the delegation." in client.get(URL).content.decode()
    edit(live_brief, body="A corrected first section.")
    assert "led the delegation." in client.get(URL).content.decode()  # not yet approved
    publish(live_brief)
    html = client.get(URL).content.decode()
    assert "A corrected first section." in html
    assert "led the delegation." not in html


def test_scheduled_brief_appears_when_its_time_passes(client, publish, instant_cache):
    brief = build_brief(title="Scheduled brief")
    at = timezone.now() + datetime.timedelta(hours=1)
    publish(brief, at=at)
    assert client.get(f"/briefs/{brief.slug}/").status_code == 404
    assert "Scheduled brief" not in client.get("/briefs/").content.decode()
    # Let the clock pass the scheduled time (it was set an hour ago): nothing is run.
    now = timezone.now()
    Publication.objects.filter(brief=brief).update(
        changed_at=now - datetime.timedelta(hours=1), go_live_at=now - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/briefs/{brief.slug}/").status_code == 200
    assert "Scheduled brief" in client.get("/briefs/").content.decode()


def test_stamp_moves_when_a_scheduled_publication_goes_live(publish, db):
    brief = build_brief(title="Scheduled brief")
    go_live = timezone.now() + datetime.timedelta(minutes=5)
    publish(brief, at=go_live)
    before = caching.public_stamp()
    assert before < go_live
    Publication.objects.filter(brief=brief).update(
        go_live_at=timezone.now(), changed_at=before - datetime.timedelta(days=1)
    )
    assert caching.public_stamp() > before


def test_a_young_change_is_not_cached_or_validated(client, live_brief):
    assert settings.PUBLIC_CACHE_SETTLE_SECONDS >= 10
    first = client.get(URL)
    assert first.status_code == 200
    assert "ETag" not in first and "Last-Modified" not in first
    assert not caching.is_settled(caching.public_stamp())


def test_a_settled_change_is_cached(client, live_brief, django_assert_num_queries):
    past = timezone.now() - datetime.timedelta(minutes=5)
    Publication.objects.update(changed_at=past, go_live_at=past, first_published_at=past)
    for model in caching.REFERENCE_MODELS:
        model.history.update(history_date=past)
    client.get(URL)
    with django_assert_num_queries(1):
        response = client.get(URL)
    assert response.status_code == 200 and response["ETag"]


def test_signed_in_staff_bypass_the_cache(
    client, live_brief, instant_cache, editor, django_assert_num_queries
):
    client.get(URL)  # cached for anonymous readers
    client.force_login(editor)
    with django_assert_num_queries(2):  # rendered afresh: stamp, publication (settings cached)
        response = client.get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_anonymous_pages_set_no_cookie(client, live_brief, instant_cache):
    response = client.get(URL)
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_404_is_not_cached(client, db, instant_cache, django_assert_num_queries):
    client.get("/briefs/nothing-here/")
    with django_assert_num_queries(3):  # stamp, lookup, old-address lookup
        assert client.get("/briefs/nothing-here/").status_code == 404


def test_feeds_are_validated_by_the_stamp_too(client, live_brief, instant_cache):
    first = client.get("/feeds/briefs/")
    again = client.get("/feeds/briefs/")  # from the cache
    assert first["Last-Modified"] == again["Last-Modified"] and first["ETag"] == again["ETag"]
    assert client.get("/feeds/briefs/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_head_is_answered_like_get(client, live_brief, instant_cache):
    get = client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200 and head["ETag"] == get["ETag"]


@pytest.fixture
def memoised_stamp(settings, instant_cache):
    settings.PUBLIC_STAMP_TTL_SECONDS = 60


def test_with_the_stamp_memoised_a_cached_page_costs_no_query(
    client, live_brief, memoised_stamp, django_assert_num_queries
):
    etag = client.get(URL)["ETag"]
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_withdraw_drops_the_memoised_stamp_when_it_commits(
    client, live_brief, memoised_stamp, editor, django_capture_on_commit_callbacks
):
    client.get(URL)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.withdraw(live_brief, by=editor, comment="Legal review")
    # Before the commit, readers still see the page (so does the rest of the world).
    assert client.get(URL).status_code == 200
    for callback in callbacks:  # the commit
        callback()
    assert client.get(URL).status_code == 404


def test_republish_drops_the_memoised_stamp_when_it_commits(
    client, live_brief, memoised_stamp, editor, edit, django_capture_on_commit_callbacks
):
    client.get(URL)
    edit(live_brief, body="Corrected after review.")
    workflow.submit_for_review(live_brief, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(live_brief, by=editor)
    assert "Corrected after review." in client.get(URL).content.decode()


def test_cache_backend_comes_from_the_environment():
    from django.core.exceptions import ImproperlyConfigured

    from tap_cms.settings import _cache

    assert _cache("")["BACKEND"].endswith("LocMemCache")
    assert _cache("redis://cache.internal:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    assert _cache("memcached://127.0.0.1:11211")["LOCATION"] == "127.0.0.1:11211"
    with pytest.raises(ImproperlyConfigured):
        _cache("mongodb://nope")
