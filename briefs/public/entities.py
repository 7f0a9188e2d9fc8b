"""The pages of people, organisations and events, and their index pages.

These are reference entities: their pages exist whether or not a brief discusses
them. The briefs they list are live publications only (`Publication.objects.live()`
through the publication's own approved links), so an entity linked only from a
draft shows no trace of it. A page with no live brief asks not to be indexed. An
address the entity had before answers 301 to its page (`briefs.public.moved`).
The index pages (`/organisations/`, `/actors/`, `/events/`) are read by
`briefs.public.directory`; the organisation's charts are drawn by `briefs.public.charts`;
logos and photos are served by `briefs.public.portraits`.
"""

from django.db.models import F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from actors.codebook import EVENT_TYPE_CHOICES, source_scale
from actors.dates import format_date
from actors.incidents import interaction_of, main_actors
from actors.models import (
    Actor,
    Event,
    EventClaim,
    EventOrganisation,
    EventParty,
    Organisation,
    Relationship,
    Role,
    with_alias_texts,
)
from briefs.models import Publication
from briefs.public import charts, directory, portraits
from briefs.public.http import public_page
from briefs.public.listing import paginate
from briefs.public.moved import by_slug, follows_old_slugs
from briefs.publishing.article import absolute
from briefs.publishing.timeline import casualty_count

# How a relationship reads from the other organisation's side.
_INVERSE = {
    Relationship.Kind.ALLY: "Ally of",
    Relationship.Kind.AFFILIATE: "Has as affiliate",
    Relationship.Kind.SPLINTER: "Has as splinter group",
    Relationship.Kind.RIVAL: "Rival of",
    Relationship.Kind.SPONSOR: "Sponsored by",
}


def _period(relationship: Relationship) -> str:
    if not (relationship.start or relationship.end):
        return ""
    start = format_date(relationship.start, relationship.start_precision) or "?"
    end = format_date(relationship.end, relationship.end_precision) or "present"
    return f"{start} – {end}"


@public_page
@follows_old_slugs
def actor_detail(request, slug):
    actor = by_slug(with_alias_texts(Actor.objects.all()), slug)
    roles = (
        Role.objects.filter(actor=actor)
        .select_related("organisation")
        .order_by(F("start").desc(nulls_last=True), "title")
    )
    events = actor.event_links.select_related("event").order_by("-event__date", "event__title")
    page = paginate(request, Publication.objects.live().filter(actors=actor))
    return render(
        request,
        "actors/actor_detail.html",
        {
            "actor": actor,
            "photo": portraits.image_of(actor),
            "roles": roles,
            "event_links": events,
            "page_obj": page,
            "noindex": not page.object_list,
            "canonical_url": absolute(actor.get_absolute_url()),
        },
    )


@public_page
@follows_old_slugs
def organisation_detail(request, slug):
    organisation = by_slug(with_alias_texts(Organisation.objects.select_related("parent")), slug)
    relationships = []
    for r in (
        Relationship.objects.filter(Q(subject=organisation) | Q(other=organisation))
        .select_related("subject", "other")
        .order_by("kind", "start")
    ):
        outgoing = r.subject_id == organisation.pk
        relationships.append(
            {
                "label": r.get_kind_display() if outgoing else _INVERSE[r.kind],
                "organisation": r.other if outgoing else r.subject,
                "relationship": r,
                "period": _period(r),
            }
        )
    roles = (
        Role.objects.filter(organisation=organisation)
        .select_related("actor")
        .order_by(F("end").desc(nulls_first=True), F("start").desc(nulls_last=True), "actor__name")
    )
    page = paginate(request, Publication.objects.live().about(organisation.pk))
    months, by_year_only = charts.monthly_figures(directory.events_of(organisation.pk))
    return render(
        request,
        "actors/organisation_detail.html",
        {
            "organisation": organisation,
            "children": organisation.children.order_by("name"),
            "founded": format_date(organisation.founded, organisation.founded_precision),
            "dissolved": format_date(organisation.dissolved, organisation.dissolved_precision),
            "relationships": relationships,
            "roles": roles,
            "designations": organisation.designations.order_by(
                F("listed").asc(nulls_last=True), "jurisdiction"
            ),
            "events": _organisation_events(organisation),
            "events_shown": EVENTS_SHOWN,
            "months": months,
            "by_year_only": by_year_only,
            "chart": charts.monthly_chart(months),
            "relationships_chart": charts.relationship_timeline(
                relationships, today=timezone.localdate()
            ),
            "logo": portraits.image_of(organisation),
            "page_obj": page,
            "noindex": not page.object_list,
            "canonical_url": absolute(organisation.get_absolute_url()),
        },
    )


EVENTS_SHOWN = 20  # on an organisation's page; the rest are on /events/?organisation=


def _organisation_events(organisation: Organisation) -> list[tuple[Event, list[str]]]:
    """The organisation's newest `EVENTS_SHOWN` events, each with its parts in it: an
    actor, a claimant, a participant or a target (three queries, one for each kind of
    link, each bounded: the newest of the union are among the newest of each)."""
    events: dict[Event, list[str]] = {}
    links = [
        (
            EventParty.objects.filter(organisation=organisation),
            lambda p: p.get_side_display() + (" (associated)" if p.associated else ""),
        ),
        (EventClaim.objects.filter(organisation=organisation), lambda c: "Claimed responsibility"),
        (
            EventOrganisation.objects.filter(organisation=organisation),
            lambda link: link.get_part_display(),
        ),
    ]
    for queryset, part in links:
        newest = queryset.select_related("event").order_by("-event__date", "event__title")
        for link in newest[: EVENTS_SHOWN * 2]:  # an event may be linked twice one way
            events.setdefault(link.event, []).append(part(link))
    ordered = sorted(events.items(), key=lambda item: (-item[0].date.toordinal(), item[0].title))
    return ordered[:EVENTS_SHOWN]


@public_page
@follows_old_slugs
def event_detail(request, slug):
    event = by_slug(Event.objects, slug)
    parts: dict[str, list] = {}
    for link in event.organisation_links.select_related("organisation").order_by(
        "organisation__name"
    ):
        parts.setdefault(link.part, []).append(link.organisation)
    parties = list(event.parties.select_related("organisation"))
    for party in parties:
        party.event = event  # names a category by the event's country
    main = main_actors(parties)
    page = paginate(request, Publication.objects.live().filter(events=event))
    sources = list(event.sources.all())
    return render(
        request,
        "actors/event_detail.html",
        {
            "event": event,
            "end_date": event.end_date_display(),
            "place": [
                p for p in [event.location, event.admin2, event.admin1, event.country.name] if p
            ],
            "latitude": _degrees(event.latitude, "N", "S"),
            "longitude": _degrees(event.longitude, "E", "W"),
            "killed_victims": casualty_count(event.killed_victims),
            "killed_perpetrators": casualty_count(event.killed_perpetrators),
            "killed": casualty_count(event.killed_best, (event.killed_low, event.killed_high)),
            "injured": casualty_count(event.injured_best, (event.injured_low, event.injured_high)),
            "sides": [
                (label, main[side], [p for p in parties if p.side == side and p.associated])
                for side, label in EventParty.Side.choices
                if main[side]
            ],
            "interaction": interaction_of(parties),
            "claims": event.claims.select_related("organisation"),
            "participants": parts.get(EventOrganisation.Part.PARTICIPANT, []),
            "targets": parts.get(EventOrganisation.Part.TARGET, []),
            "people": event.actor_links.select_related("actor").order_by("actor__name"),
            "sources": sources,
            "source_scale": source_scale([s.scale for s in sources if s.scale]),
            "tags": event.tags.order_by("name"),
            "page_obj": page,
            "noindex": not page.object_list,
            "canonical_url": absolute(event.get_absolute_url()),
        },
    )


def _degrees(value, positive: str, negative: str) -> str:
    """A coordinate as a reader reads it: 24.86080° N."""
    if value is None:
        return ""
    return f"{abs(value):.5f}° {positive if value >= 0 else negative}"


# -- the index pages ---------------------------------------------------------------------


@public_page
def organisation_list(request):
    filters = directory.OrganisationFilters.from_query(request.GET)
    return render(
        request,
        "actors/organisation_list.html",
        {
            "filters": filters,
            "filter_labels": filters.labels(),
            "page_obj": directory.page_of_rows(request, filters.rows()),
            "kinds": Organisation.Kind.choices,
            "countries": directory.COUNTRIES,
            "canonical_url": absolute(reverse("actors:organisation_list")),
        },
    )


@public_page
def actor_list(request):
    filters = directory.ActorFilters.from_query(request.GET)
    organisation = _organisation_named(filters.organisation)
    return render(
        request,
        "actors/actor_list.html",
        {
            "filters": filters,
            "organisation": organisation,
            "filter_labels": filters.labels(organisation),
            "page_obj": directory.page_of_rows(request, filters.rows(organisation)),
            "countries": directory.COUNTRIES,
            "canonical_url": absolute(reverse("actors:actor_list")),
        },
    )


@public_page
def event_list(request):
    filters = directory.EventFilters.from_query(request.GET)
    organisation = _organisation_named(filters.organisation)
    return render(
        request,
        "actors/event_list.html",
        {
            "filters": filters,
            "organisation": organisation,
            "filter_labels": filters.labels(organisation),
            "page_obj": directory.page_of_rows(request, filters.rows(organisation)),
            "event_types": EVENT_TYPE_CHOICES,
            "countries": directory.COUNTRIES,
            "years": directory.event_years(),
            "canonical_url": absolute(reverse("actors:event_list")),
        },
    )


def _organisation_named(slug: str) -> Organisation | None:
    """The organisation a list is filtered by (one query), or None."""
    if not slug:
        return None
    return Organisation.objects.only("name", "slug").filter(slug=slug).first()
