"""A brief frozen as readers will see it.

`take(brief)` turns the working copy into an unsaved `Publication`: its sections
rendered to safe HTML with the first mention of each linked actor and organisation
linked to its page (`briefs.mentions.link`: ambiguous names only as the analyst
chose), their plain text (for search excerpts), its sources, the actor
panel with the role each person held on the brief's date, the event timeline, and
the cover's renditions. `workflow.publish` saves it, with its article rendered once
its dates are set (`briefs.publishing.article.freeze`); the admin preview shows it unsaved,
rendered on the spot by the same code. Both go through here, so the preview is
exactly the page.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import slugify

from actors.matching import ACTOR, ORGANISATION, registry_matcher
from actors.models import Role
from briefs import mentions
from briefs.models import Author, Brief, Publication, SiteSettings
from briefs.publishing import people, timeline
from briefs.publishing.markdown import plain_text, render_markdown
from briefs.publishing.renditions import cover_renditions


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


def take(brief: Brief, *, public: bool = False, pending: bool = False) -> Snapshot:
    """The brief frozen; with `public`, its cover renditions are written where readers
    can fetch them (publishing), otherwise privately (the admin preview)."""
    brief = (
        Brief.objects.filter(pk=brief.pk)
        .prefetch_related(
            "sections",
            "sources",
            "authors__author",
            "tags",
            "organisations__aliases",
            "actors__aliases",
            Prefetch("events", queryset=_events()),
            # Every role: the panel shows those held on the date, or else the last one.
            Prefetch("actors__roles", queryset=Role.objects.select_related("organisation")),
        )
        .get()
    )
    sections = list(brief.sections.all())
    actors = sorted(brief.actors.all(), key=lambda a: a.name)
    organisations = sorted(brief.organisations.all(), key=lambda o: o.name)
    events = sorted(brief.events.all(), key=lambda e: (e.date, e.title))
    authors = list(brief.authors.all())
    tags = sorted(brief.tags.all(), key=lambda t: t.name.lower())

    site = SiteSettings.load()
    urls = {(ACTOR, a.pk): a.get_absolute_url() for a in actors}
    urls |= {(ORGANISATION, o.pk): o.get_absolute_url() for o in organisations}
    htmls = mentions.link(
        [render_markdown(body) for body in readable_bodies([s.body for s in sections], site)],
        registry_matcher(),
        urls,
        brief.mention_choices or {},
    )
    texts = [plain_text(html) for html in htmls]
    content = {
        "sections": [
            {"heading": s.heading, "anchor": anchor, "html": html}
            for s, anchor, html in zip(sections, _anchors(sections), htmls, strict=True)
        ],
        "text": "\n\n".join(texts),
        "cover": cover_renditions(
            brief.cover,
            alt=brief.cover_alt,
            credit=brief.cover_credit,
            public=public,
            pending=pending,
        ),
        "sources": [
            {
                "outlet": s.outlet,
                "title": s.title,
                "url": s.url,
                "accessed": s.accessed.isoformat() if s.accessed else None,
            }
            for s in brief.sources.all()
        ],
        "authors": [
            {"name": a.display_name, "slug": a.slug, "url": a.get_absolute_url()}
            for a in (Author.of(u) for u in authors)
        ],
        "actors": [people.entry(a, list(a.roles.all()), brief.date) for a in actors],
        "organisations": [
            {
                "name": o.name,
                "slug": o.slug,
                "abbreviation": o.abbreviation,
                "url": o.get_absolute_url(),
            }
            for o in organisations
        ],
        "events": [timeline.entry(e) for e in events],
        "tags": [
            {"name": t.name, "slug": t.slug, "url": reverse("briefs:tag", kwargs={"slug": t.slug})}
            for t in tags
        ],
    }
    publication = Publication(
        brief=brief,
        brief_version=brief.version,
        title=brief.title,
        slug=brief.slug,
        summary=brief.summary,
        date=brief.date,
        content=content,
        card={key: content[key] for key in ("authors", "tags", "cover")},
        cover=brief.cover.name if brief.cover else "",
        cover_alt=brief.cover_alt,
        cover_credit=brief.cover_credit,
        countries=brief.countries,
        # The footer this version goes out with, whatever the settings say later.
        disclaimer=site.disclaimer,
        copyright=site.copyright,
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
            "C": "\n\n".join(
                f"{s.heading}\n{text}" for s, text in zip(sections, texts, strict=True)
            ),
            "D": " ; ".join(names + [t.name for t in tags]),
        },
    )


def _anchors(sections) -> list[str]:
    """An id for each section heading, unique within the page.

    The page's own ids are `main` and `brief-…`; a heading that would take one of
    them gets a prefix instead.
    """
    anchors: list[str] = []
    for i, section in enumerate(sections, start=1):
        anchor = slugify(section.heading) or f"section-{i}"
        if anchor == "main" or anchor.startswith("brief-"):
            anchor = f"section-{anchor}"
        while anchor in anchors:
            anchor = f"{anchor}-{i}"
        anchors.append(anchor)
    return anchors


def saved_mentions(brief: Brief) -> list[mentions.Mention]:
    """The registry's names in the brief's saved sections, read as the page reads them."""
    bodies = list(brief.sections.order_by("order", "pk").values_list("body", flat=True))
    return mentions.find(mentions.flats(readable_bodies(bodies)), registry_matcher())


def readable_bodies(bodies: list[str], site: SiteSettings | None = None) -> list[str]:
    """Section bodies as the page shows them: without a pasted disclaimer or copyright."""
    row = site or SiteSettings.load()
    footer = {_normal(row.disclaimer), _normal(row.copyright)}
    return [_without_footer(body, footer) for body in bodies]


def _without_footer(body: str, footer: set[str]) -> str:
    """The section body without a disclaimer or copyright paragraph pasted into it.

    The page ends with both, from the site settings, exactly once; a copy carried
    over from an old archive or a paste would show them twice.
    """
    paragraphs = re.split(r"\n\s*\n", body or "")
    return "\n\n".join(p for p in paragraphs if _normal(p) not in footer)


def _normal(text: str) -> str:
    return " ".join(text.replace("\\", "").lstrip("*").split()).rstrip(".").casefold()


def _events():
    from actors.models import Event

    return Event.objects.prefetch_related(*timeline.PREFETCH)
