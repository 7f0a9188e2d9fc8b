"""The reader's side of briefs: home, list, brief page, tag and author pages, search.

Every view starts from `Publication.objects.live()`, the one definition of what
readers may see, and never reads the `Brief` working copy. A brief page renders
from the publication's own columns, so it costs the same few queries however long
the brief is; its article was rendered at publish (`briefs.publishing.article`).
Public pages go through `http.public_page`, which tells the proxy in front how long
it may keep them.
"""

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from taggit.models import Tag

from briefs.models import Author, Publication
from briefs.public.http import never_cached, public_page
from briefs.public.listing import PAGE_SIZE, Facets, Filters, page_number, page_of, paginate
from briefs.public.moved import by_slug, follows_old_slugs
from briefs.public.search import CANDIDATES, Search
from briefs.publishing import article, corrections, counts
from briefs.publishing.article import absolute

HOME_BRIEFS = 7
# What the brief page reads of a publication: its stored article and the footer it
# went out with, in one query.
PAGE_FIELDS = (
    "title",
    "slug",
    "article_head",
    "article_html",
    "article_fingerprint",
    "disclaimer",
    "copyright",
)
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


@public_page
def home(request):
    latest = list(Publication.objects.live().cards().in_reading_order()[:HOME_BRIEFS])
    return render(
        request,
        "briefs/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "facets": Facets.read(),
            "canonical_url": absolute(reverse("briefs:home")),
        },
    )


@public_page
def brief_list(request):
    filters = Filters.from_query(request.GET)
    facets = Facets.read()
    live = filters.apply(Publication.objects.live(), facets)
    page = paginate(request, live, count=filters.total(facets))
    return render(
        request,
        "briefs/brief_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "facets": facets,
            "filter_labels": filters.labels(facets),
            "canonical_url": absolute(reverse("briefs:list")),
        },
    )


@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    total = counts.read([], keys=[counts.key("tag", tag.pk)]).of("tag", tag.pk)
    if not total:
        raise Http404("No live brief has this tag.")
    page = paginate(request, Publication.objects.live().tagged(tag.pk), count=total)
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
@follows_old_slugs
def author_detail(request, slug):
    # An address the author had before renaming themselves redirects (`moved`).
    author = by_slug(Author.objects, slug)
    total = counts.read([], keys=[counts.key("author", author.user_id)]).of(
        "author", author.user_id
    )
    if not total:
        raise Http404("No live brief by this author.")
    page = paginate(request, Publication.objects.live().filter(authors=author.user_id), count=total)
    return render(
        request,
        "briefs/author_detail.html",
        {
            "author_name": author.display_name,
            "page_obj": page,
            "canonical_url": absolute(author.get_absolute_url()),
        },
    )


@public_page
def search(request):
    query = Search.from_text(request.GET.get("q"))
    filters = Filters.from_query(request.GET)
    facets = Facets.read()
    page = None
    if query.runnable:
        number = page_number(request)
        ranked = query.ranked_ids(filters.apply(Publication.objects.live(), facets))
        offset = (number - 1) * PAGE_SIZE
        page = page_of(
            ranked[offset : offset + PAGE_SIZE + 1],
            number=number,
            count=len(ranked),
            rows=query.with_headlines(Publication.objects.all()),
        )
        for publication in page.object_list:
            publication.excerpt = query.excerpt(publication)
    entities = query.entities() if query.runnable and page.number == 1 else {}
    return render(
        request,
        "briefs/search.html",
        {
            "query": query,
            "asked": "q" in request.GET,
            "filters": filters,
            "facets": facets,
            "page_obj": page,
            "more_than_counted": page is not None and page.count >= CANDIDATES,
            "entities": entities,
            "entities_found": any(entities.values()),
            "canonical_url": absolute(reverse("briefs:search")),
        },
    )


# -- the brief page ------------------------------------------------------------------


@public_page
def brief_detail(request, slug):
    publication = (
        Publication.objects.live()
        .filter(slug=slug)
        .only(*PAGE_FIELDS)
        .order_by("-go_live_at")
        .first()
    )
    if publication is None:
        moved = Publication.objects.live().filter(brief__in=_once_live_at(slug))
        moved = moved.only("slug").first()
        if moved is not None:
            return redirect(moved, permanent=True)
        notice = corrections.withdrawal_notice(_once_live_at(slug))
        if notice is None:
            raise Http404("No such brief.")
        return withdrawn(request, notice)
    if not article.is_current(publication):
        # Stored by older templates or code: the whole row, to render it afresh.
        publication = Publication.objects.defer("search").get(pk=publication.pk)
    return render_brief(request, publication)


def _once_live_at(slug: str):
    """Briefs that were live at this address and have moved: their slug was changed.

    Only publications that were shown count, so the slug of a version that was
    replaced before its time came is never revealed.
    """
    return corrections.shown_versions(Publication.objects.filter(slug=slug)).values("brief")


def withdrawn(request, notice) -> HttpResponse:
    """410 Gone, with the notice: what the brief was, when it was published and
    withdrawn, and why. Cached like a 404, so that it replaces the proxy's copy."""
    return render(
        request,
        "briefs/brief_withdrawn.html",
        {"notice": notice, "corrections_url": reverse("briefs:corrections")},
        status=410,
    )


def render_brief(request, publication: Publication, *, preview: bool = False) -> HttpResponse:
    """The brief page for `publication`: its stored article and the site's footer.

    Works on an unsaved publication (the admin preview passes the one built by
    `briefs.publishing.snapshot.take`): no related rows are read and no primary key
    is needed. With `preview`, the page says so in a banner and is never cached or
    indexed.
    """
    head, html = article.stored_or_rendered(publication)
    context = {
        "title": publication.title,
        "article_head": head,
        "article_html": html,
        "disclaimer": publication.disclaimer,
        "copyright": publication.copyright,
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
