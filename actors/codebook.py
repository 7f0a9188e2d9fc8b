"""The vocabularies of the conflict-data codebooks an event is recorded in.

ACLED's (event and sub-event types, actor types and their "inter" codes, the
interaction code, geo precision, source scale) and GTD's (claim mode, attribution
certainty). Stored values are the codebooks' own strings or numbers wherever they
have one, so that an export writes them as they are. Each rule that ties two of
them together (a sub-event type belongs to its event type; the interaction code of
two actor types) lives here, once.
"""

from django.db import models
from django.db.models import Q

from actors.dates import Precision

# ACLED event types and, for each, its sub-event types (ACLED codebook, 2023–2024).
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

SUB_EVENT_TYPES: dict[str, list[str]] = {
    BATTLES: [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    EXPLOSIONS: [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    VIOLENCE_AGAINST_CIVILIANS: ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    PROTESTS: [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    RIOTS: ["Violent demonstration", "Mob violence"],
    STRATEGIC_DEVELOPMENTS: [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}

EVENT_TYPE_CHOICES = [(t, t) for t in SUB_EVENT_TYPES]
# Grouped by event type, as the admin's select shows them.
SUB_EVENT_TYPE_CHOICES = [(t, [(s, s) for s in subs]) for t, subs in SUB_EVENT_TYPES.items()]
VIOLENT_EVENT_TYPES = {BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS, RIOTS}

# ACLED's disorder type, which follows from the event and sub-event types.
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
_BOTH = "Political violence; Demonstrations"
_DISORDER = {
    BATTLES: POLITICAL_VIOLENCE,
    EXPLOSIONS: POLITICAL_VIOLENCE,
    VIOLENCE_AGAINST_CIVILIANS: POLITICAL_VIOLENCE,
    PROTESTS: DEMONSTRATIONS,
    RIOTS: DEMONSTRATIONS,
    STRATEGIC_DEVELOPMENTS: "Strategic developments",
}
_DISORDER_BY_SUB_TYPE = {"Excessive force against protesters": _BOTH, "Mob violence": _BOTH}


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """ACLED's `disorder_type` for an event of these types ("" when no type is given)."""
    return _DISORDER_BY_SUB_TYPE.get(sub_event_type) or _DISORDER.get(event_type, "")


def sub_type_belongs_to_type() -> Q:
    """The rule "the sub-event type is one of its event type's", as a condition for a
    check constraint: no sub-type without a type, and only the type's own."""
    rule = Q(sub_event_type="")
    for event_type, subs in SUB_EVENT_TYPES.items():
        rule |= Q(event_type=event_type, sub_event_type__in=subs)
    return rule


class ActorType(models.IntegerChoices):
    """ACLED's actor types, by their "inter" code."""

    STATE_FORCES = 1, "State forces"
    REBEL_GROUP = 2, "Rebel group"
    POLITICAL_MILITIA = 3, "Political militia"
    IDENTITY_MILITIA = 4, "Identity militia"
    RIOTERS = 5, "Rioters"
    PROTESTERS = 6, "Protesters"
    CIVILIANS = 7, "Civilians"
    EXTERNAL_OTHER = 8, "External/other forces"


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code of two actor types, the smaller first
    (state forces against civilians: 17); one actor alone is its code and a 0 (20)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted([inter1, inter2])
    return low * 10 + high


class ActorCategory(models.TextChoices):
    """An actor that is not an organisation of the registry, named as ACLED names
    such actors: by what they are and the event's country."""

    CIVILIANS = "civilians", "Civilians"
    POLICE = "police", "Police forces"
    MILITARY = "military", "Military forces"
    GOVERNMENT = "government", "Government officials"
    UNIDENTIFIED_ARMED_GROUP = "unidentified_armed_group", "Unidentified armed group"
    PROTESTERS = "protesters", "Protesters"
    RIOTERS = "rioters", "Rioters"
    OTHER = "other", "Other"


# The actor type a category has unless the editor says otherwise.
CATEGORY_ACTOR_TYPE = {
    ActorCategory.CIVILIANS: ActorType.CIVILIANS,
    ActorCategory.POLICE: ActorType.STATE_FORCES,
    ActorCategory.MILITARY: ActorType.STATE_FORCES,
    ActorCategory.GOVERNMENT: ActorType.STATE_FORCES,
    ActorCategory.UNIDENTIFIED_ARMED_GROUP: ActorType.POLITICAL_MILITIA,
    ActorCategory.PROTESTERS: ActorType.PROTESTERS,
    ActorCategory.RIOTERS: ActorType.RIOTERS,
    ActorCategory.OTHER: ActorType.EXTERNAL_OTHER,
}

# How a category is named, with the event's country ("Police Forces of Pakistan").
CATEGORY_NAMES = {
    ActorCategory.CIVILIANS: "Civilians ({country})",
    ActorCategory.POLICE: "Police Forces of {country}",
    ActorCategory.MILITARY: "Military Forces of {country}",
    ActorCategory.GOVERNMENT: "Government of {country}",
    ActorCategory.UNIDENTIFIED_ARMED_GROUP: "Unidentified Armed Group ({country})",
    ActorCategory.PROTESTERS: "Protesters ({country})",
    ActorCategory.RIOTERS: "Rioters ({country})",
    ActorCategory.OTHER: "Other ({country})",
}


def category_name(category: str, country: str) -> str:
    name = CATEGORY_NAMES[ActorCategory(category)]
    return name.format(country=country) if country else ActorCategory(category).label


class GeoPrecision(models.IntegerChoices):
    """ACLED's spatial precision of the coordinates."""

    EXACT = 1, "1 — the place itself"
    NEAR = 2, "2 — near the place, or a part of a region"
    REGION = 3, "3 — only the region (first- or second-level area)"


class ClaimMode(models.TextChoices):
    """How responsibility was claimed (GTD's claim mode, in fewer kinds)."""

    STATEMENT = "statement", "Statement"
    VIDEO = "video", "Video"
    SOCIAL_MEDIA = "social_media", "Social media or website"
    OTHER = "other", "Other"


class Certainty(models.TextChoices):
    """How sure the attribution to actor 1 is (GTD's doubt about the perpetrator)."""

    CONFIRMED = "confirmed", "Confirmed"
    SUSPECTED = "suspected", "Suspected"
    UNKNOWN = "unknown", "Unknown"


class SourceScale(models.TextChoices):
    """The reach of a source (ACLED's source scale, one scale per source)."""

    LOCAL_PARTNER = "Local partner", "Local partner"
    LOCAL = "Local", "Local"
    SUBNATIONAL = "Subnational", "Subnational"
    NATIONAL = "National", "National"
    REGIONAL = "Regional", "Regional"
    INTERNATIONAL = "International", "International"
    NEW_MEDIA = "New media", "New media"
    OTHER = "Other", "Other"


def source_scale(scales: list[str]) -> str:
    """An event's source scale from its sources' scales, as ACLED combines them:
    the distinct scales in the codebook's order, joined by "-" ("National-International")."""
    present = set(scales)
    return "-".join(s.value for s in SourceScale if s.value in present)


def time_precision(date_precision: str, date, end_date=None) -> int:
    """ACLED's time_precision of an event: 1 when the day is known, 2 when it is known
    only as a span of days (an end date after its first day), 3 when only the month or
    the year is known. The one place this rule lives: the events file and the API
    both write it."""
    if date_precision in (Precision.MONTH, Precision.YEAR):
        return 3
    if end_date and date and end_date > date:
        return 2
    return 1
