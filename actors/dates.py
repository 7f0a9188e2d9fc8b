"""Dates known to a day, a month or a year: "2023-02-17", "February 2023", "2023".

A fuzzy date is stored as a `DateField` (the first day of its period) beside a
precision field. `precise_date()` builds both for a model; `format_date()` shows one.
"""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.dateformat import format as date_format


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_FORMATS = {Precision.DAY: "j F Y", Precision.MONTH: "F Y", Precision.YEAR: "Y"}
_SHORT_FORMATS = {Precision.DAY: "j M Y", Precision.MONTH: "M Y", Precision.YEAR: "Y"}


def format_date(
    value: datetime.date | None, precision: str = Precision.DAY, *, short: bool = False
) -> str:
    """The date as a reader should see it: only as precise as it is known. `short`
    abbreviates the month ("Aug 2023"), for a bound beside a title."""
    if value is None:
        return ""
    formats = _SHORT_FORMATS if short else _FORMATS
    return date_format(value, formats.get(precision, formats[Precision.DAY]))


def within(day: datetime.date, value: datetime.date | None, precision: str) -> bool:
    """True when `day` falls inside the period a fuzzy date names: "November 2021"
    contains 15 November 2021, so that date cannot say which side of it `day` is."""
    return value is not None and value <= day <= last_day(value, precision)


def normalise(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of the period, so that ordering and comparisons are honest."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def last_day(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The last day of the period that a fuzzy date names."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        next_month = value.replace(day=28) + datetime.timedelta(days=4)
        return next_month - datetime.timedelta(days=next_month.day)
    return value


def precision_field(verbose_name: str) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=5, choices=Precision.choices, default=Precision.DAY
    )


def ends_after_start(start: str, end: str, *, name: str, message: str) -> models.CheckConstraint:
    """The rule of every period with two dates (roles, relationships, aliases, an
    organisation's life, listings): the end is not before the start, when both are
    known. (An event's end has its own, as it may share the start's month or year.)"""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=message,
    )


def normalise_fields(instance: models.Model, *names: str) -> None:
    """Each fuzzy date `name` of `instance` set to the first day of its period (by
    `name_precision`), as every model with such dates does before it saves."""
    for name in names:
        precision = getattr(instance, f"{name}_precision")
        setattr(instance, name, normalise(getattr(instance, name), precision))
