"""The read-only JSON API at /api/v1/ (django-ninja): live briefs and the registry.

`api` is mounted in tap_cms/urls.py. The OpenAPI 3 document is at
/api/v1/openapi.json and its browsable docs at /api/v1/docs (Swagger UI from ninja's
own static files, so the site's Content-Security-Policy, 'self' only, holds there
too). Every answer is GET-only, cached like the reader's pages
(`briefs.public.http.public_page`), carries an ETag (ConditionalGetMiddleware) and,
under /api/ only, `Access-Control-Allow-Origin: *` (django-cors-headers).
Errors are `briefs.api.errors`; pagination is `briefs.api.paging`.
"""

from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError

from briefs.api import briefs, errors, registry
from briefs.api.routing import read
from briefs.public.http import public_page
from briefs.public.moved import Moved
from briefs.publishing.article import absolute

api = NinjaAPI(
    title="TAP CMS open data API",
    version="1",
    description=(
        "Read-only: live briefs as readers see them, and the registry of organisations, "
        "people, events (ACLED's field names), relationships and designations. Lists are "
        "paged by an opaque cursor: follow `next` until it is null. A bad query value "
        "answers 400 with `detail` and `errors` naming the parameter."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=public_page,
)
api.add_decorator(public_page, mode="view")
api.add_router("/", briefs.router, tags=["briefs"])
api.add_router("/", registry.router, tags=["registry"])


class Index(Schema):
    openapi: str
    docs: str
    briefs: str
    organisations: str
    people: str
    events: str
    relationships: str
    designations: str


@read(api.default_router, "/", response=Index, url_name="index", tags=["index"])
def index(request):
    """Where everything is."""
    lists = ["briefs", "organisations", "people", "events", "relationships", "designations"]
    return {
        "openapi": absolute(reverse("api:openapi-json")),
        "docs": absolute(reverse("api:openapi-view")),
        **{name: absolute(reverse(f"api:{name}")) for name in lists},
    }


@api.exception_handler(errors.BadRequest)
def _bad_request(request, exc):
    return api.create_response(request, errors.bad_request(request, exc), status=400)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, errors.from_validation(request, exc), status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found.", "errors": []}, status=404)


@api.exception_handler(Moved)
def _moved(request, exc):
    """A former slug: 301 to the same resource at the current one."""
    match = request.resolver_match
    key = "slug" if "slug" in match.kwargs else "key"
    response = api.create_response(
        request, {"detail": "Moved permanently.", "errors": []}, status=301
    )
    response["Location"] = reverse(match.view_name, kwargs={key: exc.holder.slug})
    return response
