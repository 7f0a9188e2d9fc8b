"""The page cache: a stored page is replayed before the view runs, and in production
before Django handles the request at all."""

import time
import wsgiref.util

import pytest
from django.conf import settings
from django.urls import reverse

import tap_cms.wsgi
from briefs import caching
from briefs.models import Publication

URL = "/briefs/delegation-visits-kabul/"


def test_a_stored_page_is_replayed_without_running_the_view(
    client, live_brief, instant_cache, django_assert_num_queries
):
    first = client.get(URL)
    assert first.status_code == 200
    # A change behind the stamp's back (update() leaves changed_at alone): a page
    # rendered by the view would show it, a replayed page cannot.
    Publication.objects.update(title="Changed behind the stamp")

    with django_assert_num_queries(1):  # the stamp, read on every request in tests
        replayed = client.get(URL)

    assert replayed.status_code == 200
    assert replayed.content == first.content
    assert b"Changed behind the stamp" not in replayed.content
    for header in ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "X-Frame-Options"]:
        assert replayed[header] == first[header]


def test_conditional_and_signed_in_requests_reach_the_view(
    client, live_brief, instant_cache, editor
):
    etag = client.get(URL)["ETag"]
    Publication.objects.update(title="Changed behind the stamp")
    assert client.get(URL, headers={"if-none-match": etag}).status_code == 304
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200 and "ETag" not in response
    assert b"Changed behind the stamp" in response.content


def test_only_public_pages_are_stored(client, live_brief, instant_cache, django_assert_num_queries):
    client.get(reverse("briefs:healthz"))
    with django_assert_num_queries(1):  # healthz checks the database every time
        assert client.get(reverse("briefs:healthz")).status_code == 200


# -- before Django: tap_cms.wsgi's StoredPageReplay ------------------------------------


def environ(path=URL, **extra):
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}
    wsgiref.util.setup_testing_defaults(env)
    env.update(extra)
    return env


class Served:
    """What a WSGI application answered: status, headers and body."""

    def __init__(self, application, env):
        self.status, self.headers = None, None

        def start_response(status, headers, exc_info=None):
            self.status, self.headers = status, dict(headers)

        self.body = b"".join(application(env, start_response))


def stand_in_for_django(env, start_response):
    """Where a request the replay does not answer goes (Django, in production)."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"from Django"]


@pytest.fixture
def memoised_stamp(settings):
    settings.PUBLIC_STAMP_TTL_SECONDS = 60  # as in production: the replay needs it


def test_the_wsgi_entry_point_sends_a_stored_page_before_django(
    client, live_brief, instant_cache, memoised_stamp, django_assert_num_queries
):
    first = client.get(URL)  # rendered by Django, stored, the stamp memoised
    Publication.objects.update(title="Changed behind the stamp")

    with django_assert_num_queries(0):
        served = Served(tap_cms.wsgi.application, environ())

    assert served.status == "200 OK"
    assert served.body == first.content
    for header in ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "X-Frame-Options"]:
        assert served.headers[header] == first[header]


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=abc"},
        {"HTTP_IF_NONE_MATCH": '"etag"'},
        {"HTTP_IF_MODIFIED_SINCE": "Sun, 29 Nov 2026 09:00:00 GMT"},
        {"HTTP_IF_MATCH": '"etag"'},
        {"HTTP_HOST": "evil.example"},
        {"REQUEST_METHOD": "HEAD"},
        {"REQUEST_METHOD": "POST"},
        {"QUERY_STRING": "page=2"},  # another address: nothing stored under it
    ],
    ids=[
        "session",
        "if-none-match",
        "if-modified-since",
        "if-match",
        "host-not-allowed",
        "head",
        "post",
        "not-stored",
    ],
)
def test_anything_but_a_stored_plain_get_goes_to_django(
    client, live_brief, instant_cache, memoised_stamp, extra
):
    client.get(URL)
    replay = caching.StoredPageReplay(stand_in_for_django)
    assert Served(replay, environ(**extra)).body == b"from Django"
    assert Served(replay, environ()).body != b"from Django"  # the plain GET is replayed


def test_without_a_memoised_stamp_the_replay_leaves_the_request_to_django(
    client, live_brief, instant_cache, settings
):
    settings.PUBLIC_STAMP_TTL_SECONDS = 2
    client.get(URL)
    replay = caching.StoredPageReplay(stand_in_for_django)
    assert Served(replay, environ()).body != b"from Django"
    time.sleep(2.05)  # the memoised stamp expires: only the database can say it is current
    assert Served(replay, environ()).body == b"from Django"


def test_a_publish_drops_what_the_replay_remembers(
    client,
    live_brief,
    instant_cache,
    memoised_stamp,
    publish,
    edit,
    django_capture_on_commit_callbacks,
):
    client.get(URL)
    replay = caching.StoredPageReplay(stand_in_for_django)
    assert Served(replay, environ()).body != b"from Django"
    edit(live_brief, summary="A corrected summary.")
    with django_capture_on_commit_callbacks(execute=True):  # as if it committed
        publish(live_brief)
    assert Served(replay, environ()).body == b"from Django"


def test_with_the_dummy_cache_nothing_is_replayed(
    client, live_brief, instant_cache, memoised_stamp, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.get(URL)
    replay = caching.StoredPageReplay(stand_in_for_django)
    assert Served(replay, environ()).body == b"from Django"
