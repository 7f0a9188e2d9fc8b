"""An event as a brief's timeline shows it.

`entry(event)` is what a publication freezes for one event (and what
`briefs.publishing.facts` compares it with when the event is corrected later);
`fact_lines(entry)` are the facts the timeline reads from it, by label: the date, the
place, the toll and the claim. A revision is a change of one of these lines.

The entry's keys stay those of the first entries frozen ("place", "killed",
"injured", "perpetrators", "claimants"), read now from the event's location, best
figures, actor 1 (of a violent event) and claims; a key added later (a range, the
attribution) only changes a line when it is given, so older entries read as before.
"""

from actors.codebook import Certainty
from actors.dates import format_date
from actors.models import Event

# What the timeline says for a fact that has no line ("at publication: no place given").
NOT_GIVEN = {
    "Date": "no date given",
    "Place": "no place given",
    "Casualties": "no casualty figures",
    "Claim": "no claim or perpetrator named",
}


# What `entry` reads besides the event: prefetch these with it.
PREFETCH = ("parties__organisation", "claims__organisation")


def entry(event: Event) -> dict:
    """The event's timeline entry; `PREFETCH` should be prefetched."""
    perpetrators = [
        _organisation(party.organisation)
        for party in event.parties.all()
        if party.side == party.Side.ACTOR_1 and party.organisation_id
    ]
    return {
        "id": event.pk,
        "title": event.title,
        "slug": event.slug,
        "url": event.get_absolute_url(),
        "date": event.date.isoformat(),
        "date_display": format_date(event.date, event.date_precision),
        "place": event.location,
        "country": event.country.name if event.country else "",
        "kind": event.get_kind_display(),
        "killed": event.killed_best,
        "killed_range": _range(event.killed_low, event.killed_high),
        "injured": event.injured_best,
        "injured_range": _range(event.injured_low, event.injured_high),
        "claim": event.get_claim_display(),
        "perpetrators": perpetrators if event.is_violent() else [],
        "suspected": event.attribution == Certainty.SUSPECTED,
        "claimants": [_organisation(claim.organisation) for claim in event.claims.all()],
    }


def _organisation(organisation) -> dict:
    return {"name": organisation.name, "slug": organisation.slug}


def _range(low: int | None, high: int | None) -> list | None:
    return None if low is None and high is None else [low, high]


def fact_lines(entry: dict) -> dict[str, str]:
    """The facts of the entry as the timeline reads them, by label ("" when none)."""
    return {
        "Date": entry.get("date_display", ""),
        "Place": ", ".join(p for p in [entry.get("place"), entry.get("country")] if p),
        "Casualties": _casualties(entry),
        "Claim": _claim(entry),
    }


def casualty_count(value: int | None, between: list | tuple | None = None) -> str:
    """A casualty figure: "unknown" when nobody knows, which is not zero; with its
    range when one is given ("4 (3–6)", "4 (at least 3)")."""
    if value is None:
        return "unknown"
    low, high = between or (None, None)
    if low is not None and high is not None:
        return f"{value:,} ({low:,}–{high:,})"
    if low is not None:
        return f"{value:,} (at least {low:,})"
    if high is not None:
        return f"{value:,} (at most {high:,})"
    return f"{value:,}"


def _casualties(entry: dict) -> str:
    known = entry.get("killed") is not None or entry.get("injured") is not None
    if not (known or entry.get("kind") == "Attack"):
        return ""
    return (
        f"Killed: {casualty_count(entry.get('killed'), entry.get('killed_range'))}, "
        f"injured: {casualty_count(entry.get('injured'), entry.get('injured_range'))}"
    )


def _claim(entry: dict) -> str:
    if entry.get("claimants"):
        return "Claimed by " + ", ".join(o["name"] for o in entry["claimants"])
    said = []
    if entry.get("perpetrators"):
        label = "Suspected perpetrator: " if entry.get("suspected") else "Perpetrator: "
        said.append(label + ", ".join(o["name"] for o in entry["perpetrators"]))
    # Whether anybody claimed it, when that is known and not already said by a claimant.
    claim = entry.get("claim", "")
    if claim and claim != Event.Claim.UNKNOWN.label:
        said.append(claim if not said else claim.lower())
    return "; ".join(said)
