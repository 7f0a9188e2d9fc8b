"""How many live briefs each way into the archive leads to, without counting the archive.

A list shows "1,204 briefs", a filter "Pakistan (40,311)", the sitemap every entity
with a live brief. Counting those from 100,000 publications on every page costs
hundreds of milliseconds, so `LiveCount` keeps one row per key ("all", a tag, an
organisation, a person, an event, an author, a country, a year) with the number of
*current* publications (`Publication.objects.current()`: not ended, live or waiting
for their time) that carry it:

- `started(publication)` adds one to each of its keys and `ending(publications)`
  takes one away, in the transaction of the publish or withdrawal that starts or
  ends them. Both are increments (`INSERT … ON CONFLICT … SET briefs = briefs + n`),
  so two editors publishing at once cannot lose a count.
- A deleted publication takes its keys away before its links go (`briefs.publishing.housekeeping`).
- `read()` turns them into counts of *live* briefs: a publication still waiting
  for its time is taken away, and one that an already scheduled version will end
  later is added. Those are the few publications with a window in the future, found
  with one query on the two indexed dates; nothing else is counted on a request.
- `recount_all()` rebuilds every row from the publications (`bench/archive` after a
  bulk load; `manage.py recount_live` if a count were ever doubted).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from taggit.models import TaggedItem

from briefs.models import (
    LiveCount,
    Publication,
    PublicationActor,
    PublicationEvent,
    PublicationOrganisation,
)

ALL = "all"
# facet -> the LiveCount column that holds its value
COLUMNS = {
    "tag": "tag_id",
    "organisation": "organisation_id",
    "actor": "ref",
    "event": "ref",
    "author": "ref",
    "country": "code",
    "year": "code",
}


def key(facet: str, value) -> str:
    return ALL if facet == ALL else f"{facet}:{value}"


def started(publication: Publication) -> None:
    """Count a new current publication, once its links are saved."""
    _add(keys_of([publication.pk]), +1)


def ending(publications) -> None:
    """Stop counting the current publications among `publications`; call it before
    the update that ends them."""
    ids = list(publications.current().values_list("pk", flat=True))
    if ids:
        _add(keys_of(ids), -1)


def keys_of(publication_ids: Iterable[int]) -> Counter:
    """How many of these publications carry each key."""
    ids = list(publication_ids)
    keys: Counter = Counter()
    if not ids:
        return keys
    keys[ALL] += len(ids)
    content_type = ContentType.objects.get_for_model(Publication)
    links = [
        ("tag", TaggedItem.objects.filter(content_type=content_type, object_id__in=ids), "tag_id"),
        (
            "organisation",
            PublicationOrganisation.objects.filter(publication__in=ids),
            "organisation_id",
        ),
        ("actor", PublicationActor.objects.filter(publication__in=ids), "actor_id"),
        ("event", PublicationEvent.objects.filter(publication__in=ids), "event_id"),
        ("author", Publication.authors.through.objects.filter(publication__in=ids), "user_id"),
    ]
    for facet, rows, column in links:
        for value in rows.values_list(column, flat=True):
            keys[key(facet, value)] += 1
    for countries, date in Publication.objects.filter(pk__in=ids).values_list("countries", "date"):
        for code in filter(None, str(countries or "").split(",")):
            keys[key("country", code)] += 1
        keys[key("year", date.year)] += 1
    return keys


@dataclass
class Counts:
    """Live counts as read once for one request."""

    rows: dict[str, LiveCount]
    adjustments: Counter = field(default_factory=Counter)

    def of(self, facet: str, value=None) -> int:
        k = key(facet, value)
        row = self.rows.get(k)
        return max(0, (row.briefs if row else 0) + self.adjustments[k])

    def facet(self, name: str) -> list[tuple[LiveCount, int]]:
        """The rows of one facet that lead to a live brief, most briefs first."""
        counted = [(row, self.of(name, _value(row))) for row in self.rows.values()]
        counted = [(row, n) for row, n in counted if row.facet == name and n > 0]
        return sorted(counted, key=lambda pair: -pair[1])


def read(facets: Iterable[str], *, keys: Iterable[str] = ()) -> Counts:
    """The live counts of whole facets (e.g. "tag", "year"), of single keys, and of all.

    One query for the rows, one for the publications with a window in the future,
    and, only when there are such publications, the queries of `keys_of`.
    """
    now = timezone.now()
    windowed = list(
        Publication.objects.filter(
            Q(ends_at__isnull=True, go_live_at__gt=now) | Q(go_live_at__lte=now, ends_at__gt=now)
        ).values_list("pk", "ends_at")
    )
    adjustments: Counter = Counter()
    if windowed:
        waiting = keys_of(pk for pk, ends_at in windowed if ends_at is None)
        replaced_later = keys_of(pk for pk, ends_at in windowed if ends_at is not None)
        adjustments.update(replaced_later)
        adjustments.subtract(waiting)
    wanted = Q(facet__in=list(facets), briefs__gt=0) | Q(key__in=[ALL, *keys])
    if adjustments:
        wanted |= Q(key__in=list(adjustments))
    rows = LiveCount.objects.filter(wanted).select_related("tag", "organisation")
    return Counts(rows={row.key: row for row in rows}, adjustments=adjustments)


def _value(row: LiveCount):
    column = COLUMNS.get(row.facet)
    return getattr(row, column) if column else None


def _add(keys: Counter, sign: int) -> None:
    rows = []
    for k, n in keys.items():
        if not n:
            continue
        facet, _, value = k.partition(":")
        column = COLUMNS.get(facet)
        values = {"tag_id": None, "organisation_id": None, "ref": None, "code": ""}
        if column:
            values[column] = value if column == "code" else int(value)
        rows.append(
            [
                k,
                facet,
                values["tag_id"],
                values["organisation_id"],
                values["ref"],
                values["code"],
                sign * n,
            ]
        )
    if not rows:
        return
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO briefs_livecount"
            " (key, facet, tag_id, organisation_id, ref, code, briefs)"
            f""" VALUES {placeholders}
            ON CONFLICT (key) DO UPDATE SET briefs = briefs_livecount.briefs + EXCLUDED.briefs""",
            [
                v for row in sorted(rows) for v in row
            ],  # one order, so concurrent publishes don't deadlock
        )


RECOUNT_SQL = """
INSERT INTO briefs_livecount (key, facet, tag_id, organisation_id, ref, code, briefs)
SELECT 'all', 'all', NULL::bigint, NULL::bigint, NULL::bigint, '', count(*)
  FROM briefs_publication WHERE ends_at IS NULL
UNION ALL
SELECT 'tag:' || t.tag_id, 'tag', t.tag_id, NULL, NULL, '', count(*)
  FROM taggit_taggeditem t JOIN briefs_publication p ON p.id = t.object_id
 WHERE t.content_type_id = %(content_type)s AND p.ends_at IS NULL
 GROUP BY t.tag_id
UNION ALL
SELECT 'organisation:' || l.organisation_id, 'organisation', NULL, l.organisation_id, NULL, '',
       count(*)
  FROM briefs_publicationorganisation l JOIN briefs_publication p ON p.id = l.publication_id
 WHERE p.ends_at IS NULL GROUP BY l.organisation_id
UNION ALL
SELECT 'actor:' || l.actor_id, 'actor', NULL, NULL, l.actor_id, '', count(*)
  FROM briefs_publicationactor l JOIN briefs_publication p ON p.id = l.publication_id
 WHERE p.ends_at IS NULL GROUP BY l.actor_id
UNION ALL
SELECT 'event:' || l.event_id, 'event', NULL, NULL, l.event_id, '', count(*)
  FROM briefs_publicationevent l JOIN briefs_publication p ON p.id = l.publication_id
 WHERE p.ends_at IS NULL GROUP BY l.event_id
UNION ALL
SELECT 'author:' || l.user_id, 'author', NULL, NULL, l.user_id, '', count(*)
  FROM briefs_publication_authors l JOIN briefs_publication p ON p.id = l.publication_id
 WHERE p.ends_at IS NULL GROUP BY l.user_id
UNION ALL
SELECT 'country:' || c.code, 'country', NULL, NULL, NULL, c.code, count(*)
  FROM briefs_publication p, unnest(string_to_array(p.countries, ',')) AS c(code)
 WHERE p.ends_at IS NULL AND c.code <> '' GROUP BY c.code
UNION ALL
SELECT 'year:' || y.year, 'year', NULL, NULL, NULL, y.year, count(*)
  FROM briefs_publication p, LATERAL (SELECT extract(year FROM p.date)::int::text AS year) y
 WHERE p.ends_at IS NULL GROUP BY y.year
"""


@transaction.atomic
def recount_all() -> int:
    """Rebuild every count from the publications; returns how many rows it wrote."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE briefs_livecount IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM briefs_livecount")
        content_type = ContentType.objects.get_for_model(Publication).pk
        cursor.execute(RECOUNT_SQL, {"content_type": content_type})
        return cursor.rowcount
