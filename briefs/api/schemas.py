"""What the API answers, field by field: the OpenAPI schema is made from these.

Only what a reader's page shows is here. No working copy, no internal note, no
staff account (authors appear by their public name), no uploaded original (logos and
photos are private files; readers get renditions only).
"""

import datetime

from ninja import Schema

from actors.dates import Precision


class Link(Schema):
    slug: str
    name: str
    url: str
    api_url: str


class EventLink(Schema):
    event_id_cnty: str | None
    slug: str
    title: str
    event_date: datetime.date
    url: str
    api_url: str


class Author(Schema):
    name: str
    url: str


class Tag(Schema):
    name: str
    slug: str


class Brief(Schema):
    slug: str
    title: str
    url: str
    api_url: str
    date: datetime.date
    first_published_at: datetime.datetime
    updated_at: datetime.datetime | None
    summary: str
    countries: list[str]
    authors: list[Author]
    tags: list[Tag]
    organisations: list[Link]
    people: list[Link]
    events: list[EventLink]


class Section(Schema):
    heading: str
    html: str


class BriefSource(Schema):
    outlet: str
    title: str
    url: str
    accessed: datetime.date | None


class BriefDetail(Brief):
    sections: list[Section]
    sources: list[BriefSource]


class Alias(Schema):
    text: str
    kind: str
    language: str
    script: str


class Designation(Schema):
    organisation: Link
    jurisdiction: str
    jurisdiction_label: str
    listed: datetime.date | None
    listed_precision: Precision
    delisted: datetime.date | None
    delisted_precision: Precision
    source: str
    source_url: str


class Organisation(Schema):
    slug: str
    name: str
    abbreviation: str
    kind: str
    country: str
    description: str
    parent: Link | None
    founded: datetime.date | None
    founded_precision: Precision
    dissolved: datetime.date | None
    dissolved_precision: Precision
    url: str
    api_url: str
    aliases: list[Alias]
    designations: list[Designation]


class Role(Schema):
    title: str
    organisation: Link | None
    rank: int
    rank_label: str
    start: datetime.date | None
    start_precision: Precision
    end: datetime.date | None
    end_precision: Precision


class Person(Schema):
    slug: str
    name: str
    nationality: str
    biography: str
    url: str
    api_url: str
    aliases: list[Alias]
    roles: list[Role]


class Claim(Schema):
    organisation: Link
    mode: str


class EventSource(Schema):
    outlet: str
    title: str
    url: str
    accessed: datetime.date | None
    source_scale: str


class Event(Schema):
    """ACLED's column names for what ACLED has; ours after them."""

    event_id_cnty: str | None
    event_date: datetime.date
    year: int
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int | None
    actor2: str
    assoc_actor_2: str
    inter2: int | None
    interaction: int | None
    civilian_targeting: str
    iso: int | None
    country: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str
    source_scale: str
    notes: str
    fatalities: int | None
    tags: str
    # Ours.
    slug: str
    title: str
    url: str
    api_url: str
    iso3: str
    country_code: str
    date_precision: Precision
    end_date: datetime.date | None
    end_date_precision: Precision
    kind: str
    actor1_organisation: Link | None
    actor2_organisation: Link | None
    fatalities_low: int | None
    fatalities_high: int | None
    fatalities_victims: int | None
    fatalities_perpetrators: int | None
    injured: int | None
    injured_low: int | None
    injured_high: int | None
    claim: str
    claims: list[Claim]
    competing_claims: bool
    attribution: str
    sources: list[EventSource]


class Relationship(Schema):
    subject: Link
    kind: str
    kind_label: str
    other: Link
    start: datetime.date | None
    start_precision: Precision
    end: datetime.date | None
    end_precision: Precision
    source: str
    source_url: str


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of a list: its rows and the link to the next page (null on the last)."""
    return type(
        name,
        (Schema,),
        {"__annotations__": {"results": list[item], "next": str | None}},
    )


BriefPage = page_of(Brief, "BriefPage")
OrganisationPage = page_of(Organisation, "OrganisationPage")
PersonPage = page_of(Person, "PersonPage")
EventPage = page_of(Event, "EventPage")
RelationshipPage = page_of(Relationship, "RelationshipPage")
DesignationPage = page_of(Designation, "DesignationPage")
