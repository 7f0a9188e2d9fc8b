"""The people, organisations and incidents that briefs discuss."""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from actors.codebook import (
    EVENT_TYPE_CHOICES,
    SUB_EVENT_TYPE_CHOICES,
    VIOLENT_EVENT_TYPES,
    Certainty,
    GeoPrecision,
    SourceScale,
    disorder_type,
    sub_type_belongs_to_type,
)
from actors.dates import (
    Precision,
    ends_after_start,
    format_date,
    last_day,
    normalise_fields,
    precision_field,
)
from actors.images import uploaded_images, validate_image
from actors.lookup import actor_vector, alias_vector, event_vector, organisation_vector
from actors.slugs import SluggedModel


class Organisation(SluggedModel, models.Model):
    keeps_old_slugs = True  # an old address redirects here (actors.slugs)

    class Kind(models.TextChoices):
        MILITANT_GROUP = "militant", "Militant group"
        GOVERNMENT = "government", "Government body"
        INTELLIGENCE = "intelligence", "Intelligence service"
        MEDIA = "media", "Media outlet"
        INTERNATIONAL = "international", "International body"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, blank=True, allow_unicode=True)
    abbreviation = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(blank=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="parent organisation",
    )
    founded = models.DateField(null=True, blank=True)
    founded_precision = precision_field("founded precision")
    dissolved = models.DateField(null=True, blank=True)
    dissolved_precision = precision_field("dissolved precision")
    logo = models.ImageField(
        upload_to="logos/", storage=uploaded_images, blank=True, validators=[validate_image]
    )
    logo_alt = models.CharField("logo alt text", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            ends_after_start(
                "founded",
                "dissolved",
                name="organisation_dissolved_after_founded",
                message="An organisation cannot be dissolved before it was founded.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organisation_not_own_parent",
                violation_error_message="An organisation cannot be its own parent.",
            ),
        ]
        indexes = [
            models.Index(fields=["abbreviation"]),
            # The index pages' orders and filters, and the search (actors.lookup).
            models.Index(fields=["name", "id"], name="organisation_name_order"),
            models.Index(fields=["kind", "name", "id"], name="organisation_kind_order"),
            models.Index(fields=["country", "name", "id"], name="organisation_country_order"),
            GinIndex(organisation_vector(), name="organisation_search_gin"),
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def save(self, *args, **kwargs):
        normalise_fields(self, "founded", "dissolved")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actors:organisation", kwargs={"slug": self.slug})

    def names(self) -> list[str]:
        """Every name the organisation goes by: name, abbreviation and aliases."""
        return [n for n in [self.name, self.abbreviation, *alias_texts(self)] if n]


class Actor(SluggedModel, models.Model):
    """A person."""

    keeps_old_slugs = True  # an old address redirects here (actors.slugs)

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, blank=True, allow_unicode=True)
    photo = models.ImageField(
        upload_to="photos/", storage=uploaded_images, blank=True, validators=[validate_image]
    )
    photo_alt = models.CharField("photo alt text", max_length=200, blank=True)
    nationality = CountryField(blank=True)
    biography = models.TextField("short biography", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name", "id"], name="actor_name_order"),
            models.Index(fields=["nationality", "name", "id"], name="actor_nationality_order"),
            GinIndex(actor_vector(), name="actor_search_gin"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:actor", kwargs={"slug": self.slug})

    def names(self) -> list[str]:
        return [n for n in [self.name, *alias_texts(self)] if n]


class Alias(models.Model):
    """One other name of an organisation or a person, with what kind of name it is.

    An alias is *ambiguous* when it can mean more than one entity by nature
    ("Taliban", "Resistance Front"); one that two entities share is ambiguous too
    (`actors.matching` treats both alike). Neither is ever linked without a person
    choosing (see `briefs.mentions`).
    """

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", "Abbreviation"
        TRANSLITERATION = "transliteration", "Transliteration"
        TRANSLATION = "translation", "Translation"
        FORMER = "former", "Former name"
        NICKNAME = "nickname", "Nickname or nom de guerre"

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    text = models.CharField("alias", max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, blank=True)
    language = models.CharField(
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[a-z]{2,3}$", "An ISO 639 code: “en”, “ur”, “ps”.")],
        help_text="ISO 639 code, e.g. en, ur, ps, fa, ar.",
    )
    script = models.CharField(
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[A-Z][a-z]{3}$", "An ISO 15924 code: “Latn”, “Arab”.")],
        help_text="ISO 15924 code, e.g. Latn, Arab.",
    )
    start = models.DateField(null=True, blank=True, help_text="First used (optional).")
    end = models.DateField(null=True, blank=True, help_text="Last used (optional).")
    ambiguous = models.BooleanField(
        default=False,
        help_text="Can mean more than one entity: never linked without an analyst choosing.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, actor__isnull=False)
                | Q(organisation__isnull=False, actor__isnull=True),
                name="alias_of_one_organisation_or_person",
                violation_error_message="An alias belongs to one organisation or one person.",
            ),
            models.UniqueConstraint(
                fields=["organisation", "text"],
                condition=Q(organisation__isnull=False),
                name="unique_organisation_alias",
                violation_error_message="This organisation has this alias already.",
            ),
            models.UniqueConstraint(
                fields=["actor", "text"],
                condition=Q(actor__isnull=False),
                name="unique_actor_alias",
                violation_error_message="This person has this alias already.",
            ),
            ends_after_start(
                "start",
                "end",
                name="alias_ends_after_start",
                message="An alias cannot end before it starts.",
            ),
        ]
        indexes = [
            models.Index(fields=["text"]),
            GinIndex(alias_vector(), name="alias_search_gin"),
        ]

    def __str__(self):
        return self.text


def alias_texts(entity) -> list[str]:
    """The entity's aliases, from a prefetch or an `alias_texts` annotation if it has one."""
    annotated = getattr(entity, "alias_list", None)
    if annotated is not None:
        return list(annotated)
    if entity.pk is None:
        return []
    return [a.text for a in entity.aliases.all()]


def with_alias_texts(queryset):
    """`queryset` with each row's aliases as `alias_list`, in the same query."""
    field = "organisation" if queryset.model is Organisation else "actor"
    texts = Alias.objects.filter(**{field: models.OuterRef("pk")}).order_by("pk").values("text")
    return queryset.annotate(alias_list=ArraySubquery(texts))


class RoleQuerySet(models.QuerySet):
    def held_on(self, day) -> "RoleQuerySet":
        """Roles that had begun by `day` and had not yet ended (an open end means ongoing).

        The same rule as `Role.was_held_on`, for one role already read."""
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end_last_day__gte=day)
        )


class Role(models.Model):
    """A title a person held in an organisation, from a start to an end.

    `rank` is the role's standing in its organisation, which orders a person's roles
    wherever several are shown (a brief's people panel): who leads it, then deputies,
    then other senior posts, then the rest; within a rank the most recently begun first.
    """

    class Rank(models.IntegerChoices):
        LEADER = 1, "Leader"
        DEPUTY = 2, "Deputy"
        SENIOR = 3, "Senior post"
        OTHER = 4, "Other"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    title = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(
        "seniority",
        choices=Rank.choices,
        default=Rank.OTHER,
        help_text="Leader: leads the organisation (emir, head, minister of a ministry, "
        "director general). Deputy: deputy to its leader. Senior post: commander, "
        "spokesperson, ambassador, council member. A brief lists a person's roles in "
        "this order.",
    )
    start = models.DateField(null=True, blank=True)
    start_precision = precision_field("start precision")
    end = models.DateField(null=True, blank=True, help_text="Leave empty while the role is held.")
    end_precision = precision_field("end precision")
    # The last day the role may have been held, given the end's precision; lets
    # "held on day X" be one indexed comparison.
    end_last_day = models.DateField(null=True, editable=False)

    history = HistoricalRecords()
    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["actor", "-start"]
        constraints = [
            ends_after_start(
                "start",
                "end",
                name="role_ends_after_start",
                message="A role cannot end before it starts.",
            )
        ]

    def __str__(self):
        where = f", {self.organisation.name}" if self.organisation_id else ""
        return f"{self.title}{where}"

    def save(self, *args, **kwargs):
        normalise_fields(self, "start", "end")
        self.end_last_day = last_day(self.end, self.end_precision)
        super().save(*args, **kwargs)

    def was_held_on(self, day) -> bool:
        """The rule of `RoleQuerySet.held_on`, for a role already read."""
        return (self.start is None or self.start <= day) and (
            self.end is None or last_day(self.end, self.end_precision) >= day
        )

    def ended_before(self, day) -> bool:
        return self.end is not None and last_day(self.end, self.end_precision) < day

    def period(self) -> str:
        start = format_date(self.start, self.start_precision) or "?"
        end = format_date(self.end, self.end_precision) or "present"
        return f"{start} – {end}"


class Relationship(models.Model):
    """How one organisation stands to another over a period."""

    class Kind(models.TextChoices):
        ALLY = "ally", "Ally of"
        AFFILIATE = "affiliate", "Affiliate of"
        SPLINTER = "splinter", "Splinter of"
        RIVAL = "rival", "Rival of"
        SPONSOR = "sponsor", "Sponsor of"

    subject = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="relationships_from"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    other = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="relationships_to"
    )
    start = models.DateField(null=True, blank=True)
    start_precision = precision_field("start precision")
    end = models.DateField(null=True, blank=True)
    end_precision = precision_field("end precision")
    source = models.CharField(max_length=300, blank=True, help_text="Where this is established.")
    source_url = models.URLField("source URL", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["subject", "kind", "other"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject=models.F("other")),
                name="relationship_between_two_organisations",
                violation_error_message="A relationship needs two different organisations.",
            ),
            ends_after_start(
                "start",
                "end",
                name="relationship_ends_after_start",
                message="A relationship cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.subject.name} — {self.get_kind_display().lower()} {self.other.name}"

    def save(self, *args, **kwargs):
        normalise_fields(self, "start", "end")
        super().save(*args, **kwargs)


def _figure_rules(figure: str) -> list[models.CheckConstraint]:
    """A casualty figure's range: only around a known best figure, low <= best <= high."""
    best, low, high = (f"{figure}_{part}" for part in ("best", "low", "high"))
    return [
        models.CheckConstraint(
            condition=(Q(**{f"{low}__isnull": True}) & Q(**{f"{high}__isnull": True}))
            | Q(**{f"{best}__isnull": False}),
            name=f"event_{figure}_range_of_a_known_figure",
            violation_error_message=f"A range of the number {figure} needs its best figure: "
            "leave all empty when it is not known (empty is unknown, 0 is none).",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{low}__isnull": True}) | Q(**{f"{low}__lte": models.F(best)}),
            name=f"event_{figure}_low_within",
            violation_error_message=f"The low figure {figure} is above the best figure.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{high}__isnull": True}) | Q(**{f"{high}__gte": models.F(best)}),
            name=f"event_{figure}_high_within",
            violation_error_message=f"The high figure {figure} is below the best figure.",
        ),
    ]


class Event(SluggedModel, models.Model):
    """A dated incident: an attack, a meeting, a speech.

    Recorded to the grade of the ACLED and GTD codebooks (`actors.codebook`): a public
    id, dates and place with their precision, ACLED's types, actors (`parties`,
    `actors.incidents`), the toll as best figures with ranges, claims and sources.
    A figure left empty is not known, which is not zero.
    """

    keeps_old_slugs = True  # an old address redirects here (actors.slugs)

    class Kind(models.TextChoices):
        ATTACK = "attack", "Attack"
        MEETING = "meeting", "Meeting or visit"
        STATEMENT = "statement", "Statement"
        SPEECH = "speech", "Speech"
        AGREEMENT = "agreement", "Agreement"
        OTHER = "other", "Other"

    class Claim(models.TextChoices):
        UNKNOWN = "unknown", "Not known"
        CLAIMED = "claimed", "Claimed"
        UNCLAIMED = "unclaimed", "Not claimed"
        DENIED = "denied", "Responsibility denied"

    slug_source = "title"

    # Null, not "", until the event has a country: unique, and no two events share "".
    public_id = models.CharField(  # noqa: DJ001
        "event ID",
        max_length=16,
        unique=True,
        null=True,
        editable=False,
        help_text="<ISO3>-<number>, given once from the country and never changed or reused.",
    )
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=80, unique=True, blank=True, allow_unicode=True)
    date = models.DateField()
    date_precision = precision_field("date precision")
    end_date = models.DateField(null=True, blank=True)
    end_date_precision = precision_field("end date precision")
    location = models.CharField(
        max_length=200, blank=True, help_text="The town, village or site (ACLED's location)."
    )
    admin2 = models.CharField("second-level area", max_length=200, blank=True)
    admin1 = models.CharField("first-level area", max_length=200, blank=True)
    country = CountryField()
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    geo_precision = models.PositiveSmallIntegerField(
        "geo precision", choices=GeoPrecision.choices, null=True, blank=True
    )
    kind = models.CharField("type", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    event_type = models.CharField(
        "ACLED event type", max_length=40, choices=EVENT_TYPE_CHOICES, blank=True
    )
    sub_event_type = models.CharField(
        "ACLED sub-event type", max_length=40, choices=SUB_EVENT_TYPE_CHOICES, blank=True
    )
    civilian_targeting = models.BooleanField(
        default=False, help_text="Civilians were the target (ACLED's civilian targeting)."
    )
    killed_best = models.PositiveIntegerField("killed", null=True, blank=True)
    killed_low = models.PositiveIntegerField("killed, low", null=True, blank=True)
    killed_high = models.PositiveIntegerField("killed, high", null=True, blank=True)
    killed_victims = models.PositiveIntegerField("of them victims", null=True, blank=True)
    killed_perpetrators = models.PositiveIntegerField("of them perpetrators", null=True, blank=True)
    injured_best = models.PositiveIntegerField("injured", null=True, blank=True)
    injured_low = models.PositiveIntegerField("injured, low", null=True, blank=True)
    injured_high = models.PositiveIntegerField("injured, high", null=True, blank=True)
    claim = models.CharField(max_length=16, choices=Claim.choices, default=Claim.UNKNOWN)
    competing_claims = models.BooleanField(
        default=False, help_text="More than one group claimed it (GTD's competing claims)."
    )
    attribution = models.CharField(
        "attribution certainty",
        max_length=16,
        choices=Certainty.choices,
        default=Certainty.UNKNOWN,
        help_text="How sure the attribution to actor 1 is.",
    )
    summary = models.TextField(blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="EventOrganisation", related_name="events", blank=True
    )
    participants = models.ManyToManyField(
        Actor, through="EventActor", related_name="events", blank=True
    )
    tags = TaggableManager(blank=True, related_name="events")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                # An end known to the month or year may be the month or year it began.
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("date"))
                | Q(end_date_precision=Precision.MONTH, end_date__gte=TruncMonth("date"))
                | Q(end_date_precision=Precision.YEAR, end_date__gte=TruncYear("date")),
                name="event_ends_after_start",
                violation_error_message="An event cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=sub_type_belongs_to_type(),
                name="event_sub_type_of_its_type",
                violation_error_message="The sub-event type must be one of the event type's.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True, geo_precision=None)
                | Q(latitude__isnull=False, longitude__isnull=False, geo_precision__isnull=False),
                name="event_coordinates_with_precision",
                violation_error_message="Give latitude, longitude and geo precision together, "
                "or none of them.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="event_coordinates_on_earth",
                violation_error_message="Latitude is between -90 and 90, longitude between "
                "-180 and 180.",
            ),
            *_figure_rules("killed"),
            *_figure_rules("injured"),
            models.CheckConstraint(
                condition=(Q(killed_victims__isnull=True) & Q(killed_perpetrators__isnull=True))
                | Q(killed_best__isnull=False),
                name="event_killed_split_of_a_known_figure",
                violation_error_message="Victims and perpetrators killed need the number "
                "killed: an unknown figure has no split.",
            ),
            models.CheckConstraint(
                condition=Q(killed_victims__isnull=True)
                | Q(killed_perpetrators__isnull=True)
                | Q(killed_best=models.F("killed_victims") + models.F("killed_perpetrators")),
                name="event_killed_split_sums",
                violation_error_message="Victims and perpetrators killed must add up to the "
                "number killed.",
            ),
            models.CheckConstraint(
                condition=Q(killed_victims__isnull=True)
                | Q(killed_victims__lte=models.F("killed_best")),
                name="event_killed_victims_within",
                violation_error_message="More victims killed than people killed.",
            ),
            models.CheckConstraint(
                condition=Q(killed_perpetrators__isnull=True)
                | Q(killed_perpetrators__lte=models.F("killed_best")),
                name="event_killed_perpetrators_within",
                violation_error_message="More perpetrators killed than people killed.",
            ),
        ]
        indexes = [
            # The index page's order and filters, and the search (actors.lookup).
            models.Index(F("date").desc(), "title", "id", name="event_date_order"),
            models.Index("country", F("date").desc(), "title", "id", name="event_country_order"),
            models.Index("event_type", F("date").desc(), "title", "id", name="event_type_order"),
            GinIndex(event_vector(), name="event_search_gin"),
        ]

    def __str__(self):
        return f"{self.title} ({format_date(self.date, self.date_precision)})"

    def save(self, *args, **kwargs):
        normalise_fields(self, "date", "end_date")
        if not self.public_id and self.country:
            self.public_id = next_public_id(self.country.alpha3)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actors:event", kwargs={"slug": self.slug})

    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)

    def end_date_display(self) -> str:
        return format_date(self.end_date, self.end_date_precision)

    def is_violent(self) -> bool:
        """An attack of ours, or political violence or a riot in ACLED's terms: actor 1
        of such an event is its perpetrator."""
        return self.kind == self.Kind.ATTACK or self.event_type in VIOLENT_EVENT_TYPES

    def disorder_type(self) -> str:
        return disorder_type(self.event_type, self.sub_event_type)


class EventOrganisation(models.Model):
    """An organisation's part in an event besides its actors and claims: a participant
    (in a meeting, a speech) or a target."""

    class Part(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        TARGET = "target", "Target"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="event_links"
    )
    part = models.CharField(max_length=16, choices=Part.choices, default=Part.PARTICIPANT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisation in event"
        verbose_name_plural = "organisations in event"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "part"], name="unique_event_organisation_part"
            )
        ]

    def __str__(self):
        return (
            f"{self.organisation.name}: {self.get_part_display().lower()} in “{self.event.title}”"
        )


class EventActor(models.Model):
    """A person who took part in an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="event_links")
    part = models.CharField(max_length=100, blank=True, help_text="For example “delegation head”.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "person in event"
        verbose_name_plural = "people in event"
        constraints = [
            models.UniqueConstraint(fields=["event", "actor"], name="unique_event_actor")
        ]

    def __str__(self):
        return f"{self.actor.name} in “{self.event.title}”"


class AbstractSource(models.Model):
    """What a claim relies on: a report, a statement, a post."""

    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500, blank=True)
    accessed = models.DateField("access date", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.outlet}: {self.title}" if self.outlet else self.title


class EventSource(AbstractSource):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    scale = models.CharField("source scale", max_length=16, choices=SourceScale.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "event source"


# The event's codebook parts and the organisations' designations, in their own modules.
from actors.designations import Designation  # noqa: E402, F401
from actors.incidents import EventClaim, EventParty, EventSequence, next_public_id  # noqa: E402, F401
