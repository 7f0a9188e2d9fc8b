"""Full-text search over what readers may see.

`Publication.search` holds a weighted vector built at publishing time (A title,
B summary, C section text, D names and aliases of linked entities and tags) with
the `tap` text search configuration: English stemming over unaccented words, so
"peshawar" finds "Peshāwar" and "Pakistani Taliban" finds a brief linked to the
TTP. The query goes through `websearch_to_tsquery` (quotes, `or`, `-word`), the
match uses the GIN index `publication_search_gin`, results are ranked with
`ts_rank`, and each gets an excerpt from its section text with the matches marked.

Ranking reads each match's vector, so it is bounded: the newest `CANDIDATES`
matches (in reading order, which the index `publication_reading_order` serves when a
word is everywhere, and the GIN index when it is rare) are ranked, best first. A
word found in every brief thus costs the same at 10,000 briefs as at 100,000, and
the page says "1,000 or more" instead of counting them all.

Above the briefs, the first page shows the organisations, people and events whose
name, abbreviation, alias or title matches (`Search.entities`): at most
`ENTITIES_SHOWN` of each, one query each, through the registry's GIN indexes over the
same configuration (`actors.lookup`), so "pakistani taliban" finds the TTP by its alias.
"""

import secrets
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.db.models.fields.json import KT
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from actors import lookup
from actors.models import Actor, Alias, Event, Organisation

CONFIG = "tap"
MAX_LENGTH = 200
CANDIDATES = 1000
ENTITIES_SHOWN = 5


@dataclass
class Search:
    """A reader's query: the text, whether it can run, and how to mark its matches."""

    q: str
    error: str = ""
    # Markers no text contains, put around matches by ts_headline and replaced by
    # <mark> only after the excerpt has been escaped.
    _start: str = field(default_factory=lambda: f"hl{secrets.token_hex(8)}s")
    _stop: str = field(default_factory=lambda: f"hl{secrets.token_hex(8)}e")

    @classmethod
    def from_text(cls, raw: str | None) -> "Search":
        q = " ".join((raw or "").split())
        if not q:
            return cls(q="", error="Type a word or a phrase to search for.")
        if len(q) > MAX_LENGTH:
            return cls(q="", error=f"That search is too long: use at most {MAX_LENGTH} characters.")
        return cls(q=q)

    @property
    def runnable(self) -> bool:
        return bool(self.q) and not self.error

    def _query(self) -> SearchQuery:
        return SearchQuery(self.q, search_type="websearch", config=CONFIG)

    def candidates(self, publications: QuerySet) -> QuerySet:
        """(id, rank) of the newest `CANDIDATES` matches among `publications`."""
        query = self._query()
        return (
            publications.filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .in_reading_order()
            .values_list("pk", "rank")[:CANDIDATES]
        )

    def ranked_ids(self, publications: QuerySet) -> list[int]:
        """The ids of the candidates, best first; among equal ranks, in reading order."""
        matches = list(self.candidates(publications))
        matches.sort(key=lambda match: -match[1])  # stable: ties keep the reading order
        return [pk for pk, _ in matches]

    def entities(self) -> dict[str, list]:
        """The organisations, people and events the query names, by name (three queries)."""
        query = self._query()
        by_alias = Alias.objects.annotate(vector=lookup.alias_vector()).filter(vector=query)

        def named(model, vector, alias_field):
            matches = model.objects.annotate(vector=vector).filter(vector=query).values("pk")
            if alias_field:
                matches = matches.union(
                    by_alias.filter(**{f"{alias_field}__isnull": False}).values(alias_field)
                )
            return model.objects.filter(pk__in=matches).order_by("name", "pk")

        return {
            "organisations": list(
                named(Organisation, lookup.organisation_vector(), "organisation").only(
                    "name", "slug", "abbreviation", "kind", "country"
                )[:ENTITIES_SHOWN]
            ),
            "people": list(
                named(Actor, lookup.actor_vector(), "actor").only("name", "slug", "nationality")[
                    :ENTITIES_SHOWN
                ]
            ),
            "events": list(
                Event.objects.annotate(vector=lookup.event_vector())
                .filter(vector=query)
                .only("title", "slug", "date", "date_precision", "country", "public_id")
                .order_by("-date", "title", "id")[:ENTITIES_SHOWN]
            ),
        }

    def with_headlines(self, publications: QuerySet) -> QuerySet:
        """`publications`, each with its `headline`: the matches in its text, marked."""
        return publications.annotate(
            headline=SearchHeadline(
                KT("content__text"),
                self._query(),
                config=CONFIG,
                start_sel=self._start,
                stop_sel=self._stop,
                max_words=40,
                min_words=18,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    def excerpt(self, publication) -> SafeString:
        """The publication's excerpt, escaped, with the matches in <mark>.

        When the match is only in the title or the linked names, the summary serves.
        (ts_headline drops anything in the text that looks like a tag; what is left is
        escaped here.)
        """
        headline = " ".join((getattr(publication, "headline", "") or "").split())
        if self._start not in headline:
            return escape(publication.summary)
        html = escape(headline).replace(self._start, "<mark>").replace(self._stop, "</mark>")
        return mark_safe(html)  # escaped above: only our markers become tags
