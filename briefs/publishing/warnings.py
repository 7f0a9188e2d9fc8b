"""What an editor is told before publishing: warnings, not refusals.

`before_publishing` gathers every check, each a sentence; the workflow panel shows
them above the publish button and the admin repeats them when a brief is published.
Add a check as a function of the brief returning sentences, and list it here.
"""

from collections import Counter

from actors.matching import registry_matcher
from briefs import mentions
from briefs.models import Brief
from briefs.publishing.snapshot import readable_bodies


def before_publishing(brief: Brief) -> list[str]:
    return [*unresolved_mentions(brief)]


def unresolved_mentions(brief: Brief) -> list[str]:
    """Ambiguous mentions nobody has chosen a meaning for: they will not be linked."""
    bodies = list(brief.sections.order_by("order", "pk").values_list("body", flat=True))
    found = mentions.find(mentions.flats(readable_bodies(bodies)), registry_matcher())
    left = Counter(m.text for m in mentions.unresolved(found, brief.mention_choices or {}))
    if not left:
        return []
    names = ", ".join(f"“{name}”" + (f" ({n}×)" if n > 1 else "") for name, n in left.items())
    total = sum(left.values())
    return [
        f"{total} ambiguous mention{'s' if total > 1 else ''} not resolved, so not linked: "
        f"{names}. Choose what each means under “Names in the text”."
    ]
