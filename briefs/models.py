"""Briefs: the analyst's working copy, its sections and sources, and what is live.

A `Brief` is the working copy that analysts and editors edit in the admin. Readers
never see it. What readers see is a `Publication`: a frozen copy of a brief made by
`briefs.publishing.workflow.publish`, live from `go_live_at` until `ends_at`. Public views,
feeds, search and the sitemap read `Publication.objects.live()` and nothing else.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag

from actors.images import uploaded_images, validate_image
from actors.models import AbstractSource, Actor, Event, Organisation
from actors.slugs import SluggedModel

STANDARD_HEADINGS = ["What happened?", "Background", "Assessment"]

DEFAULT_DISCLAIMER = (
    "*The viewpoints expressed by the authors do not necessarily reflect the opinions, "
    "viewpoints and editorial policies of Terrorism Analysis Platform."
)
DEFAULT_COPYRIGHT = "© 2019 All Rights Reserved"
DEFAULT_DATA_LICENCE = "CC BY 4.0"
DEFAULT_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


class Brief(SluggedModel, models.Model):
    """The working copy of a brief."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    slug_source = "title"

    title = models.CharField(max_length=250)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="Part of the public address. Filled in from the title; never changes by itself.",
    )
    summary = models.TextField(blank=True, help_text="One or two sentences for lists and feeds.")
    date = models.DateField(
        default=datetime.date.today,
        help_text="The date the brief speaks from: roles are shown as held on this day.",
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="briefs", blank=True)
    tags = TaggableManager(blank=True)
    cover = models.ImageField(
        "cover image",
        upload_to="covers/",
        storage=uploaded_images,
        blank=True,
        validators=[validate_image],
    )
    cover_alt = models.CharField("cover alt text", max_length=250, blank=True)
    cover_credit = models.CharField("cover credit", max_length=250, blank=True)
    countries = CountryField(multiple=True, blank=True)
    actors = models.ManyToManyField(Actor, through="BriefActor", related_name="briefs", blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="BriefOrganisation", related_name="briefs", blank=True
    )
    events = models.ManyToManyField(Event, through="BriefEvent", related_name="briefs", blank=True)
    # What the analyst chose for each ambiguous mention in the text: mention id
    # (`briefs.mentions.Mention.id`) -> "organisation:PK", "actor:PK" or "none".
    mention_choices = models.JSONField(default=dict, blank=True, editable=False)
    # SHA-256 of the archive text this brief was imported from, if it was.
    imported_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False, db_index=True
    )
    # Counts saves of the content; an edit form carries the number it was opened
    # with, so a save over somebody else's newer save is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by `workflow.submit_for_review`: the editor the analyst asked to review it
    # (none: any editor), and when it was last submitted (the review queue's order).
    assigned_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Each revision records the authors with it (`HistoricalBrief_authors`), so that
    # history, compare and restore treat them like the brief's other parts.
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[authors])

    class Meta:
        ordering = ["-updated_at"]
        permissions = [
            ("review_brief", "Can return a brief in review to its author"),
            ("publish_brief", "Can publish a brief"),
            ("withdraw_brief", "Can withdraw a published brief"),
        ]
        indexes = [
            # The admin list's ORDER BY (the admin adds -pk to make it total).
            models.Index(fields=["-updated_at", "-id"], name="brief_updated_at"),
            # The admin's date bar: first and last date, and a year's or month's briefs.
            models.Index(fields=["date"], name="brief_date"),
            # The desk's review queue, oldest first (briefs.desk.dashboard).
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="review"),
                name="brief_review_queue",
            ),
            # A person's drafts and briefs in review on the desk, newest first.
            models.Index(fields=["created_by", "status", "-updated_at"], name="brief_created_by"),
            # The admin search: `icontains` is UPPER(col::text) LIKE UPPER('%word%').
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="brief_title_trgm"),
            GinIndex(OpClass(Upper("summary"), name="gin_trgm_ops"), name="brief_summary_trgm"),
            GinIndex(OpClass(Upper("slug"), name="gin_trgm_ops"), name="brief_slug_trgm"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:briefs_brief_change", args=[self.pk])


# The longest section body, in characters. A whole brief is some 600 to 1,500 words
# (4,000 to 10,000 characters with its Markdown links), so one section of 20,000
# holds the longest brief twice over. The limit is what keeps a section's cost fixed:
# rendering its worst Markdown takes about 0.3 s and comparing two revisions of it
# stays within the compare budget (briefs/desk/diff.py; figures in bench/README.md,
# "Compare and Markdown bounds"). The importer applies the same limits.
SECTION_BODY_MAX = 20_000
# All the section bodies of one brief together (the admin form and the importer
# check it): preview and publishing render every section, so this bounds them.
BRIEF_BODY_MAX = 2 * SECTION_BODY_MAX


class Section(models.Model):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Markdown.",
        max_length=SECTION_BODY_MAX,
        validators=[MaxLengthValidator(SECTION_BODY_MAX)],
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        indexes = [
            # The admin search in section bodies (see `brief_title_trgm`).
            GinIndex(OpClass(Upper("body"), name="gin_trgm_ops"), name="section_body_trgm"),
        ]

    def __str__(self):
        return self.heading


class Source(AbstractSource):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]


class BriefActor(models.Model):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="brief_links")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "person discussed"
        verbose_name_plural = "people discussed"
        constraints = [
            models.UniqueConstraint(fields=["brief", "actor"], name="unique_brief_actor")
        ]

    def __str__(self):
        return f"Brief “{self.brief.title}” discusses {self.actor.name}"


class BriefOrganisation(models.Model):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="brief_links"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisation discussed"
        verbose_name_plural = "organisations discussed"
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "organisation"], name="unique_brief_organisation"
            )
        ]

    def __str__(self):
        return f"Brief “{self.brief.title}” discusses {self.organisation.name}"


class BriefEvent(models.Model):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="event_links")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="brief_links")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "event covered"
        verbose_name_plural = "events covered"
        constraints = [
            models.UniqueConstraint(fields=["brief", "event"], name="unique_brief_event")
        ]

    def __str__(self):
        return f"Brief “{self.brief.title}” covers {self.event.title}"


class Transition(models.Model):
    """One move of a brief between states: who, when, from, to, and why.

    Protected: deleting a brief never takes its log with it; only a superuser's
    erasure (`briefs.publishing.erasure`) deletes it, explicitly."""

    brief = models.ForeignKey(Brief, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Brief.Status.choices)
    to_status = models.CharField(max_length=16, choices=Brief.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    # The version of the working copy the step acted on: what was submitted, approved.
    brief_version = models.PositiveIntegerField(null=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            # A brief's latest step (the desk shows the comment of a return).
            models.Index(fields=["brief", "-at", "-id"], name="transition_brief_latest"),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


# Newest first by the date a brief speaks from, so that an archive imported today
# does not push this week's briefs down; among versions, the newest.
READING_ORDER = ("-date", "-go_live_at", "-pk")
CARD_FIELDS = ("title", "slug", "summary", "date", "go_live_at", "first_published_at", "card")
# A multiple CountryField is stored as "AF,PK"; as an array it can be indexed.
COUNTRY_CODES = Func(
    F("countries"),
    Value(","),
    function="string_to_array",
    output_field=ArrayField(models.TextField()),
)


class PublicationQuerySet(models.QuerySet):
    def live(self, at: datetime.datetime | None = None) -> "PublicationQuerySet":
        """What readers may see at `at` (now by default): the one definition of public.

        A publication is live from its `go_live_at` until its `ends_at`. Publishing
        again ends the previous publication where the new one begins; withdrawing
        ends it now. Because this is a comparison with the clock, a scheduled
        publication goes live at its time with nothing to run.
        """
        at = at or timezone.now()
        return self.filter(go_live_at__lte=at).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))

    def scheduled(self, at: datetime.datetime | None = None) -> "PublicationQuerySet":
        """Approved publications whose time has not yet come."""
        at = at or timezone.now()
        return self.filter(go_live_at__gt=at).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))

    def current(self) -> "PublicationQuerySet":
        """Each brief's latest approved version, live or waiting for its time: the
        publications nothing has ended yet. A brief has at most one."""
        return self.filter(ends_at__isnull=True)

    def in_reading_order(self) -> "PublicationQuerySet":
        """Newest first, as every list shows them (served by `publication_reading_order`)."""
        return self.order_by(*READING_ORDER)

    def cards(self) -> "PublicationQuerySet":
        """Only the columns a brief's card in a list shows: no article, no vector."""
        return self.only(*CARD_FIELDS)

    def tagged(self, tag_id: int) -> "PublicationQuerySet":
        """Publications with the tag `tag_id` (from the reading-order index, or the GIN)."""
        return self.filter(tag_ids__contains=[tag_id])

    def about(self, organisation_id: int) -> "PublicationQuerySet":
        """Publications that discuss the organisation `organisation_id`."""
        return self.filter(organisation_ids__contains=[organisation_id])

    def in_country(self, code: str) -> "PublicationQuerySet":
        """Publications about the country `code` (served by `publication_countries_gin`)."""
        return self.annotate(country_codes=COUNTRY_CODES).filter(country_codes__contains=[code])


class Publication(models.Model):
    """A brief as an editor approved it for readers. Never edited, only ended.

    `content` holds the rendered sections, sources and the actor panel, made by
    `briefs.publishing.snapshot.take()`; the links below are copies of the brief's links at
    approval, so that lists and entity pages show only what was approved. Protected
    from its brief's deletion: only an erasure (`briefs.publishing.erasure`) removes it.
    """

    brief = models.ForeignKey(Brief, on_delete=models.PROTECT, related_name="publications")
    revision = models.ForeignKey(
        "briefs.HistoricalBrief",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision of the brief that was approved.",
    )
    brief_version = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=80, allow_unicode=True, db_index=True)
    summary = models.TextField(blank=True)
    date = models.DateField()
    content = models.JSONField(default=dict)
    # What a card in a list shows besides the columns: authors, tags, cover (a few
    # hundred bytes, so that a list never reads `content`).
    card = models.JSONField(default=dict, editable=False)
    cover = models.CharField(max_length=300, blank=True)
    cover_alt = models.CharField(max_length=250, blank=True)
    cover_credit = models.CharField(max_length=250, blank=True)
    countries = CountryField(multiple=True, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="publications", blank=True
    )
    actors = models.ManyToManyField(
        Actor, through="PublicationActor", related_name="publications", blank=True
    )
    organisations = models.ManyToManyField(
        Organisation, through="PublicationOrganisation", related_name="publications", blank=True
    )
    events = models.ManyToManyField(
        Event, through="PublicationEvent", related_name="publications", blank=True
    )
    tags = TaggableManager(blank=True, related_name="publications")
    # The ids of `tags` and `organisations`, as approved: lists filter on these from
    # the reading-order index alone (the links stay the record and serve joins).
    tag_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    organisation_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    search = SearchVectorField(null=True, editable=False)

    go_live_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True, db_index=True)
    # The article as rendered at publish by `briefs.publishing.article.freeze`, and a fingerprint
    # of the templates and code that rendered it (see that module).
    article_head = models.TextField(blank=True, editable=False)
    article_html = models.TextField(blank=True, editable=False)
    article_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The "Updated on" date readers see: this version's go-live for an update or a
    # correction, the previous version's for a minor edit, none for the first.
    updated_on = models.DateTimeField(null=True, blank=True, editable=False)
    # Every correction of the brief up to this version, newest first, as readers
    # see them above the text: [{"date": ISO datetime, "text": …}].
    corrections = models.JSONField(default=list, blank=True, editable=False)
    # The footer this version went out with (the site settings at publish, or the
    # settings a site admin later applied to every live brief).
    disclaimer = models.TextField(blank=True, editable=False)
    copyright = models.CharField(max_length=250, blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-go_live_at"]
        indexes = [
            GinIndex(fields=["search"], name="publication_search_gin"),
            # Every list's ORDER BY. What lists filter on rides along (`ends_at` for
            # live(), the countries, tags and organisations), so that finding a
            # page's rows is an index-only scan however deep the page and whatever
            # the filter; `slug` makes a sitemap part one too.
            models.Index(
                fields=["-date", "-go_live_at", "-id"],
                include=["ends_at", "slug", "countries", "tag_ids", "organisation_ids"],
                name="publication_reading_order_all",
            ),
            # A rare tag or organisation: its few publications, then sorted.
            GinIndex(fields=["tag_ids"], name="publication_tag_ids_gin"),
            GinIndex(fields=["organisation_ids"], name="publication_org_ids_gin"),
            # Which publication shows a cover rendition (briefs.public.media).
            GinIndex(fields=["card"], opclasses=["jsonb_path_ops"], name="publication_card_gin"),
            GinIndex(COUNTRY_CODES, name="publication_countries_gin"),
        ]

    def __str__(self):
        return f"{self.title} (live from {self.go_live_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("briefs:detail", kwargs={"slug": self.slug})

    def is_update(self) -> bool:
        """True when this is an edited version re-published after the first."""
        return self.go_live_at > self.first_published_at


class NoticeQuerySet(models.QuerySet):
    def public(self, at: datetime.datetime | None = None) -> "NoticeQuerySet":
        """The notices readers see at `at` (now by default): corrections whose version
        has gone live and withdrawal notices, except those of a brief taken down.
        Newest first, served by `notice_public_order`."""
        at = at or timezone.now()
        return self.filter(shown=True, at__lte=at).order_by("-at", "-id")


class Notice(models.Model):
    """A public entry in the editorial record, listed at /corrections/.

    A *correction* is made when an editor re-publishes a brief with a note saying what
    was wrong and what is right; it is dated by the go-live of the version that
    carries it. A *withdrawal* notice is made when a brief is withdrawn with notice;
    its address then answers 410 with it. Taking a brief down hides all of its
    notices (`shown`), so that nothing public says it existed.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        WITHDRAWAL = "withdrawal", "Withdrawal"

    brief = models.ForeignKey(Brief, on_delete=models.PROTECT, related_name="notices")
    publication = models.ForeignKey(
        Publication, null=True, on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=80, allow_unicode=True)
    text = models.TextField()
    at = models.DateTimeField()
    first_published_at = models.DateTimeField()
    shown = models.BooleanField(default=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        indexes = [
            # /corrections/: newest first among the shown ones, a page at a time.
            models.Index(
                fields=["-at", "-id"], condition=Q(shown=True), name="notice_public_order"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of “{self.title}” ({self.at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("briefs:detail", kwargs={"slug": self.slug})


class Erasure(models.Model):
    """The audit record of a brief a superuser deleted (a legal erasure): who, when,
    why, and what the brief was called. Kept when everything else of it is gone."""

    brief_id = models.BigIntegerField(help_text="The id the erased brief had.")
    title = models.CharField(max_length=250)
    slug = models.CharField(max_length=80)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_username = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)
    publications = models.PositiveIntegerField(
        default=0, help_text="How many approved versions were deleted with it."
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"“{self.title}” erased {self.at:%Y-%m-%d %H:%M} by {self.by_username}"


class PublicationActor(models.Model):
    """An approved link: an entity a published brief discusses cannot be deleted."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="publication_links")

    def __str__(self):
        return f"Published brief “{self.publication.title}” discusses {self.actor.name}"


class PublicationOrganisation(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="publication_links"
    )

    def __str__(self):
        return f"Published brief “{self.publication.title}” discusses {self.organisation.name}"


class PublicationEvent(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="publication_links")

    def __str__(self):
        return f"Published brief “{self.publication.title}” covers {self.event.title}"


class RevisedFactQuerySet(models.QuerySet):
    def current(self) -> "RevisedFactQuerySet":
        """Revisions that readers see now or will: of current publications only."""
        return self.filter(publication__ends_at__isnull=True)


class RevisedFact(models.Model):
    """A fact a current publication shows from the registry, corrected since it was
    approved: an event's date, place, toll or claim, or a person's roles on the
    brief's date. Written by `briefs.publishing.facts`, one row per fact that still
    differs; the editors' list of briefs that may need a correction."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="revised_facts"
    )
    event = models.ForeignKey(Event, null=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(Actor, null=True, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=40)
    published = models.TextField("at publication", blank=True)
    current = models.TextField("now", blank=True)
    revised_at = models.DateTimeField("revised", db_index=True)

    objects = RevisedFactQuerySet.as_manager()

    class Meta:
        ordering = ["-revised_at", "pk"]
        verbose_name = "revised fact in a live brief"
        verbose_name_plural = "revised facts in live briefs"
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=True, actor__isnull=False)
                | Q(event__isnull=False, actor__isnull=True),
                name="revised_fact_of_an_event_or_a_person",
            )
        ]

    def __str__(self):
        subject = self.event.title if self.event_id else self.actor.name
        return f"{subject}: {self.what} revised in “{self.publication.title}”"


class Author(SluggedModel, models.Model):
    """How a member of staff appears in public: a name and an address of their own.

    A login name never reaches a reader; pages, feeds, the sitemap and JSON-LD show
    `display_name` and link to `/authors/<slug>/`. Both are edited on the person's
    own profile page in the admin.
    """

    slug_source = "display_name"
    keeps_old_slugs = True  # an old address redirects here (actors.slugs)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author"
    )
    display_name = models.CharField(
        max_length=120, help_text="Your name as readers see it on briefs you wrote."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text="Your page's public address: /authors/<slug>/.",
    )

    history = HistoricalRecords()

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("briefs:author", kwargs={"slug": self.slug})

    @classmethod
    def of(cls, user) -> "Author":
        """The user's public identity, made from their full name the first time."""
        try:
            return user.author
        except cls.DoesNotExist:
            name = user.get_full_name().strip() or f"TAP author {user.pk}"
            author, _ = cls.objects.get_or_create(user=user, defaults={"display_name": name})
            return author


class LiveCount(models.Model):
    """How many current publications each way into the archive leads to.

    One row per key: "all", a tag, an organisation, a person, an event, an author, a
    country or a year. `briefs.publishing.counts` keeps them as publications start
    and end (in the same transaction) and reads them, with the few publications
    whose window is in the future, as counts of live briefs. Lists, facets, tag
    pages and the sitemap read these rows instead of counting the archive.
    """

    key = models.CharField(max_length=40, primary_key=True)
    facet = models.CharField(max_length=16)
    tag = models.ForeignKey(Tag, null=True, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.CASCADE, related_name="+"
    )
    ref = models.BigIntegerField(null=True)  # a person, an event or an author
    code = models.CharField(max_length=8, blank=True)  # a country or a year
    briefs = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["facet", "-briefs"], name="livecount_facet_briefs")]

    def __str__(self):
        return f"{self.key}: {self.briefs}"


class TagChange(models.Model):
    """A change made to tags in the tag admin: who, when, what, and how many live briefs
    it reached (`briefs.publishing.live_tags`). Never edited."""

    class Kind(models.TextChoices):
        RENAME = "rename", "Renamed"
        MERGE = "merge", "Merged"
        ATTACH = "attach", "Attached"
        DETACH = "detach", "Detached"
        DELETE = "delete", "Deleted"

    tag = models.ForeignKey(Tag, null=True, on_delete=models.SET_NULL, related_name="+")
    tag_name = models.CharField(max_length=100, help_text="The tag's name before the change.")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    detail = models.TextField()
    live_briefs = models.PositiveIntegerField(
        default=0, help_text="Live or scheduled briefs that carried the tag before the change."
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} “{self.tag_name}”"


class SiteSettings(models.Model):
    """Site-wide text that every public brief ends with. One row."""

    disclaimer = models.TextField(default=DEFAULT_DISCLAIMER)
    copyright = models.CharField(max_length=250, default=DEFAULT_COPYRIGHT)
    # The licence of the open data at /data/ (briefs.data), named on its page and in
    # every file's headers.
    data_licence = models.CharField(
        "data licence",
        max_length=100,
        default=DEFAULT_DATA_LICENCE,
        help_text="The licence of the files at /data/, as its name.",
    )
    data_licence_url = models.URLField(
        "data licence URL", max_length=300, default=DEFAULT_DATA_LICENCE_URL
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    @classmethod
    def load(cls) -> "SiteSettings":
        """The site's texts as they stand, or the defaults before anybody saved them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @classmethod
    def current(cls) -> "SiteSettings":
        settings_row, _ = cls.objects.get_or_create(pk=1)
        return settings_row


class MailPreferences(models.Model):
    """Which notification mails a member of staff receives (briefs.publishing.notifications).

    No row means every kind; each is turned off on the person's profile page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preferences"
    )
    submitted = models.BooleanField(
        "briefs submitted for review", default=True, help_text="Editors: a brief waits for you."
    )
    returned = models.BooleanField(
        "briefs returned to you", default=True, help_text="With the editor's comment."
    )
    published = models.BooleanField("your briefs published", default=True)
    scheduled = models.BooleanField(
        "your briefs scheduled", default=True, help_text="Also when rescheduled or cancelled."
    )
    withdrawn = models.BooleanField("your briefs withdrawn", default=True)

    class Meta:
        verbose_name = "mail preferences"
        verbose_name_plural = "mail preferences"

    def __str__(self):
        return f"Mail preferences of {self.user}"
