"""An event as a row of the events file: ACLED's columns in ACLED's order, for the
columns we hold, then ours.

`event_row` is the one place an event becomes that row; `events_for_export` is the
query it needs: one query, with each event's actors, claims, sources, tags and live
briefs aggregated in SQL into its own row, so that a file costs the same queries
however many events it holds. Values are typed (int, str, date, list, None): the CSV
and JSON writers (`briefs.data.stream`) render them. Unknown is None, written empty
in CSV and null in JSON, never 0 (ACLED writes 0 fatalities when none are reported;
we cannot tell "none" from "not known" that way, so we do not).
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Extract, JSONObject
from django.urls import reverse
from taggit.models import TaggedItem

from actors.codebook import source_scale, time_precision
from actors.incidents import EventParty, interaction_of, main_actors
from actors.models import Event, EventClaim, EventSource, Organisation
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


def _array(queryset, **fields):
    """The rows of `queryset` (correlated to the event by `OuterRef("pk")`) as an array
    of JSON objects of `fields`, in the event's own row."""
    return ArraySubquery(queryset.values(row=JSONObject(**fields)))


def events_for_export(events=None):
    """`events` (all by default) with everything `event_row` reads, in one query:
    each event's actors, claims, sources, tags and live briefs are arrays in its own
    row (correlated subqueries on indexed foreign keys), so that streaming 100,000
    events is one server-side cursor and no Python object per related row."""
    events = Event.objects.all() if events is None else events
    event = OuterRef("pk")
    saved = Event.history.model.objects.filter(id=event).order_by("-history_date")
    return events.annotate(
        timestamp=Extract(Subquery(saved.values("history_date")[:1]), "epoch"),
        party_rows=_array(
            EventParty.objects.filter(event=event).order_by(*EventParty._meta.ordering),
            side="side",
            associated="associated",
            category="category",
            actor_type="actor_type",
            organisation_id="organisation_id",
            organisation="organisation__name",
        ),
        claim_rows=_array(
            EventClaim.objects.filter(event=event).order_by("pk"),
            organisation="organisation__name",
            mode="mode",
        ),
        source_rows=_array(
            EventSource.objects.filter(event=event).order_by("order", "pk"),
            outlet="outlet",
            scale="scale",
        ),
        tag_names=tag_names(),
        brief_slugs=ArraySubquery(
            Publication.objects.live().filter(events=event).order_by("slug").values("slug")
        ),
    ).order_by("date", "pk")


def _parties(event: Event) -> list[EventParty]:
    """The event's actors from its `party_rows`, as unsaved EventParty rows, so that
    `actors.incidents` names them and derives the interaction code as everywhere."""
    return [
        EventParty(
            event=event,
            side=row["side"],
            associated=row["associated"],
            category=row["category"],
            actor_type=row["actor_type"],
            organisation=(
                Organisation(pk=row["organisation_id"], name=row["organisation"])
                if row["organisation_id"]
                else None
            ),
        )
        for row in event.party_rows
    ]


def tag_names():
    """The event's tag names in alphabetical order, as an array in its own row (one
    correlated subquery), for `acled_row`'s `tags`: the events file and the API list
    them in the same order."""
    tags = TaggedItem.objects.filter(
        content_type__app_label=Event._meta.app_label,
        content_type__model=Event._meta.model_name,
        object_id=OuterRef("pk"),
    ).order_by("tag__name")
    return ArraySubquery(tags.values("tag__name"))


def acled_row(event: Event, parties, sources, tags: list[str], timestamp=None) -> list:
    """The event's values in the order of ACLED_COLUMNS: the one place an event's ACLED
    fields are made, for the events file (`event_row`) and the API
    (`briefs.api.registry`), so that both write the same value for each. `parties`
    are its EventParty rows (organisations named), `sources` its sources' (outlet,
    scale) pairs in their order, `tags` its tag names (`tag_names`)."""
    main = main_actors(parties)
    one, two = main[EventParty.Side.ACTOR_1], main[EventParty.Side.ACTOR_2]

    def associated(side) -> str:
        return SEPARATOR.join(p.name() for p in parties if p.side == side and p.associated)

    return [
        event.public_id or "",
        event.date,
        event.date.year,
        time_precision(event.date_precision, event.date, event.end_date),
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
        SEPARATOR.join(outlet for outlet, _ in sources if outlet),
        source_scale([scale for _, scale in sources if scale]),
        event.summary,
        event.killed_best,
        SEPARATOR.join(tags),
        int(timestamp) if timestamp is not None else None,
    ]


def event_row(event: Event) -> list:
    """The event's values in the order of EVENT_COLUMNS (from `events_for_export`)."""
    sources = [(s["outlet"], s["scale"]) for s in event.source_rows]
    timestamp = getattr(event, "timestamp", None)
    return [
        *acled_row(event, _parties(event), sources, event.tag_names, timestamp),
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
            f"{c['organisation']} ({c['mode']})" if c["mode"] else c["organisation"]
            for c in event.claim_rows
        ],
        event.competing_claims,
        event.attribution,
        event.title,
        absolute(event.get_absolute_url()),
        [absolute(reverse("briefs:detail", kwargs={"slug": slug})) for slug in event.brief_slugs],
    ]
