"""The query parameters of the API's lists, as schemas (so the OpenAPI document lists
them with their types), and the checks ninja cannot make: an unknown parameter, a
country code, a date range the wrong way round, a slug of the registry."""

import contextlib
import datetime
from typing import Literal

from ninja import Field, Schema

from actors.codebook import SUB_EVENT_TYPES
from actors.designations import Designation
from actors.models import Event, Organisation, Relationship
from briefs.api.errors import BadRequest
from briefs.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from briefs.data import filters

EventType = Literal[tuple(SUB_EVENT_TYPES)]  # type: ignore[valid-type]
SubEventType = Literal[tuple(s for subs in SUB_EVENT_TYPES.values() for s in subs)]  # type: ignore[valid-type]


def known_only(request, known: set[str]) -> None:
    """Refuse a parameter the endpoint does not know: a misspelt filter would
    otherwise answer the whole list as if it had filtered it."""
    unknown = sorted(set(request.GET) - known)
    if unknown:
        takes = "it takes " + ", ".join(sorted(known)) + "." if known else "it takes none."
        raise BadRequest(unknown[0], "is not a parameter of this endpoint; " + takes)


class Params(Schema):
    """An endpoint's query parameters."""

    def check(self, request) -> "Params":
        known_only(request, {f.alias or name for name, f in type(self).model_fields.items()})
        return self


class ListParams(Params):
    cursor: str | None = Field(None, description="The `next` link's cursor; opaque.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page.")


class DateRange(Schema):
    date_from: datetime.date | None = Field(None, alias="from", description="From this day on.")
    date_to: datetime.date | None = Field(None, alias="to", description="Up to this day.")

    def date_bounds(self) -> dict:
        with refused():
            return filters.day_range(self.date_from, self.date_to)


# The API's names of the events file's parameters, where they differ.
_API_NAMES = {"type": "event_type"}


@contextlib.contextmanager
def refused():
    """A filter the shared rules (`briefs.data.filters`) refuse, as the API's 400."""
    try:
        yield
    except filters.BadFilter as problem:
        parameter = _API_NAMES.get(problem.parameter, problem.parameter)
        raise BadRequest(parameter, problem.reason) from None


def country_code(value: str | None, parameter: str = "country") -> str | None:
    """An ISO 3166 code, two or three letters, as the two-letter code we store."""
    with refused():
        return filters.country_code(value, parameter) or None


def organisation_id(slug: str | None, parameter: str = "organisation") -> int | None:
    """The id of the organisation at `slug` (current or former)."""
    with refused():
        return filters.organisation_id(slug, parameter)


class BriefParams(ListParams, DateRange):
    tag: str | None = Field(None, description="A tag's slug.")
    organisation: str | None = Field(None, description="An organisation's slug.")
    country: str | None = Field(None, description="ISO 3166 code, e.g. PK or PAK.")


class OrganisationParams(ListParams):
    kind: Organisation.Kind | None = None
    country: str | None = Field(None, description="ISO 3166 code, e.g. PK or PAK.")


class PersonParams(ListParams):
    as_of: datetime.date | None = Field(
        None, description="Only the roles held on this day (YYYY-MM-DD)."
    )
    nationality: str | None = Field(None, description="ISO 3166 code, e.g. PK or PAK.")


class AsOf(Params):
    as_of: datetime.date | None = Field(
        None, description="Only the roles held on this day (YYYY-MM-DD)."
    )


class EventParams(ListParams, DateRange):
    country: str | None = Field(None, description="ISO 3166 code, e.g. PK or PAK.")
    organisation: str | None = Field(
        None,
        description="An organisation's slug: events it is an actor in, claimed, "
        "took part in or was the target of.",
    )
    event_type: EventType | None = Field(None, description="ACLED's event type.")
    sub_event_type: SubEventType | None = Field(None, description="ACLED's sub-event type.")
    kind: Event.Kind | None = Field(None, description="Our own kind of event.")


class RelationshipParams(ListParams):
    organisation: str | None = Field(None, description="Either side's slug.")
    kind: Relationship.Kind | None = None


class DesignationParams(ListParams):
    organisation: str | None = Field(None, description="An organisation's slug.")
    jurisdiction: Designation.List | None = Field(None, description="The list's code.")
