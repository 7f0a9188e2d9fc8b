"""An event's parts as the codebooks record them: its actors, its claims, its public id.

`EventParty` is actor 1 or actor 2 of an event, or one of their associated actors
(ACLED's `actor1`, `assoc_actor_1`, …): an organisation of the registry or a
category (civilians, police, …), with its ACLED actor type. `EventClaim` is one
organisation's claim of responsibility and how it was made. `next_public_id` gives
an event its `<ISO3>-<number>` id from a per-country counter that only goes up.
"""

from django.db import connection, models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from actors.codebook import (
    CATEGORY_ACTOR_TYPE,
    ActorCategory,
    ActorType,
    ClaimMode,
    category_name,
    interaction,
)


class EventParty(models.Model):
    class Side(models.IntegerChoices):
        ACTOR_1 = 1, "Actor 1"
        ACTOR_2 = 2, "Actor 2"

    event = models.ForeignKey("actors.Event", on_delete=models.CASCADE, related_name="parties")
    side = models.PositiveSmallIntegerField(choices=Side.choices, default=Side.ACTOR_1)
    associated = models.BooleanField(
        "associated actor",
        default=False,
        help_text="An actor alongside the side's main actor (ACLED's associated actor).",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_parties",
    )
    category = models.CharField(
        max_length=32,
        choices=ActorCategory.choices,
        blank=True,
        help_text="When the actor is not an organisation of the registry.",
    )
    actor_type = models.PositiveSmallIntegerField(
        "actor type",
        choices=ActorType.choices,
        null=True,
        blank=True,
        help_text="ACLED's inter code. Left empty for a category, it follows from it.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["side", "associated", "order", "pk"]
        verbose_name = "actor in event"
        verbose_name_plural = "actors in event"
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(category=""))
                | (Q(organisation__isnull=True) & ~Q(category="")),
                name="event_party_organisation_or_category",
                violation_error_message="An actor is either an organisation or a category.",
            ),
            models.CheckConstraint(
                condition=Q(actor_type__isnull=False),
                name="event_party_has_actor_type",
                violation_error_message="An actor needs its actor type (ACLED's inter code).",
            ),
            models.UniqueConstraint(
                fields=["event", "side"],
                condition=Q(associated=False),
                name="one_main_actor_per_side",
                violation_error_message="Each side has one main actor; add others as associated.",
            ),
        ]

    def __str__(self):
        role = self.get_side_display() + (", associated" if self.associated else "")
        return f"{self.name()}: {role.lower()} in “{self.event.title}”"

    def clean(self):
        if self.category and self.actor_type is None:
            self.actor_type = CATEGORY_ACTOR_TYPE[ActorCategory(self.category)]

    def name(self) -> str:
        """The actor's name: the organisation's, or the category's with the event's
        country ("Police Forces of Pakistan")."""
        if self.organisation_id:
            return self.organisation.name
        country = self.event.country.name if self.event.country else ""
        return category_name(self.category, country)


class EventClaim(models.Model):
    """An organisation's claim of responsibility for an event."""

    event = models.ForeignKey("actors.Event", on_delete=models.CASCADE, related_name="claims")
    organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, related_name="event_claims"
    )
    mode = models.CharField(
        "claim mode",
        max_length=16,
        choices=ClaimMode.choices,
        blank=True,
        help_text="Empty when not known.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "claim of responsibility"
        verbose_name_plural = "claims of responsibility"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"],
                name="one_claim_per_organisation",
                violation_error_message="This organisation's claim is already recorded.",
            )
        ]

    def __str__(self):
        return f"{self.organisation.name} claimed “{self.event.title}”"


class EventSequence(models.Model):
    """The last number given to an event of a country: public ids are never reused,
    so the counter only goes up, whatever is deleted."""

    prefix = models.CharField(max_length=3, primary_key=True)  # ISO 3166-1 alpha-3
    last = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.prefix}-{self.last}"


def next_public_id(alpha3: str) -> str:
    """The next `<ISO3>-<number>` id of the country: one statement that takes the
    counter's row lock, so two events saved at once never get the same number."""
    table = EventSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, last) VALUES (%s, 1) "  # noqa: S608 (our table)
            f"ON CONFLICT (prefix) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [alpha3],
        )
        (number,) = cursor.fetchone()
    return f"{alpha3}-{number}"


def party_problems(parties: list[tuple[int, bool]]) -> list[str]:
    """What is wrong with an event's actors, given each one's side and whether it is
    associated: each side has at most one main actor, an associated actor goes beside
    its side's main actor, and actor 2 needs an actor 1."""
    problems = []
    for side in EventParty.Side:
        mains = sum(1 for s, associated in parties if s == side and not associated)
        if mains > 1:
            problems.append(f"{side.label} is one actor; add the others as associated actors.")
        if mains == 0 and any(s == side for s, _ in parties):
            problems.append(f"{side.label}'s associated actors need {side.label} itself.")
    sides = {s for s, associated in parties if not associated}
    if EventParty.Side.ACTOR_2 in sides and EventParty.Side.ACTOR_1 not in sides:
        problems.append("An event with an actor 2 needs an actor 1.")
    return problems


def main_actors(parties) -> dict[int, "EventParty | None"]:
    """Each side's main actor among an event's parties (prefetched or listed), None
    where the side has none."""
    main: dict[int, EventParty | None] = dict.fromkeys(EventParty.Side.values)
    for party in parties:
        if not party.associated:
            main[party.side] = party
    return main


def interaction_of(parties) -> int | None:
    """ACLED's interaction code of an event, from its main actors' types."""
    main = main_actors(parties)
    one, two = main[EventParty.Side.ACTOR_1], main[EventParty.Side.ACTOR_2]
    return interaction(one.actor_type if one else None, two.actor_type if two else None)
