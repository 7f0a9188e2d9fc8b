"""The public record of a brief's changes: corrections, updates, withdrawal notices.

`workflow.publish` and `workflow.withdraw` call these inside their transaction, with
the brief's row locked. A re-publish is one of three kinds of change:

- an *update* (the default): readers see "Updated on" this version's go-live date;
- a *correction*: a public note (what was wrong, what is right), shown with its date
  above the text of this version and of every later one, listed at /corrections/,
  and carried in the JSON-LD as schema.org `correction`;
- a *minor* edit (a typo, a link): the "Updated on" line stays as it was.

Withdrawing is *with notice* (the default: the address answers 410 with the title,
the dates and the public reason, and the notice is listed at /corrections/) or a
*take down* (legal cases: the address answers 404 like an unknown brief, and every
notice of the brief leaves /corrections/).
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Q
from django.utils import timezone

from briefs.models import Brief, Notice, Publication

UPDATE = "update"
CORRECTION = "correction"
MINOR = "minor"
CHANGES = {
    UPDATE: "Update (readers see “Updated on” today’s date)",
    CORRECTION: "Correction (a public note above the text)",
    MINOR: "Minor edit (the “Updated on” line stays as it was)",
}

NOTICE = "notice"
TAKEDOWN = "takedown"
WITHDRAWALS = {
    NOTICE: "Withdraw with notice: the address shows the title, dates and this comment",
    TAKEDOWN: "Take down (legal): the address answers 404, the comment stays internal",
}


class ChangeNotAllowed(ValueError):
    """The kind of change or withdrawal asked for cannot be made (the message says why)."""


def check_change(brief: Brief, *, change: str, correction: str) -> None:
    """Refuse a change of an unknown kind, a correction without its text, or a
    correction or minor edit of a brief that was never published."""
    if change not in CHANGES:
        raise ChangeNotAllowed(f"Unknown kind of change: {change!r}.")
    if change != UPDATE and not ever_shown(brief):
        raise ChangeNotAllowed(
            "Only a brief readers have seen can be corrected or edited as a minor change."
        )
    if change == CORRECTION and not correction.strip():
        raise ChangeNotAllowed(
            "Write the correction readers will see: what was wrong and what is right."
        )


def check_withdrawal(mode: str) -> None:
    if mode not in WITHDRAWALS:
        raise ChangeNotAllowed(f"Unknown kind of withdrawal: {mode!r}.")


def ever_shown(brief: Brief, at: datetime.datetime | None = None) -> bool:
    """True when some version of the brief was live for readers at some moment."""
    return shown_versions(Publication.objects.filter(brief=brief), at).exists()


def shown_versions(publications, at: datetime.datetime | None = None):
    """The publications among these that readers saw: gone live, and not replaced
    before their time came (which leaves an empty window)."""
    return publications.filter(go_live_at__lte=at or timezone.now()).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=F("go_live_at"))
    )


def prepare(publication: Publication, previous: Publication | None, *, change: str, text: str):
    """Set the new version's "Updated on" date and corrections (before it is rendered)."""
    earlier = list(previous.corrections) if previous else []
    if change == MINOR:
        publication.updated_on = previous.updated_on if previous else None
    elif publication.go_live_at > publication.first_published_at:
        publication.updated_on = publication.go_live_at
    else:
        publication.updated_on = None
    if change == CORRECTION:
        earlier.insert(0, {"date": publication.go_live_at.isoformat(), "text": text.strip()})
    publication.corrections = earlier


def record_correction(publication: Publication, *, by: AbstractBaseUser, text: str) -> Notice:
    """The correction's entry in /corrections/ (shown once its version goes live)."""
    return Notice.objects.create(
        brief=publication.brief,
        publication=publication,
        kind=Notice.Kind.CORRECTION,
        title=publication.title,
        slug=publication.slug,
        text=text.strip(),
        at=publication.go_live_at,
        first_published_at=publication.first_published_at,
        by=by,
    )


def forget_unshown(replaced) -> None:
    """Corrections of scheduled versions replaced before their time: never public, so
    never listed (the editor writes the correction again with the new version)."""
    Notice.objects.filter(publication__in=replaced, kind=Notice.Kind.CORRECTION).delete()


def withdrawn(
    brief: Brief,
    *,
    mode: str,
    last_shown: Publication | None,
    at: datetime.datetime,
    by: AbstractBaseUser,
    reason: str,
) -> Notice | None:
    """Record a withdrawal: with notice, a public notice at the address readers knew;
    a take down hides every notice of the brief. A brief no reader ever saw gets no
    notice (a notice would reveal it)."""
    if mode == TAKEDOWN:
        Notice.objects.filter(brief=brief).update(shown=False)
        return None
    if last_shown is None:
        return None
    return Notice.objects.create(
        brief=brief,
        publication=last_shown,
        kind=Notice.Kind.WITHDRAWAL,
        title=last_shown.title,
        slug=last_shown.slug,
        text=reason.strip(),
        at=at,
        first_published_at=last_shown.first_published_at,
        by=by,
    )


def republished(brief: Brief) -> None:
    """A brief taken down and published again: its corrections are public once more
    (they are on its page); old withdrawal notices stay hidden."""
    Notice.objects.filter(brief=brief, kind=Notice.Kind.CORRECTION, shown=False).update(shown=True)


def withdrawal_notice(briefs) -> Notice | None:
    """The latest shown withdrawal notice of these briefs (a subquery of brief ids)."""
    return (
        Notice.objects.filter(brief__in=briefs, kind=Notice.Kind.WITHDRAWAL, shown=True)
        .order_by("-at", "-id")
        .first()
    )
