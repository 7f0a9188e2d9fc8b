"""The pages of people, organisations and events.

These are reference entities: their pages exist whether or not a brief discusses
them. The briefs they list are live publications only (`Publication.objects.live()`
through the publication's own approved links), so an entity linked only from a
draft shows no trace of it. A page with no live brief asks not to be indexed. An
address the entity had before answers 301 to its page (`briefs.public.moved`).
"""

from django.db.models import F, Q
from django.shortcuts import render

from actors.dates import format_date
from actors.models import (
    Actor,
    Event,
    EventOrganisation,
    Organisation,
    Relationship,
    Role,
    with_alias_texts,
)
from briefs.models import Publication
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
    events = {}
    for link in (
        EventOrganisation.objects.filter(organisation=organisation)
        .select_related("event")
        .order_by("-event__date", "event__title")
    ):
        events.setdefault(link.event, []).append(link.get_part_display())
    page = paginate(request, Publication.objects.live().about(organisation.pk))
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
            "events": list(events.items()),
            "page_obj": page,
            "noindex": not page.object_list,
            "canonical_url": absolute(organisation.get_absolute_url()),
        },
    )


@public_page
@follows_old_slugs
def event_detail(request, slug):
    event = by_slug(Event.objects, slug)
    parts: dict[str, list] = {}
    for link in event.organisation_links.select_related("organisation").order_by(
        "organisation__name"
    ):
        parts.setdefault(link.part, []).append(link.organisation)
    page = paginate(request, Publication.objects.live().filter(events=event))
    return render(
        request,
        "actors/event_detail.html",
        {
            "event": event,
            "end_date": format_date(event.end_date),
            "killed": casualty_count(event.killed),
            "injured": casualty_count(event.injured),
            "perpetrators": parts.get(EventOrganisation.Part.PERPETRATOR, []),
            "claimants": parts.get(EventOrganisation.Part.CLAIMANT, []),
            "participants": parts.get(EventOrganisation.Part.PARTICIPANT, []),
            "targets": parts.get(EventOrganisation.Part.TARGET, []),
            "people": event.actor_links.select_related("actor").order_by("actor__name"),
            "sources": event.sources.all(),
            "page_obj": page,
            "noindex": not page.object_list,
            "canonical_url": absolute(event.get_absolute_url()),
        },
    )
