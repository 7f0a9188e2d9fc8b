"""An event as a brief's timeline shows it.

`entry(event)` is what a publication freezes for one event (and what
`briefs.publishing.facts` compares it with when the event is corrected later);
`fact_lines(entry)` are the facts the timeline reads from it, by label: the date, the
place, the toll and the claim. A revision is a change of one of these lines.
"""

from actors.dates import format_date
from actors.models import Event

# What the timeline says for a fact that has no line ("at publication: no place given").
NOT_GIVEN = {
    "Date": "no date given",
    "Place": "no place given",
    "Casualties": "no casualty figures",
    "Claim": "no claim or perpetrator named",
}


def entry(event: Event) -> dict:
    """The event's timeline entry; `event.organisation_links` with their organisations
    should be prefetched."""
    parts = {}
    for link in event.organisation_links.all():
        parts.setdefault(link.part, []).append(
            {"name": link.organisation.name, "slug": link.organisation.slug}
        )
    return {
        "id": event.pk,
        "title": event.title,
        "slug": event.slug,
        "url": event.get_absolute_url(),
        "date": event.date.isoformat(),
        "date_display": format_date(event.date, event.date_precision),
        "place": event.place,
        "country": event.country.name if event.country else "",
        "kind": event.get_kind_display(),
        "killed": event.killed,
        "injured": event.injured,
        "claim": event.get_claim_display(),
        "perpetrators": parts.get("perpetrator", []),
        "claimants": parts.get("claimant", []),
    }


def fact_lines(entry: dict) -> dict[str, str]:
    """The facts of the entry as the timeline reads them, by label ("" when none)."""
    return {
        "Date": entry.get("date_display", ""),
        "Place": ", ".join(p for p in [entry.get("place"), entry.get("country")] if p),
        "Casualties": _casualties(entry),
        "Claim": _claim(entry),
    }


def casualty_count(value: int | None) -> str:
    """A casualty figure: "unknown" when nobody knows, which is not zero."""
    return "unknown" if value is None else f"{value:,}"


def _casualties(entry: dict) -> str:
    known = entry.get("killed") is not None or entry.get("injured") is not None
    if not (known or entry.get("kind") == "Attack"):
        return ""
    return (
        f"Killed: {casualty_count(entry.get('killed'))}, "
        f"injured: {casualty_count(entry.get('injured'))}"
    )


def _claim(entry: dict) -> str:
    if entry.get("claimants"):
        return "Claimed by " + ", ".join(o["name"] for o in entry["claimants"])
    said = []
    if entry.get("perpetrators"):
        said.append("Perpetrator: " + ", ".join(o["name"] for o in entry["perpetrators"]))
    # Whether anybody claimed it, when that is known and not already said by a claimant.
    claim = entry.get("claim", "")
    if claim and claim != Event.Claim.UNKNOWN.label:
        said.append(claim if not said else claim.lower())
    return "; ".join(said)
