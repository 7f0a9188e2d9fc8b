"""What an editor should know before publishing a brief: warnings, not refusals.

`before_publishing(brief)` is every warning, each a sentence, shown on the publish
step in the admin (above the publish button in the workflow panel, and repeated
when a brief is published, also in bulk). Each kind of warning is one function of
the brief in `CHECKS`; a new kind is added there.
"""

from collections import Counter
from collections.abc import Callable

from django.db.models import Prefetch

from actors.dates import format_date
from actors.models import Role
from briefs import mentions
from briefs.models import Brief
from briefs.publishing import people
from briefs.publishing.snapshot import saved_mentions


def before_publishing(brief: Brief) -> list[str]:
    """The warnings for the brief's working copy as it stands."""
    return [warning for check in CHECKS for warning in check(brief)]


def unresolved_mentions(brief: Brief) -> list[str]:
    """Ambiguous mentions nobody has chosen a meaning for: they will not be linked."""
    found = saved_mentions(brief)
    left = Counter(m.text for m in mentions.unresolved(found, brief.mention_choices or {}))
    if not left:
        return []
    names = ", ".join(f"“{name}”" + (f" ({n}×)" if n > 1 else "") for name, n in left.items())
    total = sum(left.values())
    return [
        f"{total} ambiguous mention{'s' if total > 1 else ''} not resolved, so not linked: "
        f"{names}. Choose what each means under “Names in the text”."
    ]


def people_without_a_role(brief: Brief) -> list[str]:
    """Linked people who held no role on the brief's date (the panel shows them
    with none, or as "Former …"): perhaps a wrong date, or the wrong person."""
    actors = brief.actors.order_by("name").prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("organisation"))
    )
    missing = []
    for actor in actors:
        entry = people.entry(actor, list(actor.roles.all()), brief.date)
        if people.holds_a_role(entry):
            continue
        lines = people.role_lines(entry)
        missing.append(f"{actor.name} ({lines[0]})" if lines else f"{actor.name} (no role at all)")
    if not missing:
        return []
    return [
        f"No role on {format_date(brief.date)} in the registry for: {'; '.join(missing)}. "
        "Check the brief's date, the people linked, or their roles."
    ]


CHECKS: list[Callable[[Brief], list[str]]] = [unresolved_mentions, people_without_a_role]
