"""Charts drawn on the server as SVG: no script, nothing from outside the site.

`monthly_chart` draws an organisation's events and casualties by month from the
figures `monthly_figures` reads (one aggregate query); the page shows the same
figures as a table for screen readers, and each bar carries its figures in `data-`
attributes and a `<title>`, so that what the chart draws can be checked against the
table. `relationship_timeline` draws an organisation's relationships as bars over
time, each only as precise as its dates: an unknown start fades in from the axis,
an open end runs to today with an arrow, and a date known only to the month or the
year is drawn to the end of that period in a lighter shade.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, DateField, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from actors.dates import Precision, format_date, last_day

# The chart's drawing area, in SVG user units; the SVG scales to its container.
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40


@dataclass(frozen=True)
class Month:
    """One month's figures: events, and the people killed and injured where known."""

    month: datetime.date
    events: int
    killed: int  # the sum of the known figures
    injured: int
    killed_unknown: int  # events whose number killed is not known (not zero)
    injured_unknown: int

    @property
    def label(self) -> str:
        return format_date(self.month, Precision.MONTH)


def monthly_figures(events) -> tuple[list[Month], int]:
    """`events` counted by month, oldest first, with every month between the first and
    the last (a month without events shows as zero); and how many events are known
    only to the year, which no month can honestly hold. One query."""
    month = Case(
        When(date_precision=Precision.YEAR, then=Value(None)),
        default=TruncMonth("date", output_field=DateField()),
        output_field=DateField(),
    )
    rows = (
        events.order_by()
        .annotate(month=month)
        .values("month")
        .annotate(
            n=Count("pk"),
            killed=Sum("killed_best", default=0),
            injured=Sum("injured_best", default=0),
            killed_unknown=Count("pk", filter=Q(killed_best__isnull=True)),
            injured_unknown=Count("pk", filter=Q(injured_best__isnull=True)),
        )
    )
    by_month = {}
    by_year_only = 0
    for row in rows:
        if row["month"] is None:
            by_year_only = row["n"]
            continue
        # date_trunc answers a timestamp, whatever the field says.
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        by_month[month] = Month(
            month=month,
            events=row["n"],
            killed=row["killed"],
            injured=row["injured"],
            killed_unknown=row["killed_unknown"],
            injured_unknown=row["injured_unknown"],
        )
    if not by_month:
        return [], by_year_only
    months = []
    current, last = min(by_month), max(by_month)
    while current <= last:
        months.append(by_month.get(current) or Month(current, 0, 0, 0, 0, 0))
        current = _next_month(current)
    return months, by_year_only


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _nice_top(value: int) -> int:
    """A round number at or above `value` for the top of an axis: 1, 2, 5, 10, 20, ..."""
    top = 1
    while top < value:
        top = next(top * m for m in (2, 5, 10) if top * m >= value or m == 10)
    return top


def _month_key(day: datetime.date) -> str:
    return day.strftime("%Y-%m")


def monthly_chart(months: list[Month]) -> SafeString:
    """Two panels over the same months: events, then people killed and injured.

    Each month is a `<g class="chart__month">` with its figures in `data-` attributes
    and its `<title>` (which browsers show on hover and screen readers may read), so
    the drawing and the table under it say the same thing."""
    if not months:
        return mark_safe("")
    plot_width = WIDTH - LEFT - RIGHT
    panel = (HEIGHT - TOP - BOTTOM - 20) // 2
    step = plot_width / len(months)
    bar = max(step * 0.7, 1)
    events_top = _nice_top(max(m.events for m in months))
    toll_top = _nice_top(max(m.killed + m.injured for m in months) or 1)
    events_base = TOP + panel
    toll_base = TOP + 2 * panel + 20
    parts = []
    for index, m in enumerate(months):
        x = LEFT + index * step + (step - bar) / 2
        events_h = panel * m.events / events_top
        killed_h = panel * m.killed / toll_top
        injured_h = panel * m.injured / toll_top
        title = f"{m.label}: {_describe(m)}"
        parts.append(
            format_html(
                '<g class="chart__month" data-month="{}" data-events="{}" data-killed="{}" '
                'data-injured="{}" data-killed-unknown="{}" data-injured-unknown="{}">'
                "<title>{}</title>"
                '<rect class="chart__events" x="{}" y="{}" width="{}" height="{}"/>'
                '<rect class="chart__killed" x="{}" y="{}" width="{}" height="{}"/>'
                '<rect class="chart__injured" x="{}" y="{}" width="{}" height="{}"/>'
                '<rect class="chart__hit" x="{}" y="{}" width="{}" height="{}"/>'
                "</g>",
                _month_key(m.month),
                m.events,
                m.killed,
                m.injured,
                m.killed_unknown,
                m.injured_unknown,
                title,
                _n(x),
                _n(events_base - events_h),
                _n(bar),
                _n(events_h),
                _n(x),
                _n(toll_base - killed_h),
                _n(bar),
                _n(killed_h),
                _n(x),
                _n(toll_base - killed_h - injured_h),
                _n(bar),
                _n(injured_h),
                _n(LEFT + index * step),
                TOP,
                _n(step),
                toll_base - TOP,
            )
        )
    axes = format_html(
        '<text class="chart__panel" x="{}" y="{}">Events</text>'
        '<text class="chart__axis" x="{}" y="{}" text-anchor="end">{}</text>'
        '<line class="chart__base" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="chart__panel" x="{}" y="{}">Killed <tspan class="chart__key-killed">■</tspan>'
        ' and injured <tspan class="chart__key-injured">■</tspan></text>'
        '<text class="chart__axis" x="{}" y="{}" text-anchor="end">{}</text>'
        '<line class="chart__base" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        LEFT,
        TOP - 4,
        LEFT - 6,
        TOP + 10,
        events_top,
        LEFT,
        events_base,
        WIDTH - RIGHT,
        events_base,
        LEFT,
        toll_base - panel - 4,
        LEFT - 6,
        toll_base - panel + 10,
        toll_top,
        LEFT,
        toll_base,
        WIDTH - RIGHT,
        toll_base,
    )
    labels = format_html_join(
        "",
        '<text class="chart__axis" x="{}" y="{}" text-anchor="middle">{}</text>',
        _month_labels(months, step, toll_base + 16),
    )
    first, last = months[0].label, months[-1].label
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Events, killed and '
        "injured by month, {} to {}</title>{}{}{}</svg>",
        WIDTH,
        HEIGHT,
        first,
        last,
        axes,
        mark_safe("".join(parts)),  # each part built by format_html above
        labels,
    )


def _month_labels(months: list[Month], step: float, y: int):
    """Every month's short name when there are a year's worth or fewer; else the years."""
    for index, m in enumerate(months):
        x = _n(LEFT + index * step + step / 2)
        if len(months) <= 12:
            yield x, y, m.month.strftime("%b")
        elif m.month.month == 1 or index == 0:
            yield x, y, m.month.year


def _describe(m: Month) -> str:
    events = f"{m.events} event{'s' if m.events != 1 else ''}"
    killed = f"{m.killed} killed" + (
        f" ({m.killed_unknown} with the number not known)" if m.killed_unknown else ""
    )
    injured = f"{m.injured} injured" + (
        f" ({m.injured_unknown} with the number not known)" if m.injured_unknown else ""
    )
    return f"{events}, {killed}, {injured}"


def _n(value: float) -> str:
    """A coordinate, short: 12.5 not 12.500000001."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


# -- relationships over time -----------------------------------------------------------

ROW = 34  # each relationship: its label, then its bar


def relationship_timeline(relationships: list[dict], *, today: datetime.date) -> SafeString:
    """Bars over time, one per relationship (`label`, `organisation`, `relationship`, as
    `organisation_detail` lists them). Empty when no relationship has a date."""
    dated = [r for r in relationships if r["relationship"].start or r["relationship"].end]
    if not dated:
        return mark_safe("")
    days = [
        day
        for r in dated
        for day in (r["relationship"].start, _last(r["relationship"], "end"))
        if day
    ]
    begin = datetime.date(min(days).year, 1, 1)
    end = max(max(days), today)
    end = datetime.date(end.year + 1, 1, 1)
    plot = WIDTH - 2 * RIGHT
    span = (end - begin).days

    def x(day: datetime.date) -> float:
        return RIGHT + plot * (day - begin).days / span

    rows = []
    for index, item in enumerate(dated):
        r = item["relationship"]
        top = TOP + index * ROW
        bar_y = top + 14
        start_x = x(r.start) if r.start else x(begin)
        sure_from = x(_last(r, "start") + datetime.timedelta(days=1)) if r.start else start_x
        end_day = r.end or today
        sure_to = x(end_day) if r.end else x(today)
        stop_x = x(_last(r, "end") + datetime.timedelta(days=1)) if r.end else sure_to
        shapes = [
            format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="10"/>',
                "timeline-bar__open" if not r.start else "timeline-bar__fuzzy",
                _n(start_x),
                bar_y,
                _n(max(sure_from - start_x, 0)),
            ),
            format_html(
                '<rect class="timeline-bar__sure" x="{}" y="{}" width="{}" height="10"/>',
                _n(sure_from),
                bar_y,
                _n(max(sure_to - sure_from, 1)),
            ),
        ]
        if r.end:
            shapes.append(
                format_html(
                    '<rect class="timeline-bar__fuzzy" x="{}" y="{}" width="{}" height="10"/>',
                    _n(sure_to),
                    bar_y,
                    _n(max(stop_x - sure_to, 0)),
                )
            )
        else:
            shapes.append(
                format_html(
                    '<polygon class="timeline-bar__sure" points="{},{} {},{} {},{}"/>',
                    _n(sure_to),
                    bar_y - 3,
                    _n(sure_to + 8),
                    bar_y + 5,
                    _n(sure_to),
                    bar_y + 13,
                )
            )
        period = f"{format_date(r.start, r.start_precision) or 'start not known'} – " + (
            format_date(r.end, r.end_precision) or "present"
        )
        rows.append(
            format_html(
                '<g class="timeline-bar" data-kind="{}" data-start="{}" data-end="{}">'
                "<title>{} {}: {}</title>"
                '<text class="chart__label" x="{}" y="{}">{} {} · {}</text>{}</g>',
                r.kind,
                r.start.isoformat() if r.start else "",
                r.end.isoformat() if r.end else "",
                item["label"],
                item["organisation"].name,
                period,
                RIGHT,
                top + 10,
                item["label"],
                item["organisation"].name,
                period,
                mark_safe("".join(shapes)),  # built by format_html above
            )
        )
    height = TOP + len(dated) * ROW + 24
    years = range(begin.year, end.year + 1, max(1, (end.year - begin.year) // 8 or 1))
    ticks = format_html_join(
        "",
        '<line class="chart__grid" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>'
        '<text class="chart__axis" x="{0}" y="{3}" text-anchor="middle">{4}</text>',
        ((_n(x(datetime.date(year, 1, 1))), TOP, height - 20, height - 6, year) for year in years),
    )
    return format_html(
        '<svg class="chart chart--timeline" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="relationships-chart-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="relationships-chart-title">Relationships over time</title>{}{}</svg>',
        WIDTH,
        height,
        ticks,
        mark_safe("".join(rows)),  # built by format_html above
    )


def _last(relationship, field: str) -> datetime.date | None:
    """The last day a relationship's `start` or `end` may mean, given its precision."""
    return last_day(getattr(relationship, field), getattr(relationship, f"{field}_precision"))
