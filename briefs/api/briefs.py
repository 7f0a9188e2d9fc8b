"""Briefs through the API: live publications only, as readers see them.

Everything here reads `Publication.objects.live()`, the one definition of public, and
a publication's own approved links: never the working copy (`Brief`), so a draft, a
brief in review, a scheduled or withdrawn one, or an unapproved edit of a live brief
cannot reach the API by a forgotten filter. A list reads the stored card columns in
reading order from `publication_reading_order` (keyset, so any page costs what the
first does), then the page's linked people, organisations and events: four queries.
"""

import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router
from taggit.models import Tag

from briefs.api import paging, schemas
from briefs.api.params import BriefParams, country_code, known_only, organisation_id
from briefs.api.registry import event_link, organisation_link, person_link
from briefs.api.routing import read
from briefs.models import (
    CARD_FIELDS,
    Publication,
    PublicationActor,
    PublicationEvent,
    PublicationOrganisation,
)
from briefs.publishing.article import absolute

router = Router()

READING_ORDER = paging.Order("briefs", (("date", True), ("go_live_at", True), ("id", True)))
FIELDS = (*CARD_FIELDS, "countries")


def _linked(publications: list[Publication]) -> dict[int, dict[str, list]]:
    """Each publication's approved links, current names: three queries for a page."""
    ids = [p.pk for p in publications]
    linked = {pk: {"organisations": [], "people": [], "events": []} for pk in ids}
    kinds = [
        ("organisations", PublicationOrganisation, "organisation", organisation_link),
        ("people", PublicationActor, "actor", person_link),
        ("events", PublicationEvent, "event", event_link),
    ]
    for key, through, field, link in kinds:
        rows = (
            through.objects.filter(publication__in=ids)
            .select_related(field)
            .order_by(f"{field}__{'date' if field == 'event' else 'name'}", "pk")
        )
        for row in rows:
            linked[row.publication_id][key].append(link(getattr(row, field)))
    return linked


def _brief(publication: Publication, links: dict[str, list]) -> dict:
    card = publication.card or {}
    return {
        "slug": publication.slug,
        "title": publication.title,
        "url": absolute(publication.get_absolute_url()),
        "api_url": absolute(reverse("api:brief", kwargs={"slug": publication.slug})),
        "date": publication.date,
        "first_published_at": publication.first_published_at,
        "updated_at": publication.go_live_at if publication.is_update() else None,
        "summary": publication.summary,
        "countries": [c.code for c in publication.countries],
        "authors": [
            {"name": a["name"], "url": absolute(a["url"])} for a in card.get("authors", [])
        ],
        "tags": [{"name": t["name"], "slug": t["slug"]} for t in card.get("tags", [])],
        **links,
    }


@read(router, "/briefs", response=schemas.BriefPage, url_name="briefs")
def briefs(request, params: Query[BriefParams]):
    """Live briefs, newest first by the brief's date (the site's reading order)."""
    params.check(request)
    publications = Publication.objects.live().only(*FIELDS).filter(**params.date_bounds())
    if params.tag:
        # A tag no live brief carries filters everything out, as on /briefs/: which
        # tags exist is not public (a draft's tag has a row too).
        tag = Tag.objects.filter(slug=params.tag).values_list("pk", flat=True).first()
        publications = publications.tagged(tag) if tag else publications.none()
    if (organisation := organisation_id(params.organisation)) is not None:
        publications = publications.about(organisation)
    if code := country_code(params.country):
        publications = publications.in_country(code)
    rows, next_url = paging.page(
        request,
        publications,
        READING_ORDER,
        [datetime.date.fromisoformat, datetime.datetime.fromisoformat, int],
        cursor=params.cursor,
        limit=params.limit,
    )
    linked = _linked(rows)
    return {"results": [_brief(p, linked[p.pk]) for p in rows], "next": next_url}


@read(router, "/briefs/{slug}", response=schemas.BriefDetail, url_name="brief")
def brief(request, slug: str):
    """One live brief by its slug, with its sections as published and its sources."""
    known_only(request, set())
    publication = (
        Publication.objects.live()
        .filter(slug=slug)
        .only(*FIELDS, "content")
        .order_by("-go_live_at")
        .first()
    )
    if publication is None:
        raise Http404("No such brief.")
    content = publication.content or {}
    return {
        **_brief(publication, _linked([publication])[publication.pk]),
        "sections": [
            {"heading": s["heading"], "html": s["html"]} for s in content.get("sections", [])
        ],
        "sources": [
            {
                "outlet": s.get("outlet", ""),
                "title": s.get("title", ""),
                "url": s.get("url", ""),
                "accessed": s.get("accessed"),
            }
            for s in content.get("sources", [])
        ],
    }
