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

from django.db.models import Q
from django_countries import countries

from actors.codebook import SUB_EVENT_TYPES
from actors.models import EventClaim, EventOrganisation, EventParty, Organisation

EVENT_FILTERS = ["country", "from", "to", "organisation", "type"]


class BadFilter(ValueError):
    """A query string the files cannot answer; its message says why, to the reader."""


def only_known(params, known: list[str]) -> None:
    unknown = sorted(set(params) - set(known))
    if unknown:
        accepted = ", ".join(known) if known else "none"
        raise BadFilter(
            f"Unknown parameter {', '.join(repr(u) for u in unknown)}. "
            f"This file accepts: {accepted}."
        )
    for name in known:
        if len(params.getlist(name)) > 1:
            raise BadFilter(f"Give {name!r} once.")


def _day(params, name: str) -> datetime.date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadFilter(f"{name!r} must be a day as YYYY-MM-DD, not {value[:40]!r}.")


def _country(params) -> str:
    value = params.get("country", "").strip()
    if not value:
        return ""
    code = countries.alpha2(value) if value.isascii() and value.isalpha() else ""
    if len(value) not in (2, 3) or not code:
        raise BadFilter(
            f"'country' must be an ISO 3166-1 alpha-2 or alpha-3 code (PK or PAK), "
            f"not {value[:40]!r}."
        )
    return code


def filter_events(events, params):
    """`events` narrowed by the query string `params`; raises BadFilter."""
    only_known(params, EVENT_FILTERS)
    code = _country(params)
    if code:
        events = events.filter(country=code)
    start, end = _day(params, "from"), _day(params, "to")
    if start and end and start > end:
        raise BadFilter("'from' is after 'to'.")
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    event_type = params.get("type", "").strip()
    if event_type:
        if event_type not in SUB_EVENT_TYPES:
            raise BadFilter(
                f"'type' must be one of ACLED's event types ({'; '.join(SUB_EVENT_TYPES)}), "
                f"not {event_type[:60]!r}."
            )
        events = events.filter(event_type=event_type)
    slug = params.get("organisation", "").strip()
    if slug:
        organisation = Organisation.objects.filter(slug=slug[:80]).values("pk").first()
        if organisation is None:
            raise BadFilter(f"No organisation has the address {slug[:80]!r}.")
        pk = organisation["pk"]
        events = events.filter(
            Q(pk__in=EventParty.objects.filter(organisation=pk).values("event_id"))
            | Q(pk__in=EventClaim.objects.filter(organisation=pk).values("event_id"))
            | Q(pk__in=EventOrganisation.objects.filter(organisation=pk).values("event_id"))
        )
    return events
