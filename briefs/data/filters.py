"""The events file's filters, read from the query string.

    ?country=PK (or PAK)   ISO 3166-1 alpha-2 or alpha-3, any case
    ?from=2023-01-01       events on or after this day (event_date)
    ?to=2023-12-31         events on or before this day
    ?organisation=<slug>   events the organisation is an actor in (either side,
                           associated too), claimed, or took part in or was targeted by
    ?type=Battles          ACLED's event type, exactly as the codebook names it

Anything else, or a value that is not one of these, is a `BadFilter`: the view
answers 400 with its message and exports nothing (a misspelt filter would otherwise
quietly give the whole file). The other files take no filters.
"""

import datetime

from django_countries import countries

from actors.codebook import SUB_EVENT_TYPES
from actors.models import Organisation
from actors.slugs import former_holder
from briefs.public.directory import involving

EVENT_FILTERS = ["country", "from", "to", "organisation", "type"]


class BadFilter(ValueError):
    """A query string the files (or the API) cannot answer: the `parameter` at fault
    and the `reason`, a sentence's end that says why, to the reader."""

    def __init__(self, parameter: str, reason: str):
        self.parameter, self.reason = parameter, reason
        super().__init__(f"{parameter!r} {reason}" if parameter else reason)


def only_known(params, known: list[str]) -> None:
    unknown = sorted(set(params) - set(known))
    if unknown:
        accepted = ", ".join(known) if known else "none"
        raise BadFilter(
            "",
            f"Unknown parameter {', '.join(repr(u) for u in unknown)}. "
            f"This file accepts: {accepted}.",
        )
    for name in known:
        if len(params.getlist(name)) > 1:
            raise BadFilter("", f"Give {name!r} once.")


def _day(params, name: str) -> datetime.date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadFilter(name, f"must be a day as YYYY-MM-DD, not {value[:40]!r}.")


def country_code(value: str | None, parameter: str = "country") -> str:
    """The two-letter code we store for an ISO 3166-1 alpha-2 or alpha-3 code, any
    case ("" for none): the country filter of the events file and of the API."""
    value = (value or "").strip()
    if not value:
        return ""
    code = countries.alpha2(value) if value.isascii() and value.isalpha() else ""
    if len(value) not in (2, 3) or not code:
        raise BadFilter(
            parameter,
            f"must be an ISO 3166-1 alpha-2 or alpha-3 code (PK or PAK), not {value[:40]!r}.",
        )
    return code


def organisation_id(slug: str | None, parameter: str = "organisation") -> int | None:
    """The id of the organisation at `slug`, current or former (a former slug
    redirects to it, so it names the same organisation). Organisations are public
    reference data, so an unknown slug may say so."""
    slug = (slug or "").strip()[:80]
    if not slug:
        return None
    found = Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if found is None:
        holder = former_holder(Organisation, slug)
        if holder is None:
            raise BadFilter(parameter, f"is not the slug of an organisation: {slug!r}.")
        found = holder.pk
    return found


def day_range(start: datetime.date | None, end: datetime.date | None) -> dict:
    """The lookups of events from `start` to `end` (event_date, both days included)."""
    if start and end and start > end:
        raise BadFilter("to", f"is before 'from' ({start.isoformat()}).")
    bounds = {}
    if start:
        bounds["date__gte"] = start
    if end:
        bounds["date__lte"] = end
    return bounds


def narrow_events(
    events,
    *,
    country: str | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    organisation: str | None = None,
    event_type: str | None = None,
):
    """`events` narrowed by the event filters, the one place their meaning lives (the
    events file and the API's /events both call it); raises BadFilter naming the
    events file's parameter."""
    if code := country_code(country):
        events = events.filter(country=code)
    events = events.filter(**day_range(start, end))
    event_type = (event_type or "").strip()
    if event_type:
        if event_type not in SUB_EVENT_TYPES:
            raise BadFilter(
                "type",
                f"must be one of ACLED's event types ({'; '.join(SUB_EVENT_TYPES)}), "
                f"not {event_type[:60]!r}.",
            )
        events = events.filter(event_type=event_type)
    if (pk := organisation_id(organisation)) is not None:
        events = events.filter(involving(pk))
    return events


def filter_events(events, params):
    """`events` narrowed by the query string `params`; raises BadFilter."""
    only_known(params, EVENT_FILTERS)
    return narrow_events(
        events,
        country=params.get("country"),
        start=_day(params, "from"),
        end=_day(params, "to"),
        organisation=params.get("organisation"),
        event_type=params.get("type"),
    )
