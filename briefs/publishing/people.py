"""A person as a brief's people panel shows them: the roles held on the brief's date.

`entry(actor, roles, day)` is what a publication freezes for one person (and what
`briefs.publishing.facts` compares it with when a role is corrected later):

- every role held on `day` (`Role.was_held_on`), most senior first and at most
  `MAX_ROLES`. Senior means `Role.rank`: who leads the organisation, then deputies,
  then other senior posts, then the rest; within a rank the role begun last first.
  `more` counts the roles left out.
- a bound known only to the month or year whose period contains `day` is shown as
  such, "from Nov 2021" or "until 2023": the registry cannot say which side of it the
  brief's date falls, so the role is shown with that hedge. Two people handing over
  one office in that month both show, each with their bound.
- no role held on `day` but one that ended before: the one that ended last, as
  "Former …" with its end.

`role_lines(entry)` is the entry as text, one line a role; `fact_lines(entry)` the
same as `briefs.publishing.facts` compares it.
"""

import datetime

from actors.dates import Precision, format_date, last_day, within
from actors.models import Actor, Role

MAX_ROLES = 3


def entry(actor: Actor, roles: list[Role], day: datetime.date) -> dict:
    """The panel entry of `actor` on `day`, from all of the actor's `roles`."""
    held = sorted((r for r in roles if r.was_held_on(day)), key=_seniority)
    former = False
    if not held:
        ended = [r for r in roles if r.ended_before(day)]
        if ended:
            held = [max(ended, key=lambda r: (last_day(r.end, r.end_precision), -r.rank))]
            former = True
    return {
        "id": actor.pk,
        "name": actor.name,
        "slug": actor.slug,
        "url": actor.get_absolute_url(),
        "roles": [_role(r, day, former=former) for r in held[:MAX_ROLES]],
        "former": former,
        "more": max(0, len(held) - MAX_ROLES),
    }


def normalised(entry: dict) -> dict:
    """An entry frozen before roles were listed (one "role" and its organisation)
    in today's shape."""
    if "roles" in entry:
        return entry
    role = {
        "title": entry.get("role", ""),
        "organisation": entry.get("organisation", ""),
        "organisation_url": entry.get("organisation_url", ""),
        "bound": "",
    }
    return {**entry, "roles": [role] if role["title"] else [], "former": False, "more": 0}


def role_lines(entry: dict) -> list[str]:
    """The entry's roles as the panel reads them, one line each."""
    entry = normalised(entry)
    prefix = "Former " if entry.get("former") else ""
    shown = []
    for role in entry["roles"]:
        text = prefix + role["title"]
        if role.get("organisation"):
            text += f", {role['organisation']}"
        if role.get("bound"):
            text += f" ({role['bound']})"
        shown.append(text)
    return shown


def fact_lines(entry: dict) -> dict[str, str]:
    """The entry's facts by label, as `briefs.publishing.facts` compares them."""
    return {"Roles": "; ".join(role_lines(entry))}


def holds_a_role(entry: dict) -> bool:
    entry = normalised(entry)
    return bool(entry["roles"]) and not entry.get("former")


def _seniority(role: Role) -> tuple:
    begun = -role.start.toordinal() if role.start else 1  # an unknown start last
    return (role.rank, begun, role.title)


def _role(role: Role, day: datetime.date, *, former: bool) -> dict:
    organisation = role.organisation if role.organisation_id else None
    bounds = []
    if former:
        bounds.append("until " + format_date(role.end, role.end_precision, short=True))
    else:
        if role.start_precision != Precision.DAY and within(day, role.start, role.start_precision):
            bounds.append("from " + format_date(role.start, role.start_precision, short=True))
        if role.end_precision != Precision.DAY and within(day, role.end, role.end_precision):
            bounds.append("until " + format_date(role.end, role.end_precision, short=True))
    return {
        "title": role.title,
        "organisation": organisation.name if organisation else "",
        "organisation_url": organisation.get_absolute_url() if organisation else "",
        "bound": ", ".join(bounds),
    }
