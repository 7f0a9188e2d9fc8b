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
serving a cached page, so each process keeps the stamp it read in memory for
`PUBLIC_STAMP_TTL_SECONDS` (1 s): a cached page then costs no query at all.
`content_changed()`, run by the workflow when a publish or withdraw commits, drops
it in the process that made the change, which shows the change at once; the other
gunicorn workers show it within that second. A scheduled brief going live, and
edits to entities and site settings, have no hook and show within that second too
(as does the rare request that read the old stamp just before the commit and
stores it just after).

The pages themselves are stored in Django's cache (`DJANGO_CACHE_URL`; this
process's memory by default, or redis or memcached shared by all workers). Each
process also keeps the last pages it stored or replayed (`RecentPages`), so that
`StoredPageReplay`, in front of Django in `tap_cms.wsgi`, sends them without
Django, the cache backend or the database.

Requests that carry a session cookie (staff signed in to the admin) are neither
served from nor stored in the cache and get `Cache-Control: private, no-cache`:
the pages are the same for everybody, but a signed-in editor should always see a
fresh render and their responses should never be shared.
"""

import datetime
import functools
import hashlib
import math
import threading
import time
from collections import OrderedDict
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connection
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
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
_STORE_AS_ATTR = "_tap_store_as"  # set by public_page: the key to store the page under
_PAGE_PREFIX = "tap:page:"
_memo: tuple[datetime.datetime, float] | None = None  # the stamp, and when it expires


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
    for `PUBLIC_STAMP_TTL_SECONDS` in this process (dropped by `content_changed`)."""
    global _memo
    if request is not None and hasattr(request, _REQUEST_ATTR):
        return getattr(request, _REQUEST_ATTR)
    stamp = _memoised_stamp()
    if stamp is None:
        with connection.cursor() as cursor:
            cursor.execute(_stamp_sql(), {"now": timezone.now()})
            stamp = cursor.fetchone()[0] or _EPOCH
        if settings.PUBLIC_STAMP_TTL_SECONDS > 0:
            _memo = (stamp, time.monotonic() + settings.PUBLIC_STAMP_TTL_SECONDS)
    if request is not None:
        setattr(request, _REQUEST_ATTR, stamp)
    return stamp


def _memoised_stamp() -> datetime.datetime | None:
    memo = _memo  # one read: another thread may replace it meanwhile
    if memo is not None and time.monotonic() < memo[1]:
        return memo[0]
    return None


def is_settled(stamp: datetime.datetime) -> bool:
    """True when every transaction that could precede the stamp has committed."""
    settle = datetime.timedelta(seconds=settings.PUBLIC_CACHE_SETTLE_SECONDS)
    return timezone.now() - stamp >= settle


def content_changed() -> None:
    """Called after a publish, re-publish or withdraw has committed.

    Only what this process memoised is dropped: the stamp in the database moved
    with the commit, so every cache key and ETag built from it changes with the next
    read. Nothing else needs purging (a CDN in front of the site would be purged here).
    """
    global _memo
    _memo = None
    _recent_pages.clear()


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
    """Mark a view as a public page: validators from the stamp, 304s, and the page cache.

    A plain anonymous GET (no session cookie, no conditional headers) is answered
    from the page stored under the stamp if there is one, without running the view;
    otherwise a 200 it renders is handed to `PublicPageCacheMiddleware` to store.
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

        digest = _digest(request.META, stamp)
        etag = f'"{digest[:32]}"'
        last_modified = int(stamp.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        # Signed-in requests left above; the WSGI replay judges the same three things.
        if response is None and request.method == "GET" and not _conditional(request.META):
            key = _page_key(digest)
            stored = cache.get(key)
            if stored is not None:
                _recent_pages.put(key, stored)
                return _replayed(stored)
            setattr(request, _STORE_AS_ATTR, key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if response.status_code in (200, 304):
            # Replaces a feed's own Last-Modified, so a hit and a miss answer alike.
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    wrapper.public_page = True
    return wrapper


class PublicPageCacheMiddleware:
    """Stores the pages `public_page` rendered for plain anonymous GETs, first in
    MIDDLEWARE so that what is stored is the whole response, with the headers every
    other middleware added: `public_page` and `StoredPageReplay` send it as it is.

    Only a 200 that sets no cookie is stored. Its key holds the stamp, so a change
    of public content retires every stored page without a purge.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, _STORE_AS_ATTR, None)
        if key and response.status_code == 200 and not response.cookies:
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(key, stored)
            _recent_pages.put(key, stored)
        return response


class StoredPageReplay:
    """WSGI middleware around Django (`tap_cms.wsgi`): sends a stored page straight
    from the WSGI environ, before Django builds a request, sends its signals, runs
    middleware or routes the URL, which is most of what a stored page costs.

    It answers only when this process has the stamp memoised and has stored or
    replayed the page under it lately (`RecentPages`), so it never reads the
    database and never unpickles a page. Everything else (no memoised stamp, a page
    not seen lately, a session cookie, a conditional request, anything but GET) goes
    to Django untouched, where `public_page` reads the stamp and replays from the
    cache or renders, and `PublicPageCacheMiddleware` stores. Only public pages are
    ever stored, so a page found under this key is the one `public_page` would send.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = None
        if _replayable(environ) and _allowed_host(environ):
            stamp = _memoised_stamp()
            if stamp is not None:
                stored = _recent_pages.get(_page_key(_digest(environ, stamp)))
        if stored is None:
            return self.application(environ, start_response)
        status, headers, content = stored
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [content]


class RecentPages:
    """The last pages this process stored in, or replayed from, the cache, by key.

    A second, smaller copy in this process's memory, so that `StoredPageReplay`
    finds a page with a dictionary lookup instead of a cache round trip and an
    unpickling (with redis, a network round trip). Entries expire with the cache's
    own timeout and the keys hold the stamp, so a page here is retired when the
    cache's copy would be, or sooner (least recently used pages go first). With
    the dummy cache (`DJANGO_CACHE_URL=dummy://`) nothing is kept here either.
    A lock keeps it whole under threads.
    """

    def __init__(self, size: int):
        self._size = size
        self._pages: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            expires, page = entry
            if time.monotonic() >= expires:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple) -> None:
        store = caches[DEFAULT_CACHE_ALIAS]
        if isinstance(store, DummyCache):
            return
        timeout = store.default_timeout  # seconds; None: kept until evicted
        expires = math.inf if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._pages[key] = (expires, page)
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


# About 25 kB a brief page: a few MB a process at most.
_recent_pages = RecentPages(size=200)


_CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def _replayable(environ) -> bool:
    """A plain anonymous GET, judged from the WSGI environ (`request.META` in Django):
    no conditional header (Django answers those: 304, 412), no session cookie."""
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and not _conditional(environ)
        and not _has_session_cookie(environ)
    )


def _conditional(environ) -> bool:
    return any(name in environ for name in _CONDITIONS)


def _allowed_host(environ) -> bool:
    """The Host header names this site (`ALLOWED_HOSTS`); Django answers 400 otherwise."""
    domain, _port = split_domain_port(environ.get("HTTP_HOST", ""))
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def _replayed(stored) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _digest(environ, stamp: datetime.datetime) -> str:
    """The address as the WSGI server passed it (also in `request.META`), and the stamp."""
    address = (
        f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
        f"?{environ.get('QUERY_STRING', '')}"
    )
    return hashlib.sha256(f"{address}|{_token(stamp)}".encode()).hexdigest()


def _page_key(digest: str) -> str:
    return f"{_PAGE_PREFIX}{digest[:32]}"  # 128 bits, as the ETag; short keys look up faster


def _signed_in(request) -> bool:
    # The cookie, not request.user: looking the session up would cost a query.
    return settings.SESSION_COOKIE_NAME in request.COOKIES  # parsed once by Django


def _has_session_cookie(environ) -> bool:
    """`_signed_in` for the WSGI environ, before Django has parsed the cookies."""
    cookies = environ.get("HTTP_COOKIE")
    return bool(cookies) and settings.SESSION_COOKIE_NAME in parse_cookie(cookies)


@functools.lru_cache(maxsize=16)  # a handful of stamps are current at any time
def _token(stamp: datetime.datetime) -> str:
    return stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%f")
