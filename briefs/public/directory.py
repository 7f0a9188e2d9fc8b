"""The index pages of the registry: organisations, people and events, filtered and paged.

Each list is read in one query, in an order an index of its model serves (the
`*_order` indexes of `actors.models`), `PAGE_SIZE + 1` rows at a time so that the
page knows whether another follows without counting anything. Filters come from the
query string; an unknown value filters nothing rather than failing, and a page past
the end is a 404. The filters' choices are the models' vocabularies and the country
list, so they cost no query; only the events' years are read (the first and last
dates, two index look-ups in one query).
"""

import datetime
from dataclasses import dataclass

from django.db.models import F as Field
from django.db.models import Max, Min, OuterRef, Q, Subquery
from django.http import Http404
from django_countries import countries

from actors.codebook import EVENT_TYPE_CHOICES
from actors.models import (
    Actor,
    Event,
    EventClaim,
    EventOrganisation,
    EventParty,
    Organisation,
    Role,
)
from briefs.public.listing import Page, page_number

PAGE_SIZE = 24
COUNTRIES = list(countries)  # (code, name), by name
_EVENT_TYPES = {value for value, _ in EVENT_TYPE_CHOICES}


def page_of_rows(request, rows, *, per_page: int = PAGE_SIZE) -> Page:
    """The requested page of `rows` (an ordered queryset): one query."""
    number = page_number(request)
    offset = (number - 1) * per_page
    found = list(rows[offset : offset + per_page + 1])
    if number > 1 and not found:
        raise Http404("No such page.")
    return Page(object_list=found[:per_page], number=number, has_next=len(found) > per_page)


def _country(params) -> str:
    code = params.get("country", "").strip().upper()
    return code if code in dict(countries) else ""


def _slug(params, name: str) -> str:
    return params.get(name, "").strip()[:80]


def involving(organisation_id: int) -> Q:
    """The events an organisation is in: as an actor (either side, associated too), a
    claimant, a participant or a target. The one place this rule lives: the
    organisation page, the events file's and the API's organisation filter use it."""
    return (
        Q(pk__in=EventParty.objects.filter(organisation=organisation_id).values("event"))
        | Q(pk__in=EventClaim.objects.filter(organisation=organisation_id).values("event"))
        | Q(pk__in=EventOrganisation.objects.filter(organisation=organisation_id).values("event"))
    )


def events_of(organisation_id: int):
    """The events an organisation is in (`involving`)."""
    return Event.objects.filter(involving(organisation_id))


@dataclass(frozen=True)
class OrganisationFilters:
    kind: str = ""
    country: str = ""

    @classmethod
    def from_query(cls, params) -> "OrganisationFilters":
        kind = params.get("kind", "").strip()
        return cls(kind=kind if kind in Organisation.Kind.values else "", country=_country(params))

    @property
    def active(self) -> bool:
        return bool(self.kind or self.country)

    def rows(self):
        rows = Organisation.objects.only(
            "name", "slug", "abbreviation", "kind", "country", "description"
        )
        if self.kind:
            rows = rows.filter(kind=self.kind)
        if self.country:
            rows = rows.filter(country=self.country)
        return rows.order_by("name", "id")

    def labels(self) -> list[str]:
        labels = []
        if self.kind:
            labels.append(Organisation.Kind(self.kind).label.lower() + "s")
        if self.country:
            labels.append(f"in {countries.name(self.country)}")
        return labels


@dataclass(frozen=True)
class ActorFilters:
    organisation: str = ""
    country: str = ""

    @classmethod
    def from_query(cls, params) -> "ActorFilters":
        return cls(organisation=_slug(params, "organisation"), country=_country(params))

    @property
    def active(self) -> bool:
        return bool(self.organisation or self.country)

    def rows(self, organisation: Organisation | None):
        """People, each with the role they hold or held last (in the same query)."""
        latest = Role.objects.filter(actor=OuterRef("pk")).order_by(
            Field("end").desc(nulls_first=True), Field("start").desc(nulls_last=True), "rank"
        )
        if organisation is not None:
            latest = latest.filter(organisation=organisation)
        rows = Actor.objects.only("name", "slug", "nationality").annotate(
            role_title=Subquery(latest.values("title")[:1]),
            role_organisation=Subquery(latest.values("organisation__name")[:1]),
        )
        if self.organisation:
            if organisation is None:
                return rows.none()
            rows = rows.filter(
                pk__in=Role.objects.filter(organisation=organisation).values("actor")
            )
        if self.country:
            rows = rows.filter(nationality=self.country)
        return rows.order_by("name", "id")

    def labels(self, organisation: Organisation | None) -> list[str]:
        labels = []
        if self.organisation:
            labels.append(f"in {organisation.name if organisation else self.organisation}")
        if self.country:
            labels.append(f"from {countries.name(self.country)}")
        return labels


@dataclass(frozen=True)
class EventFilters:
    event_type: str = ""
    country: str = ""
    year: int | None = None
    organisation: str = ""

    @classmethod
    def from_query(cls, params) -> "EventFilters":
        event_type = params.get("type", "").strip()
        year = params.get("year", "").strip()
        return cls(
            event_type=event_type if event_type in _EVENT_TYPES else "",
            country=_country(params),
            year=int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None,
            organisation=_slug(params, "organisation"),
        )

    @property
    def active(self) -> bool:
        return bool(self.event_type or self.country or self.year or self.organisation)

    @property
    def country_name(self) -> str:
        return countries.name(self.country) if self.country else ""

    def rows(self, organisation: Organisation | None):
        if self.organisation and organisation is None:
            return Event.objects.none()
        rows = events_of(organisation.pk) if organisation else Event.objects.all()
        rows = rows.only(
            "public_id",
            "title",
            "slug",
            "date",
            "date_precision",
            "location",
            "admin1",
            "country",
            "kind",
            "event_type",
            "sub_event_type",
            "killed_best",
            "injured_best",
        )
        if self.event_type:
            rows = rows.filter(event_type=self.event_type)
        if self.country:
            rows = rows.filter(country=self.country)
        if self.year:
            rows = rows.filter(
                date__gte=datetime.date(self.year, 1, 1),
                date__lt=datetime.date(self.year + 1, 1, 1),
            )
        return rows.order_by("-date", "title", "id")

    def labels(self, organisation: Organisation | None) -> list[str]:
        labels = []
        if self.event_type:
            labels.append(self.event_type.lower())
        if self.organisation:
            labels.append(f"involving {organisation.name if organisation else self.organisation}")
        if self.country:
            labels.append(f"in {countries.name(self.country)}")
        if self.year:
            labels.append(f"in {self.year}")
        return labels


def event_years() -> list[int]:
    """The years from the first event to the last, newest first: one query."""
    bounds = Event.objects.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))
