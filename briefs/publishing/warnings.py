"""What an editor should know before publishing a brief. None of it stops publishing.

`before_publishing(brief)` is every warning, each one sentence, shown on the publish
step in the admin (the brief's workflow panel, and after a bulk publish). Each kind
of warning is one function in `CHECKS`; a new kind is added there.
"""

from collections.abc import Callable

from django.db.models import Prefetch

from actors.dates import format_date
from actors.models import Role
from briefs.models import Brief
from briefs.publishing import people


def before_publishing(brief: Brief) -> list[str]:
    """The warnings for the brief's working copy as it stands."""
    return [warning for check in CHECKS for warning in check(brief)]


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


CHECKS: list[Callable[[Brief], list[str]]] = [people_without_a_role]
