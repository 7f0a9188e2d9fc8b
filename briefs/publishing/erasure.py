"""Deleting a brief: refused once it was published, except as a superuser's erasure.

Nothing published disappears: a brief that readers could ever see (any publication
was made of it) is withdrawn, not deleted. Its publications, notices and log of
steps are protected from cascades (`on_delete=PROTECT`), so no path through the ORM
removes them by accident. Only a superuser may erase such a brief, for a legal
reason they must give; `erase` deletes everything of it explicitly, in one
transaction, and leaves an `Erasure` record (who, when, why, title and slug). The
brief's revision history stays with the simple-history tables, as for any delete.

A brief that was never published (a draft, perhaps returned once) may be deleted by
whoever holds `briefs.delete_brief`; `delete_unpublished` removes its log of steps
with it.
"""

import functools

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from briefs.models import Brief, Erasure, Notice, Publication, Transition
from briefs.publishing import renditions

REFUSAL = (
    "“{title}” has been published, so it cannot be deleted: withdraw it instead. "
    "Only a site admin can erase a published brief, for a legal reason."
)


class ErasureRefused(Exception):
    """The deletion cannot be made (the message says why)."""


def was_published(brief: Brief) -> bool:
    """True when any publication, live, ended or scheduled, was ever made of the brief."""
    return Publication.objects.filter(brief=brief).exists()


def published_among(briefs) -> list[Brief]:
    """The briefs of a queryset that were ever published (for a bulk delete)."""
    return list(briefs.filter(publications__isnull=False).distinct().only("pk", "title"))


def may_delete(brief: Brief, user: AbstractBaseUser) -> bool:
    """Whether `user` may delete `brief` the ordinary way (never a published one)."""
    return user.has_perm("briefs.delete_brief") and not was_published(brief)


def delete_unpublished(brief: Brief, *, by: AbstractBaseUser) -> None:
    """Delete a brief that was never published, with its log of steps."""
    if not by.has_perm("briefs.delete_brief"):
        raise PermissionDenied
    with transaction.atomic():
        locked = Brief.objects.select_for_update().get(pk=brief.pk)
        if was_published(locked):
            raise ErasureRefused(REFUSAL.format(title=locked.title))
        Transition.objects.filter(brief=locked).delete()
        Notice.objects.filter(brief=locked).delete()
        locked.delete()


def erase(brief: Brief, *, by: AbstractBaseUser, reason: str) -> Erasure:
    """Erase a brief and everything of it, published or not. Superusers only, with
    the reason; leaves the audit record it returns."""
    if not by.is_superuser:
        raise PermissionDenied("Only a site admin can erase a brief.")
    if not reason.strip():
        raise ErasureRefused("Give the reason for the erasure: it is kept in the audit record.")
    with transaction.atomic():
        locked = Brief.objects.select_for_update().get(pk=brief.pk)
        publications = Publication.objects.filter(brief=locked)
        digests = renditions.digests_of(publications.current())
        record = Erasure.objects.create(
            brief_id=locked.pk,
            title=locked.title,
            slug=locked.slug,
            reason=reason.strip(),
            by=by,
            by_username=by.get_username(),
            publications=publications.count(),
        )
        Notice.objects.filter(brief=locked).delete()
        # Their links go with them; `housekeeping` uncounts the current one.
        publications.delete()
        Transition.objects.filter(brief=locked).delete()
        locked._change_reason = f"Erased: {reason.strip()}"
        locked._history_user = by
        locked.delete()
        transaction.on_commit(functools.partial(renditions.retire, digests))
        return record
