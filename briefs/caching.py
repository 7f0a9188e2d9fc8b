"""What the public site caches, and why a change shows at once without a purge.

Every public page is a function of the public content: the live publications and
the reference entities (actors, organisations, events and what hangs off them)
and the site settings. `public_stamp()` is the last moment any of that changed,
read in one query:

- the newest `Publication.changed_at` (a publish or re-publish saves a row),
- the newest `go_live_at` that has passed (a scheduled brief going live),
- the newest `ends_at` that has passed (a withdrawal, or a version replaced),
- the newest history row of each reference entity and of the site settings
  (django-simple-history writes one on every save and delete).

`public_page` keys the page cache and the HTTP validators (ETag, Last-Modified)
on that stamp. When content changes, the stamp moves, so every key and every ETag
changes: nothing needs purging, a scheduled brief appears when its time passes,
and any cache backend stays right across gunicorn workers, because the stamp comes
from the database, not from the cache.

One gap is closed by waiting: timestamps are taken inside a transaction, so a
transaction that commits late can carry a timestamp older than one already
visible. A stamp younger than `PUBLIC_CACHE_SETTLE_SECONDS` is therefore not
used: such pages are rendered fresh and sent without validators until it settles.

Reading the stamp costs about 2 ms (planning a dozen index lookups), more than
serving a cached page, so the stamp itself is kept in the cache for
`PUBLIC_STAMP_TTL_SECONDS` (1 s): a cached page then costs no query at all.
`content_changed()`, run by the workflow when a publish or withdraw commits,
drops it: with a shared cache (redis, memcached) every process sees the change at
once; with the default in-process cache, other gunicorn workers see it within
that second. A scheduled brief going live, and edits to entities and site settings,
have no hook and show within that second too (as does the rare request that read
the old stamp just before the commit and stores it just after).

Requests that carry a session cookie (staff signed in to the admin) are neither
served from nor stored in the cache and get `Cache-Control: private, no-cache`:
the pages are the same for everybody, but a signed-in editor should always see a
fresh render and their responses should never be shared.
"""

import datetime
import functools
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from actors.models import (
    Actor,
    Event,
    EventActor,
    EventOrganisation,
    EventSource,
    Organisation,
    Relationship,
    Role,
)
from briefs.models import Publication, SiteSettings

# Reference data shown on public pages; each save or delete writes a history row.
REFERENCE_MODELS = [
    Organisation,
    Actor,
    Role,
    Relationship,
    Event,
    EventOrganisation,
    EventActor,
    EventSource,
    SiteSettings,
]
_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_REQUEST_ATTR = "_tap_public_stamp"
_REPLAYABLE_ATTR = "_tap_replayable"
STAMP_KEY = "tap:public-stamp"


@functools.cache
def _stamp_sql() -> str:
    table = Publication._meta.db_table
    parts = [
        f"(SELECT max(changed_at) FROM {table})",
        f"(SELECT max(go_live_at) FROM {table} WHERE go_live_at <= %(now)s)",
        f"(SELECT max(ends_at) FROM {table} WHERE ends_at <= %(now)s)",
    ]
    tables = [m.history.model._meta.db_table for m in REFERENCE_MODELS]
    parts += [f"(SELECT max(history_date) FROM {table})" for table in tables]
    # Each subquery is one step down a btree index; GREATEST ignores NULLs.
    return "SELECT GREATEST(" + ", ".join(parts) + ")"


def public_stamp(request=None) -> datetime.datetime:
    """When the public content last changed: one query, memoised on the request and
    for `PUBLIC_STAMP_TTL_SECONDS` in the cache (dropped by `content_changed`)."""
    if request is not None and hasattr(request, _REQUEST_ATTR):
        return getattr(request, _REQUEST_ATTR)
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        with connection.cursor() as cursor:
            cursor.execute(_stamp_sql(), {"now": timezone.now()})
            stamp = cursor.fetchone()[0] or _EPOCH
        if settings.PUBLIC_STAMP_TTL_SECONDS > 0:
            cache.set(STAMP_KEY, stamp, settings.PUBLIC_STAMP_TTL_SECONDS)
    if request is not None:
        setattr(request, _REQUEST_ATTR, stamp)
    return stamp


def is_settled(stamp: datetime.datetime) -> bool:
    """True when every transaction that could precede the stamp has committed."""
    settle = datetime.timedelta(seconds=settings.PUBLIC_CACHE_SETTLE_SECONDS)
    return timezone.now() - stamp >= settle


def content_changed() -> None:
    """Called after a publish, re-publish or withdraw has committed.

    Only the memoised stamp is dropped: the stamp in the database moved with the
    commit, so every cache key and ETag built from it changes with the next read.
    Nothing else needs purging (a CDN in front of the site would be purged here).
    """
    cache.delete(STAMP_KEY)


def site_texts(request=None) -> dict:
    """The disclaimer and copyright line that end every brief, cached per stamp.

    Saving the site settings writes a history row, which moves the stamp, so the
    cached copy is replaced at once. Read-only: a missing row gives the defaults.
    """
    key = f"tap:site-texts:{_token(public_stamp(request))}"
    texts = cache.get(key)
    if texts is None:
        row = SiteSettings.objects.filter(pk=1).first() or SiteSettings()
        texts = {"disclaimer": row.disclaimer, "copyright": row.copyright}
        cache.set(key, texts)
    return texts


def public_page(view):
    """Mark a view as a public page: validators from the stamp, 304s, and storable.

    A 200 for an anonymous GET is marked replayable; `PublicPageCacheMiddleware`
    stores it under the stamp and replays it, headers and all, to the next reader.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _signed_in(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        stamp = public_stamp(request)
        if not is_settled(stamp):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            return response

        digest = _digest(request, stamp)
        etag = f'"{digest[:32]}"'
        last_modified = int(stamp.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            setattr(request, _REPLAYABLE_ATTR, response.status_code == 200)
        if response.status_code in (200, 304):
            # Replaces a feed's own Last-Modified, so a hit and a miss answer alike.
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    wrapper.public_page = True
    return wrapper


class PublicPageCacheMiddleware:
    """The page cache: first in MIDDLEWARE, so that a stored page costs no more than
    a dictionary lookup and none of the other middleware, URL routing or view runs.

    Only plain anonymous GETs are replayed (no session cookie, no conditional
    headers: those reach `public_page`, which answers 304). A response is stored
    only when `public_page` marked it replayable and it sets no cookie. The key
    holds the stamp, so a change of public content retires every stored page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _replayable_request(request) or not _is_public_page(request):
            return self.get_response(request)
        stamp = public_stamp(request)
        if not is_settled(stamp):
            return self.get_response(request)
        key = f"tap:page:{_digest(request, stamp)}"
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if getattr(request, _REPLAYABLE_ATTR, False) and not response.cookies:
            cache.set(key, (response.status_code, list(response.items()), response.content))
        return response


def _replayable_request(request) -> bool:
    return (
        request.method == "GET"
        and not _signed_in(request)
        and "HTTP_IF_NONE_MATCH" not in request.META
        and "HTTP_IF_MODIFIED_SINCE" not in request.META
    )


def _is_public_page(request) -> bool:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "public_page", False)


def _digest(request, stamp: datetime.datetime) -> str:
    address = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
    return hashlib.sha256(f"{address}|{_token(stamp)}".encode()).hexdigest()


def _signed_in(request) -> bool:
    # The cookie, not request.user: looking the session up would cost a query.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _token(stamp: datetime.datetime) -> str:
    return stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%f")
