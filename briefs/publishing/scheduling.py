"""Moving or cancelling a publication that waits for its time: two workflow steps.

Both are editors' steps (`briefs.publish_brief`) on a brief with a scheduled
publication, locked, checked and recorded by the machinery of
`briefs.publishing.workflow` like every other step, and both tell the authors.

A scheduled re-publish ends the version readers see now at its go-live time
(`workflow.publish`); moving it moves that end, and cancelling it leaves the live
version live with no end. Nobody has read a publication before its time, so moving
one changes its dates in place (and its stored article, which shows them).
"""

import datetime
import functools

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from briefs.models import Brief, Publication
from briefs.publishing import article, counts, notifications, renditions, workflow

Status = Brief.Status


def reschedule(
    brief: Brief, *, by: AbstractBaseUser, at: datetime.datetime, comment: str = ""
) -> Publication:
    """Move the brief's scheduled publication to `at`, a time in the future. Editors only."""
    with workflow._locked(brief, "reschedule", by=by) as locked:
        now = timezone.now()
        if at <= now:
            raise workflow.TransitionNotAllowed("The new go-live time must be in the future.")
        pending = _pending(locked, now)
        old = pending.go_live_at
        _live_until(locked, old, now).update(ends_at=at, changed_at=now)
        pending.go_live_at = at
        if pending.first_published_at == old:  # its first publication: that moves too
            pending.first_published_at = locked.first_published_at = at
        article.freeze(pending)
        pending.save()
        note = f"Rescheduled from {notifications.local(old)} to {notifications.local(at)}"
        workflow._record(locked, Status.PUBLISHED, by=by, comment=_join(note, comment))
        notifications.after_commit(
            "scheduled",
            locked,
            by=by,
            comment=_join(note, comment),
            go_live_at=at,
            subject=f"Rescheduled: {locked.title}",
        )
        return pending


def cancel_schedule(brief: Brief, *, by: AbstractBaseUser, comment: str = "") -> Brief:
    """Cancel the brief's scheduled publication. Editors only.

    A version that readers see now stays live (the brief stays published, with
    unpublished changes); a brief with nothing live goes back to review.
    """
    with workflow._locked(brief, "cancel_schedule", by=by) as locked:
        now = timezone.now()
        versions = Publication.objects.filter(brief=locked)
        pending = _pending(locked, now)
        live = list(_live_until(locked, pending.go_live_at, now))
        cancelled = renditions.digests_of(versions.filter(pk=pending.pk))
        counts.ending(versions.filter(pk=pending.pk))
        pending.ends_at = pending.go_live_at  # an empty window: never shown
        pending.save(update_fields=["ends_at", "changed_at"])
        for publication in live:
            publication.ends_at = None
            publication.save(update_fields=["ends_at", "changed_at"])
            counts.started(publication)
        if not versions.filter(go_live_at__lte=now).exists():  # never public after all
            locked.first_published_at = None
        transaction.on_commit(functools.partial(renditions.retire, cancelled))
        note = f"Scheduled publication for {notifications.local(pending.go_live_at)} cancelled"
        notifications.after_commit(
            "scheduled",
            locked,
            by=by,
            comment=_join(note, comment),
            subject=f"Publication cancelled: {locked.title}",
        )
        target = Status.PUBLISHED if live else Status.REVIEW
        return workflow._record(locked, target, by=by, comment=_join(note, comment))


def _pending(brief: Brief, now: datetime.datetime) -> Publication:
    # `workflow._refusal` made sure there is one.
    return Publication.objects.filter(brief=brief).current().scheduled(now).get()


def _live_until(brief: Brief, moment: datetime.datetime, now: datetime.datetime):
    """The version readers see now that a scheduled one ends at `moment`."""
    return Publication.objects.filter(brief=brief, go_live_at__lte=now, ends_at=moment)


def _join(note: str, comment: str) -> str:
    return f"{note}: {comment}" if comment.strip() else note
