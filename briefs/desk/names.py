"""The brief change form's panel "Names in the text", and the choices it posts.

The panel reads the brief's text with the registry's one matcher (`briefs.mentions`,
as the importer and the published page do) and shows: the entities linked to the
brief and how often each is mentioned; registry entities mentioned but not linked
(one button saves and links them); each ambiguous mention in its context, with a
choice of what it means or "not a mention"; and names the registry does not know,
each with links to a prefilled new organisation or person.

It is drawn with the change form from the saved brief, and again by "Check names"
(`check` below, a staff-only POST that saves nothing) from the text in the form.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from actors.matching import ACTOR, ORGANISATION, Ref, registry_matcher
from actors.models import Actor, Organisation
from briefs import mentions
from briefs.models import Brief, BriefActor, BriefOrganisation
from briefs.publishing.snapshot import readable_bodies, saved_mentions

CHOICE_PREFIX = "_mention:"  # a select per ambiguous mention: "_mention:<id>"
LINK_BUTTON = "_link_mentioned"  # value: the refs to link, "organisation:1,actor:2"


@dataclass
class Ambiguous:
    mention: mentions.Mention
    options: list[tuple[str, str]]  # (value, label)
    chosen: str

    @property
    def field(self) -> str:
        return CHOICE_PREFIX + self.mention.id


@dataclass
class Unknown:
    name: str
    add_organisation: str
    add_person: str


@dataclass
class Panel:
    linked: list[tuple[str, str, int]] = field(default_factory=list)  # name, admin url, count
    unlinked: list[tuple[str, str, int]] = field(default_factory=list)  # name, ref id, count
    ambiguous: list[Ambiguous] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    unsaved: bool = False

    @property
    def link_value(self) -> str:
        return ",".join(ref for _, ref, _ in self.unlinked)

    @property
    def unresolved(self) -> int:
        return sum(1 for a in self.ambiguous if not a.chosen)


def panel(bodies: list[str], linked: set[Ref], choices: dict, *, unsaved=False) -> Panel:
    """The panel for these section bodies, links and choices."""
    fragments = mentions.flats(readable_bodies(bodies))
    found = mentions.find(fragments, registry_matcher())
    counts = Counter(ref for m in found if (ref := mentions.meaning(m, choices)))
    ambiguous = [m for m in found if m.ambiguous]
    wanted = set(linked) | set(counts) | {r for m in ambiguous for r in m.refs}
    names = _names(wanted)
    result = Panel(unsaved=unsaved)
    for ref in sorted(linked, key=lambda r: names.get(r, ("", ""))[0].casefold()):
        if ref in names:
            result.linked.append((names[ref][0], names[ref][1], counts.get(ref, 0)))
    for ref, count in counts.most_common():
        if ref not in linked and ref in names:
            result.unlinked.append((names[ref][0], mentions.ref_id(ref), count))
    for m in ambiguous:
        options = list(dict.fromkeys([*m.refs, *sorted(linked)]))
        result.ambiguous.append(
            Ambiguous(
                mention=m,
                options=[(mentions.ref_id(r), names[r][0]) for r in options if r in names]
                + [(mentions.NOT_A_MENTION, "Not a mention")],
                chosen=choices.get(m.id, ""),
            )
        )
    for name in mentions.unknown_names(fragments, found):
        result.unknown.append(
            Unknown(
                name=name,
                add_organisation=_add_url("organisation", name),
                add_person=_add_url("actor", name),
            )
        )
    return result


def for_brief(brief: Brief) -> Panel:
    """The panel for the saved brief."""
    bodies = list(brief.sections.order_by("order", "pk").values_list("body", flat=True))
    return panel(bodies, linked_refs(brief), brief.mention_choices or {})


def for_form(brief: Brief, post) -> Panel:
    """The panel for the text and links in a posted change form, unsaved."""
    bodies = [
        post.get(f"sections-{i}-body", "")
        for i in _rows(post, "sections")
        if not post.get(f"sections-{i}-DELETE")
    ]
    linked = set()
    for prefix, kind, name in [
        ("organisation_links", ORGANISATION, "organisation"),
        ("actor_links", ACTOR, "actor"),
    ]:
        for i in _rows(post, prefix):
            value = post.get(f"{prefix}-{i}-{name}", "")
            if value.isdigit() and not post.get(f"{prefix}-{i}-DELETE"):
                linked.add((kind, int(value)))
    choices = merged_choices(brief.mention_choices or {}, post)
    return panel(bodies, linked, choices, unsaved=True)


def merged_choices(saved: dict, post) -> dict:
    """The brief's choices with those posted by the panel: a value sets one, an
    empty value clears it."""
    choices = dict(saved)
    for name, value in post.items():
        if not name.startswith(CHOICE_PREFIX):
            continue
        mention_id = name[len(CHOICE_PREFIX) :]
        if value == mentions.NOT_A_MENTION or mentions.parse_ref(value):
            choices[mention_id] = value
        elif value == "":
            choices.pop(mention_id, None)
    return choices


def current_choices(brief: Brief) -> dict:
    """The brief's choices for the mentions its saved text has now: a choice whose
    words around it changed has lapsed (it stays in the history)."""
    choices = brief.mention_choices or {}
    if not choices:
        return {}
    ids = {m.id for m in saved_mentions(brief) if m.ambiguous}
    return {k: v for k, v in choices.items() if k in ids}


def refs_to_link(saved: dict, post) -> list[Ref]:
    """Entities the form asks to link: newly chosen for a mention, or by the button."""
    refs = [
        ref
        for name, value in post.items()
        if name.startswith(CHOICE_PREFIX)
        and saved.get(name[len(CHOICE_PREFIX) :]) != value
        and (ref := mentions.parse_ref(value))
    ]
    refs += [
        ref for value in post.get(LINK_BUTTON, "").split(",") if (ref := mentions.parse_ref(value))
    ]
    return list(dict.fromkeys(refs))


def link(brief: Brief, refs: list[Ref], *, by: AbstractBaseUser) -> int:
    """Link the brief to those of `refs` it is not linked to yet; how many were added."""
    have = linked_refs(brief)
    added = 0
    for kind, pk in refs:
        if (kind, pk) in have:
            continue
        if kind == ORGANISATION and Organisation.objects.filter(pk=pk).exists():
            row = BriefOrganisation(brief=brief, organisation_id=pk)
        elif kind == ACTOR and Actor.objects.filter(pk=pk).exists():
            row = BriefActor(brief=brief, actor_id=pk)
        else:
            continue
        row._history_user = by
        row.save()
        added += 1
    return added


def linked_refs(brief: Brief) -> set[Ref]:
    refs = {
        (ORGANISATION, pk)
        for pk in brief.organisation_links.values_list("organisation_id", flat=True)
    }
    refs |= {(ACTOR, pk) for pk in brief.actor_links.values_list("actor_id", flat=True)}
    return refs


def _rows(post, prefix: str) -> range:
    try:
        total = int(post.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return range(0)
    return range(max(0, min(total, 1000)))


def _names(refs: set[Ref]) -> dict[Ref, tuple[str, str]]:
    """Name and admin page of each entity: two queries."""
    out = {}
    for kind, model in [(ORGANISATION, Organisation), (ACTOR, Actor)]:
        pks = [pk for k, pk in refs if k == kind]
        for pk, name in model.objects.filter(pk__in=pks).values_list("pk", "name"):
            out[(kind, pk)] = (
                name,
                reverse(f"admin:actors_{model._meta.model_name}_change", args=[pk]),
            )
    return out


def _add_url(model: str, name: str) -> str:
    return reverse(f"admin:actors_{model}_add") + "?" + urlencode({"name": name})
