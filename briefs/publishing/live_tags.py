"""Tag changes that reach live briefs: who may make them, and the record of each.

A tag on a live (or scheduled) brief is part of what readers see: its name on the
page, its page and feed, the lists filtered by it. Renaming or merging such a tag,
or attaching one to or detaching one from a publication, changes public content
without review, so it is editors' work (those who may publish); analysts keep adding
tags to working copies, which editors review. Every change made in the tag admin is
recorded as a `TagChange` with who, when, what, and how many live briefs it reached.
"""

from django.contrib.auth.models import AbstractBaseUser
from taggit.models import Tag

from briefs.models import Publication, TagChange
from briefs.publishing import counts, link_ids

# Who may change what readers see of a tag: the permission to publish.
EDITOR_PERMISSION = "briefs.publish_brief"


def may_change_live(user: AbstractBaseUser) -> bool:
    return user.has_perm(EDITOR_PERMISSION)


def live_briefs(tag_ids) -> int:
    """How many current publications carry any of `tag_ids` (from `tag_ids`' GIN)."""
    ids = [int(pk) for pk in tag_ids]
    return Publication.objects.current().filter(tag_ids__overlap=ids).count() if ids else 0


def refusal(user: AbstractBaseUser, tags: list[Tag], doing: str) -> str | None:
    """Why `user` may not do `doing` ("rename", "merge") to `tags`, or None."""
    if may_change_live(user):
        return None
    reached = live_briefs([tag.pk for tag in tags])
    if not reached:
        return None
    names = ", ".join(f"“{tag.name}”" for tag in tags)
    return (
        f"Only an editor may {doing} {names}: {'it is' if len(tags) == 1 else 'they are'} "
        f"on {reached} live brief{'s' if reached != 1 else ''}, and readers would see the "
        "change without review. Nothing was changed. To tag your brief differently, change "
        "the tags of its working copy; ask an editor to change the tag itself."
    )


def publication_refusal(user: AbstractBaseUser) -> str | None:
    if may_change_live(user):
        return None
    return (
        "Only an editor may attach a tag to or detach one from a published brief: readers "
        "would see the change without review. Nothing was changed. Change the tags of the "
        "brief's working copy instead."
    )


def record(
    kind: str, tag: Tag | None, *, name: str, detail: str, by, reached: int | None = None
) -> TagChange:
    """Put one change on record; `reached` defaults to the live briefs `tag` is on."""
    if reached is None:
        reached = live_briefs([tag.pk]) if tag is not None else 0
    return TagChange.objects.create(
        tag=tag, tag_name=name, kind=kind, detail=detail, by=by, live_briefs=reached
    )


def publications_follow_their_tags() -> None:
    """Write every publication's tag ids and the live counts again from the tagged
    items, after a merge or an edit of a tag's items (a few seconds at 100,000 briefs,
    for an operation that is rare)."""
    link_ids.refresh_all()
    counts.recount_all()
