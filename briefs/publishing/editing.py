"""Saving the working copy: edit conflicts, revisions, and restoring a revision.

A brief revision is one `HistoricalBrief` row written after the brief's sections,
sources, links and authors were saved, so that "the brief as of revision R" is the
brief row of R with the sections, sources and links as of R's time (simple-history's
`as_of`) and the authors recorded with R (`HistoricalBrief_authors`, simple-history's
m2m history: each revision keeps the list of authors it was written with). The
admin saves through `begin_edit` / `finish_edit`; restoring writes a new revision of
the working copy and never changes the brief's state.
"""

import dataclasses
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from briefs.models import (
    Author,
    Brief,
    BriefActor,
    BriefEvent,
    BriefOrganisation,
    Section,
    Source,
)

# The fields of the brief row that a revision restores. Never status, version,
# publication dates or the author of the row; nor the slug, the brief's address, which
# never changes by itself (and may since belong to another brief).
CONTENT_FIELDS = [
    "title",
    "summary",
    "date",
    "cover",
    "cover_alt",
    "cover_credit",
    "countries",
    "mention_choices",
]
WORKFLOW_FIELDS = ["status", "first_published_at", "assigned_editor_id", "submitted_at"]
# The related rows that belong to a revision: model, the field pointing at the
# brief, and the fields that are copied back when restoring.
CHILDREN = [
    (Section, ["heading", "body", "order"]),
    (Source, ["outlet", "title", "url", "accessed", "order"]),
    (BriefActor, ["actor_id"]),
    (BriefOrganisation, ["organisation_id"]),
    (BriefEvent, ["event_id"]),
]

# The authors recorded with each revision (simple-history's m2m history of `authors`).
AUTHOR_HISTORY = Brief.history.model.authors.model

# The links among the children, and the field naming what each points at.
LINKS = {BriefActor: "actor", BriefOrganisation: "organisation", BriefEvent: "event"}


class EditConflict(Exception):
    """Somebody saved the brief after this form was opened."""

    def __init__(self, who: str, when):
        self.who, self.when = who, when
        super().__init__(
            f"{who} saved this brief at {timezone.localtime(when):%Y-%m-%d %H:%M} "
            "after you opened it. Your changes were not saved; they are shown below. "
            "Open the brief again in another tab to see theirs, then copy your text over."
        )


def lock_for_edit(brief_pk: int, *, loaded_version: int) -> Brief:
    """Lock the brief's row for the current transaction; refuse a stale form."""
    current = Brief.objects.select_for_update().get(pk=brief_pk)
    if current.version != loaded_version:
        last = current.history.order_by("-history_date").first()
        who = "Somebody"
        if last is not None and last.history_user is not None:
            who = last.history_user.get_full_name() or last.history_user.get_username()
        raise EditConflict(who, last.history_date if last else current.updated_at)
    return current


def begin_edit(brief: Brief, *, by: AbstractBaseUser) -> None:
    """Save the brief row before its related rows; the revision is written at the end.

    Until `finish_edit`, changes to the brief's authors write no revision of their own
    (simple-history writes one on each change of a tracked many-to-many field): the
    revision `finish_edit` writes records them with the rest of the edit."""
    if brief.pk:
        # The state belongs to the workflow: an edit never writes it, even from a
        # copy of the brief loaded before the last transition.
        current = Brief.objects.filter(pk=brief.pk).values(*WORKFLOW_FIELDS, "version").get()
        for name in WORKFLOW_FIELDS:
            setattr(brief, name, current[name])
        brief.version = current["version"]
    brief.version += 1
    if brief.created_by_id is None:
        brief.created_by = by
    brief.skip_history_when_saving = True
    brief.save()


def finish_edit(brief: Brief, *, by: AbstractBaseUser, reason: str = "") -> None:
    """Write the revision, after the sections, sources, links and authors are saved."""
    if hasattr(brief, "skip_history_when_saving"):
        del brief.skip_history_when_saving
    brief._change_reason = reason or "Edited"
    brief._history_user = by
    brief.save()


@dataclass
class Revision:
    """A brief as it stood at one of its history rows."""

    record: object  # HistoricalBrief
    rows: dict  # model -> its historical rows as of the revision
    author_ids: set[int] = dataclasses.field(default_factory=set)  # the users recorded with it

    @property
    def when(self):
        return self.record.history_date

    @property
    def sections(self) -> list:
        return self.rows[Section]

    @property
    def sources(self) -> list:
        return self.rows[Source]

    @property
    def actor_ids(self) -> set[int]:
        return {r.actor_id for r in self.rows[BriefActor]}

    @property
    def organisation_ids(self) -> set[int]:
        return {r.organisation_id for r in self.rows[BriefOrganisation]}

    @property
    def event_ids(self) -> set[int]:
        return {r.event_id for r in self.rows[BriefEvent]}


def revision(brief: Brief, history_id: int) -> Revision:
    record = brief.history.get(history_id=history_id)
    rows = {}
    for model, _ in CHILDREN:
        found = model.history.as_of(record.history_date).filter(brief_id=brief.pk)
        rows[model] = sorted(found, key=lambda r: (getattr(r, "order", 0), r.pk))
    return Revision(record=record, rows=rows, author_ids=_authors_of([record])[record.pk])


def _authors_of(records: list) -> dict[int, set[int]]:
    """The users recorded as authors with each of `records`, by history id: one query."""
    found: dict[int, set[int]] = {record.pk: set() for record in records}
    rows = AUTHOR_HISTORY.objects.filter(history__in=list(found)).values_list("history", "user")
    for history_id, user_id in rows:
        found[history_id].add(user_id)
    return found


def revisions(brief: Brief, records: list) -> list[Revision]:
    """The brief at each of `records` (its history rows, in any order), as `revision`
    gives it one at a time, in one query per kind of related row however many.

    Each query reads the history of the rows that ever belonged to the brief up to the
    newest record; the state at each record is then replayed in order: for each row,
    its latest historical version no later than the record, unless that is a deletion
    or names another brief (what `as_of(...).filter(brief_id=...)` selects).
    """
    if not records:
        return []
    newest = max(record.history_date for record in records)
    in_order = sorted(records, key=lambda record: record.history_date)
    found: dict[int, dict] = {id(record): {} for record in records}
    for model, _ in CHILDREN:
        ever = model.history.filter(brief_id=brief.pk).values("id")
        rows = model.history.filter(id__in=ever, history_date__lte=newest).order_by(
            "history_date", "history_id"
        )
        # Per row: its versions at the latest date seen so far (as_of keeps every
        # version at that date), in as_of's order, newest history_id first.
        latest: dict[int, list] = {}
        pending = iter(rows)
        row = next(pending, None)
        for record in in_order:
            while row is not None and row.history_date <= record.history_date:
                same = latest.get(row.id)
                if same and same[0].history_date == row.history_date:
                    same.insert(0, row)
                else:
                    latest[row.id] = [row]
                row = next(pending, None)
            current = [
                version.instance
                for versions in latest.values()
                for version in versions
                if version.history_type != "-" and version.brief_id == brief.pk
            ]
            found[id(record)][model] = sorted(current, key=lambda r: (getattr(r, "order", 0), r.pk))
    authors = _authors_of(records)
    return [
        Revision(record=record, rows=found[id(record)], author_ids=authors[record.pk])
        for record in records
    ]


@transaction.atomic
def restore_revision(brief: Brief, history_id: int, *, by: AbstractBaseUser) -> Brief:
    """Make an old revision the working copy again, as a new revision.

    Needs briefs.change_brief. The brief keeps its state: a published brief keeps its
    live version until an editor publishes the restored text, like any other edit.
    """
    if not by.has_perm("briefs.change_brief"):
        raise PermissionDenied("You do not have permission to change this brief.")
    old = revision(brief, history_id)
    current = Brief.objects.select_for_update().get(pk=brief.pk)
    for name in CONTENT_FIELDS:
        setattr(current, name, getattr(old.record, name))
    begin_edit(current, by=by)
    gone = _deleted_targets(old)
    for model, fields in CHILDREN:
        # One row at a time, so that simple-history records each deletion and creation.
        for row in model.objects.filter(brief=current):
            row.delete()
        for row in old.rows[model]:
            if model in LINKS and (model, getattr(row, f"{LINKS[model]}_id")) in gone:
                continue  # deleted since: the link cannot come back
            model.objects.create(brief=current, **{f: getattr(row, f) for f in fields})
    current.authors.set(_existing_users(old.author_ids))
    number = brief.history.filter(history_date__lte=old.when).count()
    reason = f"Restored revision {number} of {timezone.localtime(old.when):%Y-%m-%d %H:%M}"
    if gone or _existing_users(old.author_ids) != old.author_ids:
        reason += "; left out, deleted since: " + ", ".join(missing_links(old))
    finish_edit(current, by=by, reason=reason)
    return current


def missing_links(rev: Revision) -> list[str]:
    """The people, organisations and events a revision links to, and the authors it
    names, that were deleted since."""
    names = []
    for model, pk in sorted(_deleted_targets(rev), key=lambda gone: (gone[0].__name__, gone[1])):
        target = model._meta.get_field(LINKS[model]).related_model
        last = target.history.filter(id=pk).order_by("-history_date").first()
        names.append(str(last.instance) if last else f"{target._meta.verbose_name} {pk}")
    for user_id in sorted(rev.author_ids - _existing_users(rev.author_ids)):
        last = Author.history.filter(user_id=user_id).order_by("-history_date").first()
        names.append(f"the author {last.display_name}" if last else f"the author (user {user_id})")
    return names


def _existing_users(ids: set[int]) -> set[int]:
    return set(get_user_model().objects.filter(pk__in=ids).values_list("pk", flat=True))


def _deleted_targets(rev: Revision) -> set[tuple[type, int]]:
    gone = set()
    for model, field in LINKS.items():
        target = model._meta.get_field(field).related_model
        ids = {getattr(row, f"{field}_id") for row in rev.rows[model]}
        existing = set(target.objects.filter(pk__in=ids).values_list("pk", flat=True))
        gone |= {(model, pk) for pk in ids - existing}
    return gone
