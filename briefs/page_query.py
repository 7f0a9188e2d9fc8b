"""The brief page's one query, compiled by the ORM once per process.

The brief page is what readers open most, and a page-cache miss costs one query.
Building that query with the ORM takes longer than PostgreSQL takes to run it
(about 1 ms of Python against 0.3 ms on the server, `bench/`), so
`live_publication` compiles it once, from `Publication.objects.live()` (the one
definition of what is public) with marker values in place of the moment and the
slug, and from then on runs the compiled SQL with the real values.

It reads only the columns the page shows. The publication it returns is a model
instance like one from `.only()`: any other field is loaded when first asked for
(`briefs.views.brief_detail` loads the whole row instead when the stored article
must be rendered afresh).
"""

import datetime
import functools
from typing import NamedTuple

from django.db import connection

from briefs.models import READING_ORDER, Publication

# What the brief page shows, besides the address: its title and summary in <head>,
# and the article stored at publish.
PAGE_FIELDS = ("slug", "title", "summary", "article_head", "article_html", "article_fingerprint")

# Markers the compiled query carries in place of the values given per request.
_AT = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
_SLUG = "slug-marker-of-briefs-page-query"


class _Compiled(NamedTuple):
    sql: str
    params: tuple[str, ...]  # for each placeholder: "at" or "slug"
    columns: tuple[str, ...]  # attnames, in the order of Publication's fields


def live_publication(slug: str, at: datetime.datetime) -> Publication | None:
    """The live publication at `slug`, or None: `Publication.objects.live(at)
    .filter(slug=slug).order_by(*READING_ORDER).only(*PAGE_FIELDS).first()`."""
    compiled = _compiled()
    values = {"at": at, "slug": slug}
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [values[name] for name in compiled.params])
        row = cursor.fetchone()
    if row is None:
        return None
    return Publication.from_db(connection.alias, compiled.columns, row)


@functools.cache
def _compiled() -> _Compiled:
    # Publication.from_db takes the loaded values in the order of the model's fields.
    columns = tuple(
        field.attname
        for field in Publication._meta.concrete_fields
        if field.primary_key or field.name in PAGE_FIELDS
    )
    query = (
        Publication.objects.live(at=_AT)
        .filter(slug=_SLUG)
        .order_by(*READING_ORDER)
        .values_list(*columns)[:1]
    ).query
    sql, params = query.sql_with_params()
    names = []
    for value in params:
        if value == _AT:
            names.append("at")
        elif value == _SLUG:
            names.append("slug")
        else:  # a constant in the query: nothing here can know where it came from
            raise AssertionError(f"briefs.page_query: unexpected parameter {value!r}")
    return _Compiled(sql, tuple(names), columns)
