"""Every change of a brief's state, and nothing else.

| transition          | from                         | to        | who (permission)        |
|---------------------|------------------------------|-----------|-------------------------|
| submit_for_review   | draft, withdrawn, published* | review    | briefs.change_brief     |
| return_to_draft     | review                       | draft     | briefs.review_brief     |
| publish             | review, published*           | published | briefs.publish_brief    |
| withdraw            | published, review (if live) | withdrawn | briefs.withdraw_brief   |
| reschedule          | published (if scheduled)     | published | briefs.publish_brief    |
| cancel_schedule     | published (if scheduled)     | published, review | briefs.publish_brief |

* a published brief only with unpublished changes to its working copy.

Each transition checks the permission and the state itself, locks the brief's row,
records who, when, from, to and why (a `Transition` row and a history revision),
and runs in one transaction. The admin, the commands and any later API call these.
Rescheduling and cancelling are in `briefs.publishing.scheduling`; the mails each
step sends, after its transaction commits, in `briefs.publishing.notifications`.
"""

import datetime
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone

from briefs.models import Brief, Publication, Transition
from briefs.publishing import (
    approval,
    article,
    corrections,
    counts,
    notifications,
    renditions,
    snapshot,
)

Status = Brief.Status


class TransitionNotAllowed(Exception):
    """The brief is not in a state this transition starts from."""


def _checked(check, *args, **kwargs) -> None:
    try:
        check(*args, **kwargs)
    except corrections.ChangeNotAllowed as exc:
        raise TransitionNotAllowed(str(exc)) from exc


ALLOWED: dict[str, set[str]] = {
    "submit_for_review": {Status.DRAFT, Status.WITHDRAWN, Status.PUBLISHED},
    "return_to_draft": {Status.REVIEW},
    "publish": {Status.REVIEW, Status.PUBLISHED},
    "withdraw": {Status.PUBLISHED, Status.REVIEW},
    "reschedule": {Status.PUBLISHED},
    "cancel_schedule": {Status.PUBLISHED},
}
# The steps that need a reason, and what a missing one is told.
COMMENT_REQUIRED = {
    "return_to_draft": "Say what needs to change: a comment is required.",
    "withdraw": "Give the reason for withdrawing: a comment is required.",
}
# Taken on the desk's scheduled list (briefs.desk.dashboard), not by the form's buttons.
SCHEDULE_STEPS = {"reschedule", "cancel_schedule"}

PERMISSIONS = {
    "submit_for_review": "briefs.change_brief",
    "return_to_draft": "briefs.review_brief",
    "publish": "briefs.publish_brief",
    "withdraw": "briefs.withdraw_brief",
    "reschedule": "briefs.publish_brief",
    "cancel_schedule": "briefs.publish_brief",
}

LABELS = {
    "submit_for_review": "Submit for review",
    "return_to_draft": "Return to draft",
    "publish": "Publish",
    "withdraw": "Withdraw",
    "reschedule": "Reschedule",
    "cancel_schedule": "Cancel the scheduled publication of",
}


def submit_for_review(
    brief: Brief,
    *,
    by: AbstractBaseUser,
    comment: str = "",
    editor: AbstractBaseUser | None = None,
) -> Brief:
    """Ask an editor to review the working copy: `editor`, or any editor. Analysts and
    editors; from draft, withdrawn, or published with unpublished changes (the live
    version stays live)."""
    if editor is not None and not (editor.is_active and editor.has_perm(PERMISSIONS["publish"])):
        raise TransitionNotAllowed(f"{editor.get_full_name() or editor} is not an editor.")
    with _locked(brief, "submit_for_review", by=by) as locked:
        locked.assigned_editor = editor
        locked.submitted_at = timezone.now()
        notifications.after_commit("submitted", locked, by=by, comment=comment)
        return _record(locked, Status.REVIEW, by=by, comment=comment or "Submitted for review")


def return_to_draft(brief: Brief, *, by: AbstractBaseUser, comment: str) -> Brief:
    """Send a brief in review back to its author with a comment. Editors only."""
    if not comment.strip():
        _check_permission("return_to_draft", by)
        raise TransitionNotAllowed(COMMENT_REQUIRED["return_to_draft"])
    with _locked(brief, "return_to_draft", by=by) as locked:
        notifications.after_commit("returned", locked, by=by, comment=comment)
        return _record(locked, Status.DRAFT, by=by, comment=comment)


def publish(
    brief: Brief,
    *,
    by: AbstractBaseUser,
    at: datetime.datetime | None = None,
    comment: str = "",
    version: int | str | None = None,
    change: str = corrections.UPDATE,
    correction: str = "",
) -> Publication:
    """Approve the working copy for readers, now or at `at`. Editors only; from review,
    or published with unpublished changes (a re-publish). With `version` (a number, or
    `approval.AS_SUBMITTED`), only if the working copy is still at that version.

    The previous live version stays live until the new one goes live; a publication
    still waiting for its time is replaced by this one. A re-publish is an update, a
    `correction` (with its public text) or a minor edit (`briefs.publishing.corrections`).
    """
    with _locked(brief, "publish", by=by) as locked:
        refused = approval.refusal(locked, version)
        if refused:
            raise TransitionNotAllowed(refused)
        _checked(corrections.check_change, locked, change=change, correction=correction)
        now = timezone.now()
        go_live_at = max(at, now) if at else now
        versions = Publication.objects.filter(brief=locked)
        previous = corrections.shown_versions(versions, now).order_by("-go_live_at").first()
        replaced = renditions.digests_of(versions.current())
        counts.ending(versions)
        pending = versions.scheduled(now)
        corrections.forget_unshown(pending)
        pending.update(ends_at=F("go_live_at"), changed_at=now)  # an empty window: never shown
        versions.live(now).update(ends_at=go_live_at, changed_at=now)
        if locked.first_published_at is None:
            locked.first_published_at = go_live_at
        publication = _create_publication(
            locked, go_live_at=go_live_at, by=by, previous=previous, change=change, text=correction
        )
        counts.started(publication)
        corrections.republished(locked)
        if change == corrections.CORRECTION:
            corrections.record_correction(publication, by=by, text=correction)
        if go_live_at == now:  # the old version is gone now, not at a later go-live
            transaction.on_commit(functools.partial(renditions.retire, replaced))
        when = "" if go_live_at == now else f" (goes live {notifications.local(go_live_at)})"
        _record(locked, Status.PUBLISHED, by=by, comment=(comment or "Published") + when)
        notifications.after_commit(
            "published" if go_live_at == now else "scheduled",
            locked,
            by=by,
            comment=comment,
            go_live_at=go_live_at,
        )
        return publication


def withdraw(
    brief: Brief, *, by: AbstractBaseUser, comment: str, mode: str = corrections.NOTICE
) -> Brief:
    """Take a brief off the public site, with a reason. Editors only; from published,
    or in review while an earlier version is live or scheduled. With notice (the
    default) the address answers 410 and shows the reason; a take down answers 404
    and keeps the reason internal (`briefs.publishing.corrections`)."""
    _checked(corrections.check_withdrawal, mode)
    if not comment.strip():
        _check_permission("withdraw", by)
        raise TransitionNotAllowed(COMMENT_REQUIRED["withdraw"])
    with _locked(brief, "withdraw", by=by) as locked:
        now = timezone.now()
        versions = Publication.objects.filter(brief=locked)
        last_shown = corrections.shown_versions(versions, now).order_by("-go_live_at").first()
        corrections.withdrawn(
            locked, mode=mode, last_shown=last_shown, at=now, by=by, reason=comment
        )
        withdrawn = renditions.digests_of(versions.current())
        counts.ending(versions)
        corrections.forget_unshown(versions.scheduled(now))
        versions.scheduled(now).update(ends_at=F("go_live_at"), changed_at=now)
        versions.live(now).update(ends_at=now, changed_at=now)
        transaction.on_commit(functools.partial(renditions.retire, withdrawn))
        label = "" if mode == corrections.NOTICE else "Taken down: "
        notifications.after_commit("withdrawn", locked, by=by, comment=comment)
        return _record(locked, Status.WITHDRAWN, by=by, comment=label + comment)


def available(brief: Brief, user: AbstractBaseUser) -> list[str]:
    """The transitions `user` may take on `brief` now, for buttons and menus."""
    return [
        name
        for name, states in ALLOWED.items()
        if name not in SCHEDULE_STEPS
        and brief.status in states
        and user.has_perm(PERMISSIONS[name])
        and _refusal(name, brief) is None
    ]


def current_publication(brief: Brief) -> Publication | None:
    """The publication that is live, or waiting to go live, for this brief."""
    return Publication.objects.filter(brief=brief).current().order_by("-go_live_at").first()


def has_unpublished_changes(brief: Brief) -> bool:
    """True when the working copy was saved after its current publication was made."""
    publication = current_publication(brief)
    return publication is not None and brief.version > publication.brief_version


# -- each transition's rules beyond its starting states, written once ---------------


def _refusal(name: str, brief: Brief) -> str | None:
    """Why `name` cannot be taken on `brief` although its state allows it, or None."""
    if name in {"submit_for_review", "publish"} and brief.status == Status.PUBLISHED:
        if not has_unpublished_changes(brief):
            return (
                "This brief has no unpublished changes to review."
                if name == "submit_for_review"
                else "This brief is already published as it stands."
            )
    if name == "withdraw" and brief.status == Status.REVIEW:
        if current_publication(brief) is None:
            return "Only a brief that readers can see can be withdrawn."
    if name in SCHEDULE_STEPS:
        if not Publication.objects.filter(brief=brief).current().scheduled().exists():
            return "This brief has no publication waiting for its time."
    return None


# -- the machinery -------------------------------------------------------------------


def _check_permission(name: str, user: AbstractBaseUser) -> None:
    if not user.has_perm(PERMISSIONS[name]):
        raise PermissionDenied(f"You do not have permission to {LABELS[name].lower()} a brief.")


@contextmanager
def _locked(brief: Brief, name: str, *, by: AbstractBaseUser) -> Iterator[Brief]:
    """Check the permission, open a transaction, lock the row, check the state and
    the transition's own rules (`_refusal`)."""
    _check_permission(name, by)
    with transaction.atomic():
        locked = Brief.objects.select_for_update().get(pk=brief.pk)
        if locked.status not in ALLOWED[name]:
            raise TransitionNotAllowed(
                f"Cannot {LABELS[name].lower()} a brief that is "
                f"{locked.get_status_display().lower()}."
            )
        refusal = _refusal(name, locked)
        if refusal:
            raise TransitionNotAllowed(refusal)
        yield locked


def _record(brief: Brief, target: str, *, by: AbstractBaseUser, comment: str) -> Brief:
    source = brief.status
    brief.status = target
    brief._change_reason = (
        f"{brief.get_status_display()}: {comment}" if comment else brief.get_status_display()
    )
    brief._history_user = by
    brief.save()
    Transition.objects.create(
        brief=brief,
        from_status=source,
        to_status=target,
        by=by,
        comment=comment,
        brief_version=brief.version,
    )
    return brief


def _create_publication(
    brief: Brief, *, go_live_at: datetime.datetime, by, previous, change: str, text: str
) -> Publication:
    # A scheduled brief's cover is not served before its time (briefs.public.media).
    snap = snapshot.take(brief, public=True, pending=go_live_at > timezone.now())
    publication = snap.publication
    publication.revision = brief.history.order_by("-history_date", "-history_id").first()
    publication.go_live_at = go_live_at
    publication.first_published_at = brief.first_published_at
    publication.published_by = by
    corrections.prepare(publication, previous, change=change, text=text)
    article.freeze(publication)  # after the dates: the "updated on" line shows them
    publication.save()
    publication.authors.set(snap.author_ids)
    publication.actors.set(snap.actor_ids)
    publication.organisations.set(snap.organisation_ids)
    publication.events.set(snap.event_ids)
    publication.tags.set(snap.tag_names)
    vector = None
    for weight, text in snap.search_text.items():
        part = SearchVector(Value(text or ""), weight=weight, config="tap")
        vector = part if vector is None else vector + part
    Publication.objects.filter(pk=publication.pk).update(
        search=vector,
        tag_ids=sorted(publication.tags.values_list("pk", flat=True)),
        organisation_ids=sorted(snap.organisation_ids),
    )
    publication.refresh_from_db(fields=["tag_ids", "organisation_ids"])
    return publication
