"""A brief frozen as readers will see it.

`take(brief)` turns the working copy into an unsaved `Publication`: its sections
rendered to safe HTML, its sources, the actor panel with the role each person held
on the brief's date, and the event timeline. `workflow.publish` saves it; the admin
preview shows it unsaved. Both go through here, so the preview is exactly the page.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.text import slugify

from actors.dates import format_date
from actors.models import Role
from briefs.models import Brief, Publication
from briefs.rendering import render_markdown


@dataclass
class Snapshot:
    publication: Publication
    author_ids: list[int] = field(default_factory=list)
    actor_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    event_ids: list[int] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    # Text for the search index, by weight: A title, B summary, C body, D entity names.
    search_text: dict[str, str] = field(default_factory=dict)


def take(brief: Brief) -> Snapshot:
    brief = (
        Brief.objects.filter(pk=brief.pk)
        .prefetch_related(
            "sections", "sources", "authors", "tags", "organisations",
            Prefetch("events", queryset=_events()),
            Prefetch("actors__roles", queryset=Role.objects.held_on(brief.date)
                     .select_related("organisation").order_by("-start")),
        )
        .get()
    )
    sections = list(brief.sections.all())
    actors = sorted(brief.actors.all(), key=lambda a: a.name)
    organisations = sorted(brief.organisations.all(), key=lambda o: o.name)
    events = sorted(brief.events.all(), key=lambda e: (e.date, e.title))
    authors = list(brief.authors.all())
    tags = sorted(brief.tags.all(), key=lambda t: t.name.lower())

    content = {
        "sections": [
            {"heading": s.heading, "anchor": slugify(s.heading) or f"section-{i}",
             "html": render_markdown(s.body)}
            for i, s in enumerate(sections, start=1)
        ],
        "sources": [
            {"outlet": s.outlet, "title": s.title, "url": s.url,
             "accessed": s.accessed.isoformat() if s.accessed else None}
            for s in brief.sources.all()
        ],
        "authors": [
            {"name": u.get_full_name() or u.username, "username": u.username} for u in authors
        ],
        "actors": [_actor_entry(a) for a in actors],
        "organisations": [
            {"name": o.name, "slug": o.slug, "abbreviation": o.abbreviation} for o in organisations
        ],
        "events": [_event_entry(e) for e in events],
        "tags": [{"name": t.name, "slug": t.slug} for t in tags],
    }
    publication = Publication(
        brief=brief,
        brief_version=brief.version,
        title=brief.title,
        slug=brief.slug,
        summary=brief.summary,
        date=brief.date,
        content=content,
        cover=brief.cover.name if brief.cover else "",
        cover_alt=brief.cover_alt,
        cover_credit=brief.cover_credit,
        countries=brief.countries,
    )
    names = [n for o in organisations for n in o.names()] + [n for a in actors for n in a.names()]
    names += [e.title for e in events]
    return Snapshot(
        publication=publication,
        author_ids=[u.pk for u in authors],
        actor_ids=[a.pk for a in actors],
        organisation_ids=[o.pk for o in organisations],
        event_ids=[e.pk for e in events],
        tag_names=[t.name for t in tags],
        search_text={
            "A": brief.title,
            "B": brief.summary,
            "C": "\n\n".join(f"{s.heading}\n{s.body}" for s in sections),
            "D": " ; ".join(names + [t.name for t in tags]),
        },
    )


def _events():
    from actors.models import Event

    return Event.objects.prefetch_related("organisation_links__organisation")


def _actor_entry(actor) -> dict:
    roles = list(actor.roles.all())
    role = roles[0] if roles else None
    return {
        "name": actor.name,
        "slug": actor.slug,
        "role": role.title if role else "",
        "organisation": role.organisation.name if role and role.organisation_id else "",
        "organisation_slug": role.organisation.slug if role and role.organisation_id else "",
    }


def _event_entry(event) -> dict:
    parts = {}
    for link in event.organisation_links.all():
        parts.setdefault(link.part, []).append(
            {"name": link.organisation.name, "slug": link.organisation.slug}
        )
    return {
        "title": event.title,
        "slug": event.slug,
        "date": event.date.isoformat(),
        "date_display": format_date(event.date, event.date_precision),
        "place": event.place,
        "country": event.country.name if event.country else "",
        "kind": event.get_kind_display(),
        "killed": event.killed,
        "injured": event.injured,
        "claim": event.get_claim_display(),
        "perpetrators": parts.get("perpetrator", []),
        "claimants": parts.get("claimant", []),
    }
