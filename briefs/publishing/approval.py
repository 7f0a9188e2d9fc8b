"""Which version of a working copy an editor's "Publish" approves: one rule.

Publishing approves one version of the working copy, never whatever it holds by the
time the click arrives. From the brief's own page that is the version the editor had
open (the form's version check has locked the row and refused a stale form, so it is
the brief as saved by that request). From the brief list, where the editor sees no
text, it is the version the analyst submitted for review: a brief edited after its
submission is left for its own page. Every transition records the version it acted
on (`Transition.brief_version`), so the submitted one is on record.
"""

from briefs.models import Brief, Transition


def submitted_version(brief: Brief) -> int | None:
    """The version of the working copy at its latest submission for review."""
    return (
        Transition.objects.filter(brief=brief, to_status=Brief.Status.REVIEW)
        .order_by("-at", "-pk")
        .values_list("brief_version", flat=True)
        .first()
    )


# What the brief list approves: the version submitted for review, read under the lock.
AS_SUBMITTED = "as submitted"


def refusal(brief: Brief, approved: int | str | None) -> str | None:
    """Why publishing `brief` (its row locked) as the version `approved` is refused, or
    None. `approved` is a version number, `AS_SUBMITTED`, or None: the caller approves
    the working copy as it stands (commands, the demo)."""
    if approved is None:
        return None
    if approved != AS_SUBMITTED:
        if brief.version == approved:
            return None
        return (
            f"Not published: the working copy was saved again after you opened it (you "
            f"approved version {approved}, it is now at version {brief.version})."
        )
    submitted = submitted_version(brief)
    if submitted is None:
        return (
            "Not published: this brief was never submitted for review. "
            "Open it and publish it from its page."
        )
    if brief.version == submitted:
        return None
    return (
        "Not published: the working copy was changed after it was submitted for review "
        f"(version {submitted} was submitted, it is now at version {brief.version}). "
        "Open the brief, look at the changes, and publish it from its page."
    )
