"""The page cache middleware: a stored page is replayed before the view runs."""

from django.urls import reverse

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
