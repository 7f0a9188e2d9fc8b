"""Cursor pagination over a list's sort key: keyset, never OFFSET.

A list is ordered by a total key, its sort columns ending with `id` (`Order`). A page
is the first `limit` rows after the cursor, read as `WHERE key after cursor ORDER BY
key LIMIT limit + 1`: the extra row says whether a next page exists, and the cursor
of the next page is the key of the last row shown. With an index on the key the
database starts reading at the cursor, so page 5,000 costs what page 1 does.

A cursor is the key's values signed with the site's secret (`django.core.signing`)
and salted with the list's name: opaque to clients, and a cursor that was edited,
truncated or made for another list is refused with a 400, never a 500.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q

from briefs.api.errors import BadRequest

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class Order:
    """A list's order: `(column, descending)` pairs, the last one the row's id."""

    name: str
    columns: tuple[tuple[str, bool], ...]

    def order_by(self) -> list[str]:
        return [f"-{c}" if desc else c for c, desc in self.columns]

    def key(self, row) -> list:
        return [_plain(_value(row, column)) for column, _ in self.columns]

    def after(self, values: list) -> Q:
        """Rows after `values` in this order. The leading column's bound comes first
        (and stands alone too), so the index scan starts at the cursor."""
        (first, first_desc), *_ = self.columns
        condition = Q()
        for i, (column, desc) in enumerate(self.columns):
            equal = Q(**{c: v for (c, _), v in zip(self.columns[:i], values, strict=False)})
            condition |= equal & Q(**{f"{column}__{'lt' if desc else 'gt'}": values[i]})
        return Q(**{f"{first}__{'lte' if first_desc else 'gte'}": values[0]}) & condition

    def encode(self, values: list) -> str:
        return signing.dumps(values, salt=f"api-cursor:{self.name}", compress=False)

    def decode(self, cursor: str, types: list) -> list:
        try:
            raw = signing.loads(cursor, salt=f"api-cursor:{self.name}")
            if not isinstance(raw, list) or len(raw) != len(self.columns):
                raise ValueError
            return [None if v is None else kind(v) for kind, v in zip(types, raw, strict=True)]
        except (signing.BadSignature, ValueError, TypeError):
            raise BadRequest(
                "cursor",
                "is not a cursor of this list: use the `next` link of a page as it is.",
            ) from None


def _value(row, column: str):
    return row.pk if column in ("id", "pk") else getattr(row, column)


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def page(request, queryset, order: Order, types: list, *, cursor: str | None, limit: int):
    """The rows of `queryset` after `cursor`, at most `limit`, and the next page's link."""
    if cursor:
        queryset = queryset.filter(order.after(order.decode(cursor, types)))
    rows = list(queryset.order_by(*order.order_by())[: limit + 1])
    next_url = None
    if len(rows) > limit:
        rows = rows[:limit]
        query = request.GET.copy()
        query["cursor"] = order.encode(order.key(rows[-1]))
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return rows, next_url
