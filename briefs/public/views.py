"""The reader's side of briefs: home, list, brief page, tag and author pages, search.

Every view starts from `Publication.objects.live()`, the one definition of what
readers may see, and never reads the `Brief` working copy. A brief page renders
from the publication's own columns, so it costs the same few queries however long
the brief is; its article was rendered at publish (`briefs.publishing.article`).
Public pages go through `http.public_page`, which tells the proxy in front how long
it may keep them.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, F, Q
from django.db.models.fields.json import KeyTransform
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from taggit.models import Tag

from actors.models import Organisation
from briefs.models import READING_ORDER, Publication, SiteSettings
from briefs.public.http import never_cached, public_page
from briefs.public.search import Search
from briefs.publishing import article
from briefs.publishing.article import absolute

PAGE_SIZE = 12
HOME_BRIEFS = 7
BRIEF_TEMPLATE = "briefs/brief_detail.html"


def healthz(request):
    """200 when the site can reach its database, 503 (and no traceback) when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
    else:
        response = HttpResponse("ok", content_type="text/plain")
    return never_cached(response)


# -- lists ---------------------------------------------------------------------------


def brief_cards(publications):
    """Publications as the cards of a list need them: no section text, no vector."""
    return publications.defer("content", "search").annotate(
        card_authors=KeyTransform("authors", "content"),
        card_tags=KeyTransform("tags", "content"),
        card_cover=KeyTransform("cover", "content"),
    )


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """The requested page of `queryset`; 404 for a page that does not exist."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page.") from exc
    page.object_list = list(page.object_list)
    return page


@dataclass(frozen=True)
class Filters:
    """The list's filters, read from the query string. Unknown values filter nothing."""

    tag: str = ""
    organisation: str = ""
    country: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params) -> "Filters":
        country = params.get("country", "").strip().upper()
        year = params.get("year", "").strip()
        return cls(
            tag=params.get("tag", "").strip()[:100],
            organisation=params.get("organisation", "").strip()[:80],
            country=country if country in dict(countries) else "",
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.tag or self.organisation or self.country or self.year)

    def apply(self, publications):
        if self.tag:
            publications = publications.filter(tags__slug=self.tag)
        if self.organisation:
            publications = publications.filter(organisations__slug=self.organisation)
        if self.country:
            # A multiple CountryField is stored as "AF,PK".
            publications = publications.filter(countries__regex=rf"(^|,){self.country}(,|$)")
        if self.year:
            publications = publications.filter(date__year=self.year)
        return publications


def facets(live, *, years: bool = True) -> dict:
    """The ways into the live briefs, each with how many briefs it leads to."""
    counted: dict[str, int] = {}
    for stored in live.values_list("countries", flat=True):
        # values_list gives the stored text: "AF,PK".
        for code in filter(None, str(stored or "").split(",")):
            counted[code] = counted.get(code, 0) + 1
    result = {
        "organisations": list(
            Organisation.objects.filter(publications__in=live)
            .annotate(live_briefs=Count("publications"))
            .order_by("-live_briefs", "name")
            .values("slug", "name", "abbreviation", "live_briefs")
        ),
        "tags": list(
            Tag.objects.filter(publications__in=live)
            .annotate(live_briefs=Count("publications"))
            .order_by("-live_briefs", "name")
            .values("slug", "name", "live_briefs")
        ),
        "countries": sorted(
            (
                {"code": code, "name": countries.name(code), "live_briefs": n}
                for code, n in counted.items()
            ),
            key=lambda c: (-c["live_briefs"], c["name"]),
        ),
    }
    if years:
        result["years"] = [d.year for d in live.dates("date", "year", order="DESC")]
    return result


@public_page
def home(request):
    live = Publication.objects.live()
    latest = list(brief_cards(live).order_by(*READING_ORDER)[:HOME_BRIEFS])
    return render(
        request,
        "briefs/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "facets": facets(live, years=False),
            "canonical_url": absolute(reverse("briefs:home")),
        },
    )


@public_page
def brief_list(request):
    live = Publication.objects.live()
    filters = Filters.from_query(request.GET)
    page = paginate(request, filters.apply(brief_cards(live)).order_by(*READING_ORDER))
    facet_lists = facets(live)
    return render(
        request,
        "briefs/brief_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "facets": facet_lists,
            "filter_labels": _filter_labels(filters, facet_lists),
            "canonical_url": absolute(reverse("briefs:list")),
        },
    )


def _filter_labels(filters: Filters, facet_lists: dict) -> list[str]:
    """What the list is filtered by, in words, for the heading."""
    labels = []
    if filters.tag:
        names = {t["slug"]: t["name"] for t in facet_lists["tags"]}
        labels.append(f"tagged “{names.get(filters.tag, filters.tag)}”")
    if filters.organisation:
        names = {o["slug"]: o["name"] for o in facet_lists["organisations"]}
        labels.append(f"on {names.get(filters.organisation, filters.organisation)}")
    if filters.country:
        labels.append(f"about {countries.name(filters.country)}")
    if filters.year:
        labels.append(f"from {filters.year}")
    return labels


@public_page
def tag_detail(request, slug):
    tagged = Publication.objects.live().filter(tags__slug=slug)
    page = paginate(request, brief_cards(tagged).order_by(*READING_ORDER))
    if not page.paginator.count:
        raise Http404("No live brief has this tag.")
    tag = get_object_or_404(Tag, slug=slug)
    return render(
        request,
        "briefs/tag_detail.html",
        {
            "tag": tag,
            "page_obj": page,
            "canonical_url": absolute(reverse("briefs:tag", kwargs={"slug": slug})),
        },
    )


@public_page
def author_detail(request, username):
    User = get_user_model()
    live = Publication.objects.live()
    author = get_object_or_404(
        User.objects.filter(publications__in=live)
        .distinct()
        .only("pk", "username", "first_name", "last_name"),
        username=username,
    )
    page = paginate(request, brief_cards(live.filter(authors=author)).order_by(*READING_ORDER))
    return render(
        request,
        "briefs/author_detail.html",
        {
            "author_name": author.get_full_name() or author.get_username(),
            "page_obj": page,
            "canonical_url": absolute(reverse("briefs:author", kwargs={"username": username})),
        },
    )


@public_page
def search(request):
    live = Publication.objects.live()
    query = Search.from_text(request.GET.get("q"))
    filters = Filters.from_query(request.GET)
    page = None
    if query.runnable:
        page = paginate(request, query.results(filters.apply(brief_cards(live))))
        for publication in page.object_list:
            publication.excerpt = query.excerpt(publication)
    return render(
        request,
        "briefs/search.html",
        {
            "query": query,
            "asked": "q" in request.GET,
            "filters": filters,
            "facets": facets(live),
            "page_obj": page,
            "canonical_url": absolute(reverse("briefs:search")),
        },
    )


# -- the brief page ------------------------------------------------------------------


@public_page
def brief_detail(request, slug):
    publication = (
        Publication.objects.live()
        .filter(slug=slug)
        .only("title", "slug", "article_head", "article_html", "article_fingerprint")
        .order_by("-go_live_at")
        .first()
    )
    if publication is None:
        moved = Publication.objects.live().filter(brief__in=_once_live_at(slug))
        moved = moved.only("slug").first()
        if moved is None:
            raise Http404("No such brief.")
        return redirect(moved, permanent=True)
    if not article.is_current(publication):
        # Stored by older templates or code: the whole row, to render it afresh.
        publication = Publication.objects.defer("search").get(pk=publication.pk)
    return render_brief(request, publication)


def _once_live_at(slug: str):
    """Briefs that were live at this address and have moved: their slug was changed.

    Only publications that were shown count, so the slug of a version that was
    replaced before its time came is never revealed.
    """
    return (
        Publication.objects.filter(slug=slug, go_live_at__lte=timezone.now())
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=F("go_live_at")))
        .values("brief")
    )


def render_brief(request, publication: Publication, *, preview: bool = False) -> HttpResponse:
    """The brief page for `publication`: its stored article and the site's footer.

    Works on an unsaved publication (the admin preview passes the one built by
    `briefs.publishing.snapshot.take`): no related rows are read and no primary key
    is needed. With `preview`, the page says so in a banner and is never cached or
    indexed.
    """
    head, html = article.stored_or_rendered(publication)
    site = SiteSettings.load()
    context = {
        "title": publication.title,
        "article_head": head,
        "article_html": html,
        "disclaimer": site.disclaimer,
        "copyright": site.copyright,
        "preview": preview,
    }
    response = render(request, BRIEF_TEMPLATE, context)
    if preview:
        never_cached(response)
        response["X-Robots-Tag"] = "noindex"
    return response


# -- small files ---------------------------------------------------------------------


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {absolute(reverse('briefs:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
