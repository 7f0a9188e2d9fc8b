"""An event as a row of the events file: ACLED's columns in ACLED's order, for the
columns we hold, then ours.

`event_row` is the one place an event becomes that row; `events_for_export` is the
query it needs, with everything a row reads prefetched (per chunk when iterated with
`iterator(chunk_size=…)`), so that a file costs the same few queries per chunk
however many events it holds. Values are typed (int, str, date, list, None): the CSV
and JSON writers (`briefs.data.stream`) render them. Unknown is None, written empty
in CSV and null in JSON, never 0 (ACLED writes 0 fatalities when none are reported;
we cannot tell "none" from "not known" that way, so we do not).
"""

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Extract

from actors.codebook import source_scale
from actors.dates import Precision
from actors.incidents import EventParty, interaction_of, main_actors
from actors.models import Event, EventClaim, EventSource
from briefs.data.columns import SEPARATOR, Column
from briefs.data.regions import region
from briefs.models import Publication
from briefs.publishing.article import absolute

ACLED_COLUMNS = [
    Column(
        "event_id_cnty",
        "The event's public id: ISO 3166-1 alpha-3 code and a number, never changed or reused.",
        "PAK-1",
    ),
    Column(
        "event_date",
        "The day the event happened (its first day), YYYY-MM-DD. When only "
        "the month or year is known, the first day of it (see time_precision).",
        "2023-02-17",
    ),
    Column("year", "The year of event_date.", "2023"),
    Column(
        "time_precision",
        "1: the day is known; 2: the event spans several days "
        "(see end_date); 3: only the month or the year is known (see date_precision).",
        "1",
    ),
    Column("disorder_type", "ACLED's disorder type, from the event type.", "Political violence"),
    Column(
        "event_type",
        "ACLED's event type; empty when the event is not one of ACLED's "
        "kinds (a meeting, a speech).",
        "Battles",
    ),
    Column("sub_event_type", "ACLED's sub-event type, one of the event type's.", "Armed clash"),
    Column(
        "actor1",
        "Actor 1: an organisation of our registry, or a category named with the event's country.",
        "Tehrik-i-Taliban Pakistan",
    ),
    Column("assoc_actor_1", 'Actors alongside actor 1, separated by "; ".', ""),
    Column(
        "inter1",
        "ACLED's actor type (inter code) of actor 1: 1 state forces, 2 rebel "
        "group, 3 political militia, 4 identity militia, 5 rioters, 6 protesters, "
        "7 civilians, 8 external/other forces.",
        "2",
    ),
    Column("actor2", "Actor 2, as actor1.", "Police Forces of Pakistan"),
    Column("assoc_actor_2", 'Actors alongside actor 2, separated by "; ".', ""),
    Column("inter2", "ACLED's actor type of actor 2.", "1"),
    Column(
        "interaction",
        "ACLED's interaction code: the two inter codes, the smaller first "
        "(10 times inter1 when there is no actor 2).",
        "12",
    ),
    Column(
        "civilian_targeting", '"Civilian targeting" when civilians were the target, else empty.', ""
    ),
    Column("iso", "ISO 3166-1 numeric code of the country.", "586"),
    Column(
        "region", "ACLED's region of the country (empty for a country outside them).", "South Asia"
    ),
    Column("country", "The country's English name.", "Pakistan"),
    Column("admin1", "First-level administrative area (province, state).", "Sindh"),
    Column("admin2", "Second-level administrative area (district, division).", "Karachi South"),
    Column("admin3", "Third-level area: not recorded, always empty.", ""),
    Column("location", "The town, village or site.", "Karachi"),
    Column("latitude", "WGS 84 latitude, 5 decimals; empty when not known.", "24.86080"),
    Column("longitude", "WGS 84 longitude, 5 decimals; empty when not known.", "67.01040"),
    Column(
        "geo_precision",
        "1: the place itself; 2: near it, or part of a region; 3: only the region.",
        "1",
    ),
    Column("source", 'The sources\' outlets, separated by "; ".', "The Express Tribune; Dawn"),
    Column("source_scale", "The sources' scales, as ACLED combines them.", "National"),
    Column("notes", "A short account of the event.", "Armed militants attacked …"),
    Column(
        "fatalities",
        "People killed, our best figure. Empty when not known, which is "
        "not 0 (ACLED writes 0 for both).",
        "4",
    ),
    Column("tags", 'The event\'s tags, separated by "; ".', "Karachi; TTP"),
    Column("timestamp", "When the event's record was last saved, as a Unix time.", "1764633600"),
]
OWN_COLUMNS = [
    Column("injured", "People injured, our best figure; empty when not known.", "14"),
    Column("fatalities_low", "The low end of the range of the number killed, if given.", ""),
    Column("fatalities_high", "The high end of the range of the number killed, if given.", ""),
    Column("injured_low", "The low end of the range of the number injured, if given.", ""),
    Column("injured_high", "The high end of the range of the number injured, if given.", ""),
    Column("fatalities_victims", "Of those killed, the victims, where known.", ""),
    Column("fatalities_perpetrators", "Of those killed, the perpetrators, where known.", ""),
    Column("date_precision", "How precise event_date is: day, month or year.", "day"),
    Column("end_date", "The last day of an event that spans several days, else empty.", ""),
    Column(
        "claim",
        "Whether responsibility was claimed: claimed, unclaimed, denied or unknown.",
        "claimed",
    ),
    Column(
        "claimed_by",
        "The organisations that claimed it, each with how (statement, video, "
        'social_media, other), separated by "; ".',
        "Tehrik-i-Taliban Pakistan (statement)",
    ),
    Column("competing_claims", "true when more than one group claimed it.", "false"),
    Column(
        "certainty",
        "How sure the attribution to actor 1 is: confirmed, suspected, unknown.",
        "confirmed",
    ),
    Column("title", "The event's title on this site.", "Attack on the Karachi Police Office"),
    Column(
        "event_url",
        "The event's page on this site.",
        "https://…/events/karachi-police-office-attack-2023/",
    ),
    Column(
        "brief_urls",
        'The published briefs that cover the event, separated by "; " (a list in JSON).',
        "https://…/briefs/pakistani-delegation-visit-to-kabul/",
    ),
]
EVENT_COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

_TIME_PRECISION = {Precision.DAY: 1, Precision.MONTH: 3, Precision.YEAR: 3}


def events_for_export(events=None):
    """`events` (all by default) with what `event_row` reads: one query for the
    events and, per chunk, one each for their actors, claims, sources, tags and live
    briefs."""
    events = Event.objects.all() if events is None else events
    saved = (
        Event.history.model.objects.filter(id=OuterRef("pk"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        events.annotate(timestamp=Extract(Subquery(saved), "epoch"))
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=EventParty.objects.select_related("organisation").only(
                    "event_id",
                    "side",
                    "associated",
                    "category",
                    "actor_type",
                    "order",
                    "organisation__name",
                ),
            ),
            Prefetch(
                "claims",
                queryset=EventClaim.objects.select_related("organisation").only(
                    "event_id", "mode", "organisation__name"
                ),
            ),
            Prefetch(
                "sources", queryset=EventSource.objects.only("event_id", "outlet", "scale", "order")
            ),
            "tags",
            Prefetch(
                "publications",
                queryset=Publication.objects.live().only("slug").order_by("slug"),
                to_attr="live_briefs",
            ),
        )
        .order_by("date", "pk")
    )


def event_row(event: Event) -> list:
    """The event's values in the order of EVENT_COLUMNS (from `events_for_export`)."""
    parties = list(event.parties.all())
    main = main_actors(parties)
    one, two = main[EventParty.Side.ACTOR_1], main[EventParty.Side.ACTOR_2]

    def associated(side) -> str:
        return SEPARATOR.join(p.name() for p in parties if p.side == side and p.associated)

    sources = list(event.sources.all())
    time_precision = _TIME_PRECISION.get(event.date_precision, 1)
    if time_precision == 1 and event.end_date and event.end_date > event.date:
        time_precision = 2
    timestamp = getattr(event, "timestamp", None)
    return [
        event.public_id or "",
        event.date,
        event.date.year,
        time_precision,
        event.disorder_type(),
        event.event_type,
        event.sub_event_type,
        one.name() if one else "",
        associated(EventParty.Side.ACTOR_1),
        one.actor_type if one else None,
        two.name() if two else "",
        associated(EventParty.Side.ACTOR_2),
        two.actor_type if two else None,
        interaction_of(parties),
        "Civilian targeting" if event.civilian_targeting else "",
        int(event.country.numeric) if event.country and event.country.numeric else None,
        region(event.country.code) if event.country else "",
        event.country.name if event.country else "",
        event.admin1,
        event.admin2,
        "",
        event.location,
        event.latitude,
        event.longitude,
        event.geo_precision,
        SEPARATOR.join(s.outlet for s in sources if s.outlet),
        source_scale([s.scale for s in sources if s.scale]),
        event.summary,
        event.killed_best,
        SEPARATOR.join(sorted(t.name for t in event.tags.all())),
        int(timestamp) if timestamp is not None else None,
        # Ours.
        event.injured_best,
        event.killed_low,
        event.killed_high,
        event.injured_low,
        event.injured_high,
        event.killed_victims,
        event.killed_perpetrators,
        event.date_precision,
        event.end_date,
        event.claim,
        [
            f"{c.organisation.name} ({c.mode})" if c.mode else c.organisation.name
            for c in event.claims.all()
        ],
        event.competing_claims,
        event.attribution,
        event.title,
        absolute(event.get_absolute_url()),
        [absolute(p.get_absolute_url()) for p in event.live_briefs],
    ]
