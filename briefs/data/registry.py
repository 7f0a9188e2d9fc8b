"""The registry as files: organisations (with aliases and designations), people with
their roles, relationships between organisations, designations.

Each file is a list of `Column`s, a query (`*_for_export`: one query, or one per
chunk for people's roles) and a row function giving the values in the columns'
order. Countries are ISO 3166-1 alpha-2 codes; dates are the first day of their
period, with their precision (day, month, year) beside them.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Prefetch

from actors.models import Actor, Designation, Organisation, Relationship, Role, with_alias_texts
from briefs.data.columns import Column
from briefs.publishing.article import absolute

_DATE = "The first day of the period known (see the precision column beside it)."
_PRECISION = "How precise the date before it is: day, month or year."

ORGANISATION_COLUMNS = [
    Column(
        "slug",
        "The organisation's address on this site, and its id in the other files.",
        "tehrik-i-taliban-pakistan",
    ),
    Column("name", "Its name.", "Tehrik-i-Taliban Pakistan"),
    Column("abbreviation", "Its abbreviation.", "TTP"),
    Column(
        "aliases",
        'Its other names, any script, separated by "; " (a list in JSON).',
        "Pakistani Taliban; …",
    ),
    Column(
        "kind", "militant, government, intelligence, media, international or other.", "militant"
    ),
    Column("country", "ISO 3166-1 alpha-2 code of its country.", "PK"),
    Column("parent", "The slug of the organisation it belongs to.", ""),
    Column("founded", _DATE, "2007-12-01"),
    Column("founded_precision", _PRECISION, "month"),
    Column("dissolved", _DATE, ""),
    Column("dissolved_precision", _PRECISION, ""),
    Column(
        "designations",
        'The lists it is on now (codes as in the designations file), separated by "; ".',
        "PK; US-FTO; US-SDGT; GB; UN-1267",
    ),
    Column("url", "Its page on this site.", "https://…/organisations/tehrik-i-taliban-pakistan/"),
]

PERSON_COLUMNS = [
    Column("slug", "The person's address on this site.", "khawaja-muhammad-asif"),
    Column("name", "Their name.", "Khawaja Muhammad Asif"),
    Column("aliases", 'Other names, separated by "; " (a list in JSON).', "Khawaja Asif"),
    Column("nationality", "ISO 3166-1 alpha-2 code.", "PK"),
    Column(
        "roles",
        'Each role as title, organisation and period, separated by "; " '
        "(in JSON a list of objects: title, organisation, rank, start, start_precision, "
        "end, end_precision).",
        "Minister of Defence, Ministry of Defence (Pakistan) (April 2022 – present)",
    ),
    Column("url", "Their page on this site.", "https://…/actors/khawaja-muhammad-asif/"),
]

RELATIONSHIP_COLUMNS = [
    Column("subject", "The slug of the first organisation.", "tehrik-i-taliban-pakistan"),
    Column("subject_name", "Its name.", "Tehrik-i-Taliban Pakistan"),
    Column(
        "kind",
        "ally, affiliate, splinter, rival or sponsor: the subject is that of the other.",
        "ally",
    ),
    Column("other", "The slug of the second organisation.", "afghan-taliban"),
    Column("other_name", "Its name.", "Afghan Taliban"),
    Column("start", _DATE, ""),
    Column("start_precision", _PRECISION, ""),
    Column("end", _DATE, ""),
    Column("end_precision", _PRECISION, ""),
    Column("source", "Where the relationship is established.", ""),
    Column("source_url", "Its address.", ""),
]

DESIGNATION_COLUMNS = [
    Column("organisation", "The slug of the organisation listed.", "tehrik-i-taliban-pakistan"),
    Column("organisation_name", "Its name.", "Tehrik-i-Taliban Pakistan"),
    Column(
        "list",
        "The list's code: PK, US-FTO, US-SDGT, GB, UN-1267, UN-1988, EU, CA, AU, IN, other.",
        "US-FTO",
    ),
    Column("list_name", "The list's name.", "United States: Foreign Terrorist Organization"),
    Column("listed", _DATE, "2010-09-01"),
    Column("listed_precision", _PRECISION, "day"),
    Column("delisted", _DATE + " Empty while listed.", ""),
    Column("delisted_precision", _PRECISION, ""),
    Column("source", "The source of the listing.", "U.S. Department of State: …"),
    Column("source_url", "Its address.", "https://www.state.gov/…"),
]


def _precision(value, precision: str) -> str:
    return precision if value is not None else ""


def organisations_for_export():
    current = (
        Designation.objects.filter(organisation=OuterRef("pk"), delisted__isnull=True)
        .order_by(F("listed").asc(nulls_last=True), "jurisdiction")
        .values("jurisdiction")
    )
    return (
        with_alias_texts(Organisation.objects.all())
        .annotate(parent_slug=F("parent__slug"), current_lists=ArraySubquery(current))
        .defer("description", "logo", "logo_alt")
        .order_by("slug")
    )


def organisation_row(o: Organisation) -> list:
    return [
        o.slug,
        o.name,
        o.abbreviation,
        list(o.alias_list),
        o.kind,
        o.country.code or "",
        o.parent_slug or "",
        o.founded,
        _precision(o.founded, o.founded_precision),
        o.dissolved,
        _precision(o.dissolved, o.dissolved_precision),
        list(o.current_lists),
        absolute(o.get_absolute_url()),
    ]


def people_for_export():
    roles = (
        Role.objects.select_related("organisation")
        .only(
            "actor_id",
            "title",
            "rank",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "organisation__slug",
            "organisation__name",
        )
        .order_by(F("start").asc(nulls_first=True), "pk")
    )
    return (
        with_alias_texts(Actor.objects.all())
        .defer("biography", "photo", "photo_alt")
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by("slug")
    )


def person_row(person: Actor, *, structured: bool = False) -> list:
    roles = list(person.roles.all())
    if structured:
        held = [
            {
                "title": r.title,
                "organisation": r.organisation.slug if r.organisation_id else None,
                "rank": r.get_rank_display().lower(),
                "start": r.start,
                "start_precision": _precision(r.start, r.start_precision) or None,
                "end": r.end,
                "end_precision": _precision(r.end, r.end_precision) or None,
            }
            for r in roles
        ]
    else:
        held = [f"{r} ({r.period()})" for r in roles]
    return [
        person.slug,
        person.name,
        list(person.alias_list),
        person.nationality.code or "",
        held,
        absolute(person.get_absolute_url()),
    ]


def relationships_for_export():
    return Relationship.objects.annotate(
        subject_slug=F("subject__slug"),
        subject_name=F("subject__name"),
        other_slug=F("other__slug"),
        other_name=F("other__name"),
    ).order_by("subject__slug", "kind", "other__slug", "pk")


def relationship_row(r: Relationship) -> list:
    return [
        r.subject_slug,
        r.subject_name,
        r.kind,
        r.other_slug,
        r.other_name,
        r.start,
        _precision(r.start, r.start_precision),
        r.end,
        _precision(r.end, r.end_precision),
        r.source,
        r.source_url,
    ]


def designations_for_export():
    return Designation.objects.annotate(
        organisation_slug=F("organisation__slug"), organisation_name=F("organisation__name")
    ).order_by("organisation__slug", F("listed").asc(nulls_last=True), "jurisdiction", "pk")


def designation_row(d: Designation) -> list:
    return [
        d.organisation_slug,
        d.organisation_name,
        d.jurisdiction,
        d.get_jurisdiction_display(),
        d.listed,
        _precision(d.listed, d.listed_precision),
        d.delisted,
        _precision(d.delisted, d.delisted_precision),
        d.source_title,
        d.source_url,
    ]
