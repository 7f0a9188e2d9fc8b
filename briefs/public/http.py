"""What a reader's page tells the caches in front of it.

Public pages are cached by the reverse proxy the repository ships (`deploy/`), not
by Django. `public_page` says how long a shared cache may keep an anonymous page:
`s-maxage=PUBLIC_CACHE_SECONDS`, then `stale-while-revalidate=PUBLIC_STALE_SECONDS`
while the proxy fetches a fresh copy in the background. So any change (a publish, a
withdrawal, a scheduled go-live, an entity or a tag renamed, the site settings)
reaches every reader within the sum of the two plus one second (nginx counts whole
seconds), 14 s by default, with nothing to purge and however many application
servers sit behind the proxy. Browsers get
`max-age=0` and revalidate with the ETag that `ConditionalGetMiddleware` derives
from the body, so two different bodies never share one.

A page that is gone (a brief withdrawn or erased, an unknown address) answers 404
with the same headers, so that its 404 replaces the stored copy in the proxy: an
uncacheable 404 would leave the old page there, to be served again as stale the
next time the application or the database is down.

A request that carries a session cookie (staff signed in to the admin) gets
`private, no-cache`: the proxy neither serves it a stored page nor stores its
response (deploy/ bypasses the cache on the cookie as well). The check reads the
cookie, not the session, so an anonymous page never varies on `Cookie`.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.defaults import page_not_found


def public_page(view):
    """Mark `view`'s responses as shareable by the proxy for a bounded time."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as exc:
            if settings.DEBUG:
                raise  # Django's technical 404 page
            response = page_not_found(request, exc)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_cache=True)
        elif "Cache-Control" not in response:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.PUBLIC_CACHE_SECONDS,
                stale_while_revalidate=settings.PUBLIC_STALE_SECONDS,
            )
        return response

    return wrapper


def never_cached(response):
    """A response no cache may keep: previews, health checks."""
    add_never_cache_headers(response)
    return response
