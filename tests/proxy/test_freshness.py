"""Every kind of change reaches an anonymous reader through the proxy within the bound.

For each change: the pages are first served from the proxy's cache (HIT: caching is
on), then the change is committed, then every page on which Django itself now shows
it differently (asked directly, no cache) shows it through the proxy within
S + W + 1 s (stack.BOUND: nginx counts whole seconds) and a margin.
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from briefs.models import Author, SiteSettings
from briefs.publishing import authors, footer
from tests.factories import edit_working_copy
from tests.proxy import stack
from tests.proxy.content import (
    World,
    brief_url,
    erase,
    find_author_page,
    make_world,
    publish,
    withdraw,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shows(response: stack.Response, marker: str) -> bool:
    return response.status == 200 and marker in response.text


@dataclass
class Change:
    apply: Callable[[], float]  # commits the change; returns when it takes effect
    markers: list[str]
    # page name -> marker that must change there (at least; others may too)
    required: dict[str, str]
    extra_pages: dict[str, str] = field(default_factory=dict)


def publishing(world: World) -> Change:
    brief = world.brief(f"Fresh{world.uid}")
    url = brief_url(brief)

    def apply():
        publish(brief, by=world.editor)
        return time.monotonic()

    lists = ("home", "list", "tag", "author", "organisation", "feed", "brief")
    return Change(
        apply,
        markers=[brief.title, url],
        required={**dict.fromkeys(lists, brief.title), "sitemap of briefs": url},
        extra_pages={"brief": url},
    )


def republishing(world: World) -> Change:
    new_title = f"Revised{world.uid}"

    def apply():
        edit_working_copy(world.anchor, by=world.editor, title=new_title)
        publish(world.anchor, by=world.editor)
        return time.monotonic()

    lists = ("home", "list", "tag", "author", "organisation", "feed", "anchor")
    return Change(apply, markers=[new_title], required=dict.fromkeys(lists, new_title))


def scheduled_go_live(world: World) -> Change:
    brief = world.brief(f"Scheduled{world.uid}")
    url = brief_url(brief)

    def apply():
        go_live = timezone.now() + datetime.timedelta(seconds=2)
        publish(brief, by=world.editor, at=go_live)
        return time.monotonic() + (go_live - timezone.now()).total_seconds()

    lists = ("home", "list", "tag", "author", "organisation", "feed", "brief")
    return Change(
        apply,
        markers=[brief.title, url],
        required={**dict.fromkeys(lists, brief.title), "sitemap of briefs": url},
        extra_pages={"brief": url},
    )


def _live_victim(world: World):
    """A second live brief, so the lists stay up when this one goes."""
    victim = world.brief(f"Doomed{world.uid}")
    publish(victim, by=world.editor)
    return victim


def withdrawal(world: World) -> Change:
    victim = _live_victim(world)
    url = brief_url(victim)

    def apply():
        withdraw(victim, by=world.editor)
        return time.monotonic()

    lists = ("home", "list", "tag", "author", "organisation", "feed", "brief")
    return Change(
        apply,
        markers=[victim.title, url],
        required={**dict.fromkeys(lists, victim.title), "sitemap of briefs": url},
        extra_pages={"brief": url},
    )


def deletion(world: World) -> Change:
    victim = _live_victim(world)
    url = brief_url(victim)

    def apply():
        erase(victim)
        return time.monotonic()

    lists = ("home", "list", "tag", "author", "organisation", "feed", "brief")
    return Change(
        apply,
        markers=[victim.title, url],
        required={**dict.fromkeys(lists, victim.title), "sitemap of briefs": url},
        extra_pages={"brief": url},
    )


def tag_rename(world: World) -> Change:
    new_name = f"Retagged{world.uid}"

    def apply():
        tag = Tag.objects.get(name=world.tag)
        tag.name = new_name
        tag.save()
        return time.monotonic()

    return Change(apply, markers=[new_name], required={"tag": new_name})


def author_rename(world: World) -> Change:
    new_name = f"Renamed{world.uid}"

    def apply():
        # As the author does on their profile page: their bylines follow.
        author = Author.of(get_user_model().objects.get(pk=world.author.pk))
        authors.rename(author, display_name=new_name, slug=author.slug, by=world.author)
        return time.monotonic()

    return Change(apply, markers=[new_name], required={"author": new_name})


def organisation_edit(world: World) -> Change:
    new_name = f"Reorganised{world.uid}"

    def apply():
        world.organisation.refresh_from_db()
        world.organisation.name = new_name
        world.organisation.save()
        return time.monotonic()

    return Change(apply, markers=[new_name], required={"organisation": new_name})


def site_settings(world: World) -> Change:
    """A new disclaimer that the site admin applies to the live briefs as well (by
    default it applies only to briefs published after it: briefs.publishing.footer)."""
    disclaimer = f"Disclaimer{world.uid}: views are the authors' own."

    def apply():
        row = SiteSettings.current()
        row.disclaimer = disclaimer
        with transaction.atomic():
            row.save()
            footer.apply_to_live(row)
        return time.monotonic()

    return Change(apply, markers=[disclaimer[:20]], required={"anchor": disclaimer[:20]})


CHANGES = [
    publishing,
    republishing,
    scheduled_go_live,
    withdrawal,
    deletion,
    tag_rename,
    author_rename,
    organisation_edit,
    site_settings,
]


def warm(reader, pages: dict[str, str]) -> None:
    """Every page that exists is stored by the proxy and served from it."""
    for name, path in pages.items():
        first = reader.get(path)
        if first.status != 200:
            continue
        assert "s-maxage" in first.headers.get("Cache-Control", ""), (name, first.headers)
        stack.wait_for(
            f"{name} ({path}) served from the cache",
            lambda path=path: reader.get(path).cache == "HIT",
            timeout=stack.BOUND + stack.MARGIN,
        )


def wait_until_all(reader, expected: dict, since: float) -> dict[tuple, float]:
    """Poll every (page, marker) until the proxy shows it as expected; seconds each took."""
    pending = dict(expected)
    took, last = {}, {}
    limit = stack.BOUND + stack.MARGIN
    while pending:
        for key, (path, marker, present) in list(pending.items()):
            response = reader.get(path)
            last[key] = (response.status, response.cache)
            if shows(response, marker) == present:
                took[key] = round(time.monotonic() - since, 2)
                del pending[key]
        if pending and time.monotonic() - since > limit:
            late = {key: last[key] for key in pending}
            raise AssertionError(f"not shown within {limit} s: {late} (shown in time: {took})")
        time.sleep(0.05)
    return took


@pytest.mark.parametrize("change_of", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_change_reaches_readers_within_the_bound(reader, change_of):
    world = make_world()
    world.author_page = find_author_page(reader.direct(brief_url(world.anchor)).text, world.author)
    change = change_of(world)
    pages = {**world.pages(), **change.extra_pages}

    def django_shows():
        return {
            (name, marker): shows(reader.direct(path), marker)
            for name, path in pages.items()
            for marker in change.markers
        }

    before = django_shows()
    warm(reader, pages)
    since = change.apply()
    if since > time.monotonic():  # scheduled: not before its time, through the proxy either
        for name, marker in change.required.items():
            assert shows(reader.get(pages[name]), marker) == before[name, marker], name
        time.sleep(since - time.monotonic() + 0.05)
    after = django_shows()
    moved = {key for key in after if after[key] != before[key]}
    assert set(change.required.items()) <= moved, (
        f"Django itself does not show the change on {set(change.required.items()) - moved}"
    )

    took = wait_until_all(
        reader, {key: (pages[key[0]], key[1], after[key]) for key in moved}, since
    )
    print(f"{change_of.__name__}: slowest page {max(took.values())} s", took)


def test_a_withdrawn_then_deleted_brief_is_not_served_again(reader):
    world = make_world()
    victim = _live_victim(world)
    url = brief_url(victim)
    warm(reader, {"brief": url})
    old = reader.get(url)
    assert old.cache == "HIT" and victim.title in old.text

    withdraw(victim, by=world.editor)
    since = time.monotonic()
    stack.wait_for(
        "the withdrawn brief gone",
        lambda: reader.get(url).status == 404,
        timeout=stack.BOUND + stack.MARGIN,
    )
    erase(victim)
    # For longer than anything could keep it: neither the page nor its validator.
    while time.monotonic() - since < stack.BOUND + stack.MARGIN:
        for headers in ({}, {"If-None-Match": old.etag}):
            answer = reader.get(url, headers=headers)
            assert answer.status == 404, (answer.status, answer.cache)
            assert answer.etag != old.etag and victim.title not in answer.text
        time.sleep(0.1)
