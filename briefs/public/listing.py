"""Lists of briefs: the page a reader asked for, the filters, and the facets beside them.

A page of a list costs two queries whatever its number and however large the
archive: the ids of its rows, read in reading order from the index
`publication_reading_order` alone (an index-only scan, however deep the offset),
then those rows' card columns by primary key. Nothing counts the archive: the
totals shown come from `briefs.publishing.counts`, and a list filtered two ways
at once says no total, only whether there is a next page.
"""

from dataclasses import dataclass

from django.http import Http404
from django_countries import countries

from briefs.models import Publication
from briefs.publishing import counts as live_counts

PAGE_SIZE = 12
MAX_PAGE = 100_000  # a number past any archive's end, so that int() stays cheap


@dataclass
class Page:
    """One page of a list, as the templates read it."""

    object_list: list
    number: int
    has_next: bool
    count: int | None = None  # the list's total, when it is known without counting
    per_page: int = PAGE_SIZE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, -(-self.count // self.per_page))


def page_number(request) -> int:
    """The requested page number; 404 for anything but a whole number from 1."""
    raw = request.GET.get("page") or "1"
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw[:7]) <= MAX_PAGE:
        raise Http404("No such page.")
    return int(raw)


def paginate(request, publications, *, count: int | None = None, per_page: int = PAGE_SIZE):
    """The requested page of `publications`, newest first, as cards."""
    number = page_number(request)
    offset = (number - 1) * per_page
    ids = list(
        publications.in_reading_order().values_list("pk", flat=True)[offset : offset + per_page + 1]
    )
    return page_of(ids, number=number, count=count, per_page=per_page)


def page_of(
    ids: list[int],
    *,
    number: int,
    count: int | None = None,
    per_page: int = PAGE_SIZE,
    rows=None,
):
    """The page made of `ids` (in order, with one more id when a next page exists),
    read from `rows` (a queryset of publications; all of them by default).

    404 for a page past the end (the first page may be empty)."""
    if number > 1 and not ids:
        raise Http404("No such page.")
    rows = (Publication.objects.all() if rows is None else rows).cards().in_bulk(ids[:per_page])
    return Page(
        object_list=[rows[pk] for pk in ids[:per_page] if pk in rows],
        number=number,
        has_next=len(ids) > per_page,
        count=count,
        per_page=per_page,
    )


@dataclass(frozen=True)
class Filters:
    """The list's filters, read from the query string. Unknown values filter nothing."""

    tag: str = ""
    organisation: str = ""
    country: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params) -> "Filters":
        country = params.get("country", "").strip().upper()
        year = params.get("year", "").strip()
        return cls(
            tag=params.get("tag", "").strip()[:100],
            organisation=params.get("organisation", "").strip()[:80],
            country=country if country in dict(countries) else "",
            year=int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.tag or self.organisation or self.country or self.year)

    def apply(self, publications, facets: "Facets"):
        """`publications` as filtered; a tag or an organisation no live brief has
        filters everything out."""
        if self.tag:
            tag = next((t for t in facets.tags if t["slug"] == self.tag), None)
            publications = publications.tagged(tag["id"]) if tag else publications.none()
        if self.organisation:
            organisation = next(
                (o for o in facets.organisations if o["slug"] == self.organisation), None
            )
            publications = (
                publications.about(organisation["id"]) if organisation else publications.none()
            )
        if self.country:
            publications = publications.in_country(self.country)
        if self.year:
            publications = publications.filter(date__year=self.year)
        return publications

    def total(self, facets: "Facets") -> int | None:
        """How many live briefs the list holds, when at most one filter is set."""
        chosen = [
            (name, value)
            for name, value in [
                ("tag", self.tag),
                ("organisation", self.organisation),
                ("country", self.country),
                ("year", self.year),
            ]
            if value
        ]
        if not chosen:
            return facets.all
        if len(chosen) > 1:
            return None
        name, value = chosen[0]
        entries = {"tag": facets.tags, "organisation": facets.organisations}.get(name)
        if entries is not None:
            return next((e["live_briefs"] for e in entries if e["slug"] == value), 0)
        key = "code" if name == "country" else "year"
        entries = facets.countries if name == "country" else facets.years_counted
        return next((e["live_briefs"] for e in entries if e[key] == value), 0)

    def labels(self, facets: "Facets") -> list[str]:
        """What the list is filtered by, in words, for the heading."""
        labels = []
        if self.tag:
            names = {t["slug"]: t["name"] for t in facets.tags}
            labels.append(f"tagged “{names.get(self.tag, self.tag)}”")
        if self.organisation:
            names = {o["slug"]: o["name"] for o in facets.organisations}
            labels.append(f"on {names.get(self.organisation, self.organisation)}")
        if self.country:
            labels.append(f"about {countries.name(self.country)}")
        if self.year:
            labels.append(f"from {self.year}")
        return labels


@dataclass
class Facets:
    """The ways into the live briefs, each with how many briefs it leads to."""

    all: int
    organisations: list[dict]
    tags: list[dict]
    countries: list[dict]
    years_counted: list[dict]

    @property
    def years(self) -> list[int]:
        return sorted((y["year"] for y in self.years_counted), reverse=True)

    @classmethod
    def read(cls) -> "Facets":
        """Two queries (three to nine while a publication waits for its time)."""
        counted = live_counts.read(["organisation", "tag", "country", "year"])
        organisations = [
            {
                "id": row.organisation_id,
                "slug": row.organisation.slug,
                "name": row.organisation.name,
                "abbreviation": row.organisation.abbreviation,
                "live_briefs": n,
            }
            for row, n in counted.facet("organisation")
        ]
        tags = [
            {"id": row.tag_id, "slug": row.tag.slug, "name": row.tag.name, "live_briefs": n}
            for row, n in counted.facet("tag")
        ]
        return cls(
            all=counted.of("all"),
            organisations=sorted(organisations, key=lambda o: (-o["live_briefs"], o["name"])),
            tags=sorted(tags, key=lambda t: (-t["live_briefs"], t["name"].lower())),
            countries=sorted(
                (
                    {"code": row.code, "name": countries.name(row.code), "live_briefs": n}
                    for row, n in counted.facet("country")
                ),
                key=lambda c: (-c["live_briefs"], c["name"]),
            ),
            years_counted=[
                {"year": int(row.code), "live_briefs": n} for row, n in counted.facet("year")
            ],
        )
