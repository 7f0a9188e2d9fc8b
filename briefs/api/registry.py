"""The registry through the API: organisations, people, events, relationships,
designations. All of it is public reference data (each entity has its public page);
what a row shows is what that page shows. Each list costs a fixed number of queries:
its page of rows, then one per kind of related row (prefetched), however many rows."""

import datetime

from django.db.models import F, Prefetch, Q
from django.urls import reverse
from ninja import Query, Router

from actors.designations import Designation
from actors.incidents import EventClaim, EventParty, main_actors
from actors.models import Actor, Event, Organisation, Relationship, Role
from briefs.api import paging, schemas
from briefs.api.params import (
    AsOf,
    DesignationParams,
    EventParams,
    OrganisationParams,
    PersonParams,
    RelationshipParams,
    country_code,
    known_only,
    organisation_id,
    refused,
)
from briefs.api.routing import read
from briefs.data.columns import names
from briefs.data.events import ACLED_COLUMNS, acled_row, tag_names
from briefs.data.filters import narrow_events
from briefs.public.moved import by_slug
from briefs.publishing.article import absolute

router = Router()

ORGANISATIONS = paging.Order("organisations", (("name", False), ("id", False)))
PEOPLE = paging.Order("people", (("name", False), ("id", False)))
EVENTS = paging.Order("events", (("date", True), ("title", False), ("id", False)))
RELATIONSHIPS = paging.Order("relationships", (("id", False),))
DESIGNATIONS = paging.Order("designations", (("id", False),))

# The events file's ACLED columns: the API's event has each one its schema lists.
ACLED_NAMES = names(ACLED_COLUMNS)


def api_url(name: str, key: str) -> str:
    return absolute(reverse(f"api:{name}", kwargs={"key": key}))


def organisation_link(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
        "api_url": api_url("organisation", organisation.slug),
    }


def person_link(actor: Actor) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "url": absolute(actor.get_absolute_url()),
        "api_url": api_url("person", actor.slug),
    }


def event_link(event: Event) -> dict:
    return {
        "event_id_cnty": event.public_id,
        "slug": event.slug,
        "title": event.title,
        "event_date": event.date,
        "url": absolute(event.get_absolute_url()),
        "api_url": api_url("event", event.public_id or event.slug),
    }


def _aliases(entity) -> list[dict]:
    return [
        {"text": a.text, "kind": a.kind, "language": a.language, "script": a.script}
        for a in entity.aliases.all()
    ]


def _designation(designation: Designation, organisation: Organisation) -> dict:
    return {
        "organisation": organisation_link(organisation),
        "jurisdiction": designation.jurisdiction,
        "jurisdiction_label": designation.get_jurisdiction_display(),
        "listed": designation.listed,
        "listed_precision": designation.listed_precision,
        "delisted": designation.delisted,
        "delisted_precision": designation.delisted_precision,
        "source": designation.source_title,
        "source_url": designation.source_url,
    }


def _organisation(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "abbreviation": organisation.abbreviation,
        "kind": organisation.kind,
        "country": organisation.country.code or "",
        "description": organisation.description,
        "parent": organisation_link(organisation.parent) if organisation.parent_id else None,
        "founded": organisation.founded,
        "founded_precision": organisation.founded_precision,
        "dissolved": organisation.dissolved,
        "dissolved_precision": organisation.dissolved_precision,
        "url": absolute(organisation.get_absolute_url()),
        "api_url": api_url("organisation", organisation.slug),
        "aliases": _aliases(organisation),
        "designations": [_designation(d, organisation) for d in organisation.designations.all()],
    }


def _organisations():
    return Organisation.objects.select_related("parent").prefetch_related(
        "aliases",
        Prefetch(
            "designations",
            queryset=Designation.objects.order_by(F("listed").asc(nulls_last=True), "jurisdiction"),
        ),
    )


@read(router, "/organisations", response=schemas.OrganisationPage, url_name="organisations")
def organisations(request, params: Query[OrganisationParams]):
    """Organisations in alphabetical order, with their aliases and designations."""
    params.check(request)
    queryset = _organisations()
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    if code := country_code(params.country):
        queryset = queryset.filter(country=code)
    rows, next_url = paging.page(
        request, queryset, ORGANISATIONS, [str, int], cursor=params.cursor, limit=params.limit
    )
    return {"results": [_organisation(o) for o in rows], "next": next_url}


@read(router, "/organisations/{key}", response=schemas.Organisation, url_name="organisation")
def organisation(request, key: str):
    """One organisation by its slug (a former slug answers 301 to the current one)."""
    known_only(request, set())
    return _organisation(by_slug(_organisations(), key))


def _roles(day: datetime.date | None):
    roles = Role.objects.select_related("organisation")
    if day is None:
        return roles.order_by(F("start").desc(nulls_last=True), "title", "pk")
    # Most senior first, then the role begun last (briefs.publishing.people's order).
    return roles.held_on(day).order_by("rank", F("start").desc(nulls_last=True), "title", "pk")


def _person(actor: Actor) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "nationality": actor.nationality.code or "",
        "biography": actor.biography,
        "url": absolute(actor.get_absolute_url()),
        "api_url": api_url("person", actor.slug),
        "aliases": _aliases(actor),
        "roles": [
            {
                "title": role.title,
                "organisation": organisation_link(role.organisation)
                if role.organisation_id
                else None,
                "rank": role.rank,
                "rank_label": role.get_rank_display(),
                "start": role.start,
                "start_precision": role.start_precision,
                "end": role.end,
                "end_precision": role.end_precision,
            }
            for role in actor.roles.all()
        ],
    }


def _people(day: datetime.date | None):
    return Actor.objects.prefetch_related("aliases", Prefetch("roles", queryset=_roles(day)))


@read(router, "/people", response=schemas.PersonPage, url_name="people")
def people(request, params: Query[PersonParams]):
    """People in alphabetical order with their roles; `as_of` keeps those held that day."""
    params.check(request)
    queryset = _people(params.as_of)
    if code := country_code(params.nationality, "nationality"):
        queryset = queryset.filter(nationality=code)
    rows, next_url = paging.page(
        request, queryset, PEOPLE, [str, int], cursor=params.cursor, limit=params.limit
    )
    return {"results": [_person(a) for a in rows], "next": next_url}


@read(router, "/people/{key}", response=schemas.Person, url_name="person")
def person(request, key: str, params: Query[AsOf]):
    """One person by slug; `as_of` keeps the roles held that day."""
    params.check(request)
    return _person(by_slug(_people(params.as_of), key))


def _event(event: Event) -> dict:
    parties = list(event.parties.all())
    for party in parties:
        party.event = event  # a category is named with the event's country
    main = main_actors(parties)
    one, two = main[EventParty.Side.ACTOR_1], main[EventParty.Side.ACTOR_2]
    sources = list(event.sources.all())
    country = event.country
    # ACLED's fields, exactly as the events file writes them (one definition).
    acled = acled_row(event, parties, [(s.outlet, s.scale) for s in sources], event.tag_names)
    return {
        **dict(zip(ACLED_NAMES, acled, strict=True)),
        "slug": event.slug,
        "title": event.title,
        "url": absolute(event.get_absolute_url()),
        "api_url": api_url("event", event.public_id or event.slug),
        "iso3": country.alpha3 if country else "",
        "country_code": country.code if country else "",
        "date_precision": event.date_precision,
        "end_date": event.end_date,
        "end_date_precision": event.end_date_precision,
        "kind": event.kind,
        "actor1_organisation": organisation_link(one.organisation)
        if one and one.organisation_id
        else None,
        "actor2_organisation": organisation_link(two.organisation)
        if two and two.organisation_id
        else None,
        "fatalities_low": event.killed_low,
        "fatalities_high": event.killed_high,
        "fatalities_victims": event.killed_victims,
        "fatalities_perpetrators": event.killed_perpetrators,
        "injured": event.injured_best,
        "injured_low": event.injured_low,
        "injured_high": event.injured_high,
        "claim": event.claim,
        "claims": [
            {"organisation": organisation_link(c.organisation), "mode": c.mode}
            for c in event.claims.all()
        ],
        "competing_claims": event.competing_claims,
        "attribution": event.attribution,
        "sources": [
            {
                "outlet": s.outlet,
                "title": s.title,
                "url": s.url,
                "accessed": s.accessed,
                "source_scale": s.scale,
            }
            for s in sources
        ],
    }


def _events():
    return Event.objects.prefetch_related(
        Prefetch("parties", queryset=EventParty.objects.select_related("organisation")),
        Prefetch("claims", queryset=EventClaim.objects.select_related("organisation")),
        "sources",
    ).annotate(tag_names=tag_names())


@read(router, "/events", response=schemas.EventPage, url_name="events")
def events(request, params: Query[EventParams]):
    """Events, newest first, with ACLED's field names (ours after them)."""
    params.check(request)
    with refused():
        queryset = narrow_events(
            _events(),
            country=params.country,
            start=params.date_from,
            end=params.date_to,
            organisation=params.organisation,
            event_type=params.event_type,
        )
    for field in ("sub_event_type", "kind"):
        if value := getattr(params, field):
            queryset = queryset.filter(**{field: value})
    rows, next_url = paging.page(
        request,
        queryset,
        EVENTS,
        [datetime.date.fromisoformat, str, int],
        cursor=params.cursor,
        limit=params.limit,
    )
    return {"results": [_event(e) for e in rows], "next": next_url}


@read(router, "/events/{key}", response=schemas.Event, url_name="event")
def event(request, key: str):
    """One event by its event ID (`PAK-12`) or its slug."""
    known_only(request, set())
    queryset = _events()
    if key[:3].isupper():
        found = queryset.filter(public_id=key).first()
        if found is not None:
            return _event(found)
    return _event(by_slug(queryset, key))


def _relationship(r: Relationship) -> dict:
    return {
        "subject": organisation_link(r.subject),
        "kind": r.kind,
        "kind_label": r.get_kind_display(),
        "other": organisation_link(r.other),
        "start": r.start,
        "start_precision": r.start_precision,
        "end": r.end,
        "end_precision": r.end_precision,
        "source": r.source,
        "source_url": r.source_url,
    }


@read(router, "/relationships", response=schemas.RelationshipPage, url_name="relationships")
def relationships(request, params: Query[RelationshipParams]):
    """How organisations stand to each other over time."""
    params.check(request)
    queryset = Relationship.objects.select_related("subject", "other")
    if (organisation := organisation_id(params.organisation)) is not None:
        queryset = queryset.filter(Q(subject=organisation) | Q(other=organisation))
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    rows, next_url = paging.page(
        request, queryset, RELATIONSHIPS, [int], cursor=params.cursor, limit=params.limit
    )
    return {"results": [_relationship(r) for r in rows], "next": next_url}


@read(router, "/designations", response=schemas.DesignationPage, url_name="designations")
def designations(request, params: Query[DesignationParams]):
    """Organisations' listings as terrorist organisations, by jurisdiction."""
    params.check(request)
    queryset = Designation.objects.select_related("organisation")
    if (organisation := organisation_id(params.organisation)) is not None:
        queryset = queryset.filter(organisation=organisation)
    if params.jurisdiction:
        queryset = queryset.filter(jurisdiction=params.jurisdiction)
    rows, next_url = paging.page(
        request, queryset, DESIGNATIONS, [int], cursor=params.cursor, limit=params.limit
    )
    return {"results": [_designation(d, d.organisation) for d in rows], "next": next_url}
