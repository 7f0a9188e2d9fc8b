"""A file's column, as the /data/ page documents it, and how a value reads in CSV."""

import datetime
import decimal
from typing import NamedTuple

# How a CSV cell joins several values (ACLED joins associated actors and sources so).
SEPARATOR = "; "


class Column(NamedTuple):
    name: str
    meaning: str
    example: str = ""


def names(columns: list[Column]) -> list[str]:
    return [c.name for c in columns]


def csv_cell(value) -> str:
    """A value as CSV writes it: unknown (None) is empty, never 0; lists are joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(csv_cell(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return str(value)


def json_value(value):
    """A value as JSON writes it: numbers stay numbers, dates are ISO strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value
