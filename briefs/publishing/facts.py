"""Registry facts a current brief shows, kept honest when the registry corrects them.

A publication freezes its timeline (each event's date, place, toll and claim,
`briefs.publishing.timeline`) and its people panel (each person's roles on the
brief's date, `briefs.publishing.people`). Its approved text never changes by
itself. When an event or a role is corrected later, `event_changed` or
`person_changed` brings every current publication (live, or scheduled) that shows
it up to date, in the same transaction as the correction:

- the frozen entry stays as approved; beside it, under `"revised"`, go the current
  entry and the day it was revised (`{"on": "2026-12-01", "current": {...}}`). The
  page shows the current facts, "Revised on …", and what it said at publication
  (`shown`);
- a `RevisedFact` row for each fact that differs (the publication, the event or the
  person, what, at publication, now, when): the editors' list in the admin;
- the stored article is rendered again, so that the page still renders from its
  one row, and all those publications are written by one UPDATE.

A correction undone (5 killed back to 4) removes the mark and its rows. Publishing
the brief again freezes the current facts: the new version has no mark, and the
list, which shows current publications only, drops the old one. Facts are compared
as the reader reads them (`fact_lines`), so an edit the page does not show (an
event's summary) revises nothing.

What it costs grows with the briefs that show this event or person, never with
the archive: a few reads, one render for each publication whose facts changed,
and one UPDATE, one DELETE and one INSERT however many there are.
"""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from actors.models import Actor, Event, Role
from briefs.models import Publication, RevisedFact
from briefs.publishing import people, timeline

KEY = "revised"
FactLines = Callable[[dict], dict[str, str]]


class Shown(NamedTuple):
    current: dict  # the entry to show: the current one if revised, else as frozen
    on: datetime.date | None  # when it was revised; None if it never was
    published: dict[str, str]  # each revised fact as it read at publication


def shown(entry: dict, fact_lines: FactLines) -> Shown:
    """What a frozen entry shows now."""
    revised = entry.get(KEY)
    if not revised:
        return Shown(entry, None, {})
    current = revised["current"]
    before, now = fact_lines(entry), fact_lines(current)
    changed = {label: value for label, value in before.items() if now.get(label) != value}
    return Shown(current, datetime.date.fromisoformat(revised["on"]), changed)


def event_changed(event_id: int) -> int:
    """The event's facts have been saved: revise the current publications that show
    it. Returns how many publications changed."""
    event = Event.objects.filter(pk=event_id).prefetch_related(*timeline.PREFETCH).first()
    if event is None:
        return 0
    current = timeline.entry(event)
    return _revise(
        Publication.objects.filter(events=event_id),
        key="events",
        subject={"event": event},
        matches=_matcher(event, Event),
        current_for=lambda publication: current,
        fact_lines=timeline.fact_lines,
    )


def person_changed(actor_id: int) -> int:
    """A role of the person has been saved or deleted: revise the current
    publications that show them. Returns how many publications changed."""
    actor = (
        Actor.objects.filter(pk=actor_id)
        .prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("organisation")))
        .first()
    )
    if actor is None:
        return 0
    roles = list(actor.roles.all())
    return _revise(
        Publication.objects.filter(actors=actor_id),
        key="actors",
        subject={"actor": actor},
        matches=_matcher(actor, Actor),
        current_for=lambda publication: people.entry(actor, roles, publication.date),
        fact_lines=people.fact_lines,
    )


def _matcher(instance, model) -> Callable[[dict], bool]:
    """Whether a frozen entry is `instance`: by id, or, in an entry frozen before
    entries held ids, by any slug the instance has had."""
    slugs = set(model.history.filter(id=instance.pk).values_list("slug", flat=True))
    slugs.add(instance.slug)

    def matches(entry: dict) -> bool:
        return entry["id"] == instance.pk if "id" in entry else entry.get("slug") in slugs

    return matches


@transaction.atomic
def _revise(publications, *, key, subject, matches, current_for, fact_lines) -> int:
    from briefs.publishing import article  # it reads this module to render

    now = timezone.now()
    today = timezone.localdate(now).isoformat()
    changed: list[Publication] = []
    rows: list[RevisedFact] = []
    locked = publications.current().defer("search").select_for_update(of=("self",))
    for publication in locked.order_by("pk"):
        touched = False
        for entry in publication.content.get(key, []):
            if not matches(entry):
                continue
            current = current_for(publication)
            published, now_lines = fact_lines(entry), fact_lines(current)
            revised = entry.get(KEY)
            if published == now_lines:
                touched |= entry.pop(KEY, None) is not None
                continue
            if revised is None or fact_lines(revised["current"]) != now_lines:
                entry[KEY] = {"on": today, "current": current}
                touched = True
            rows += [
                RevisedFact(
                    publication=publication,
                    what=label,
                    published=value,
                    current=now_lines.get(label, ""),
                    revised_at=now,
                    **subject,
                )
                for label, value in published.items()
                if now_lines.get(label) != value
            ]
        if touched:
            article.freeze(publication)
            publication.changed_at = now
            changed.append(publication)
    if not changed:
        return 0
    Publication.objects.bulk_update(
        changed,
        ["content", "article_head", "article_html", "article_fingerprint", "changed_at"],
        batch_size=500,
    )
    RevisedFact.objects.filter(publication__in=changed, **subject).delete()
    touched_ids = {p.pk for p in changed}
    RevisedFact.objects.bulk_create(
        [row for row in rows if row.publication_id in touched_ids], batch_size=500
    )
    return len(changed)
