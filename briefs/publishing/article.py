"""The brief's article, rendered once when it is published and stored with it.

A publication never changes, so the markup of its article (header, cover, sections,
sources, people, organisations, timeline, citation, tags: everything inside
`<article>` except the site's disclaimer footer) and its meta tags and JSON-LD are
rendered by `freeze` when `workflow.publish` saves it, and kept in the
publication's `article_head` and `article_html` with a fingerprint of what produced
them. The brief page serves the stored copy when the fingerprint is the current
one. When it differs (a deploy changed a template or this module, or the site's
address or name changed) or there is none (the admin preview's unsaved
publication), `stored_or_rendered` renders afresh for that request with the same
function: a reader never sees stale markup, and the preview is the page.
`manage.py rerender_publications` stores fresh copies after such a deploy.
"""

import datetime
import functools
import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from actors.dates import format_date
from briefs.models import Publication
from briefs.publishing import facts, people, timeline

HEAD_TEMPLATE = "briefs/_brief_head.html"
ARTICLE_TEMPLATE = "briefs/_brief_article.html"


class Article(NamedTuple):
    head: SafeString  # meta tags and JSON-LD, for <head>
    html: SafeString  # the markup inside <article>, before the site's footer


def freeze(publication: Publication) -> None:
    """Store the rendered article on `publication` (the caller saves).

    Call it once the publication's dates are set: the "updated on" line, the
    meta tags and the JSON-LD show them.
    """
    publication.article_head, publication.article_html = render(publication)
    publication.article_fingerprint = fingerprint()


def is_current(publication: Publication) -> bool:
    """True when the stored article was rendered by this code and these templates."""
    return publication.article_fingerprint == fingerprint()


def stored_or_rendered(publication: Publication) -> Article:
    """The article as stored at publish if that is still current, else rendered now."""
    if is_current(publication):
        # Rendered, and so escaped, by `render` with the templates of this fingerprint.
        return Article(mark_safe(publication.article_head), mark_safe(publication.article_html))
    return render(publication)


def render(publication: Publication) -> Article:
    """The article, from the publication's own fields and frozen content only."""
    content = publication.content or {}
    canonical = absolute(publication.get_absolute_url())
    cover = content.get("cover")
    actors = [_people_entry(a) for a in content.get("actors", [])]
    context = {
        "publication": publication,
        "sections": content.get("sections", []),
        "sources": [
            {**s, "accessed": _iso_date(s.get("accessed"))} for s in content.get("sources", [])
        ],
        "authors": content.get("authors", []),
        "actors": actors,
        "role_bounds": any(role["bound"] for a in actors for role in a["roles"]),
        "organisations": content.get("organisations", []),
        "events": sorted(
            (_timeline_entry(e) for e in content.get("events", [])),
            key=lambda e: (e["date"], e["title"]),  # a revised date moves its event
        ),
        "tags": content.get("tags", []),
        "cover": cover,
        "cover_sizes": "(min-width: 74rem) 70rem, 100vw",
        "canonical_url": canonical,
        "og_image": absolute(cover["srcset"][-1]["url"]) if cover else "",
        "published_on": publication.first_published_at,
        "updated_on": updated_on(publication),
        "corrections": corrections_of(publication),
        "json_ld": json_ld(publication),
        "citation": _citation(publication),
    }
    # Both templates escape what they show.
    return Article(
        mark_safe(render_to_string(HEAD_TEMPLATE, context)),
        mark_safe(render_to_string(ARTICLE_TEMPLATE, context)),
    )


def fingerprint() -> str:
    """What the stored article depends on besides the publication, as one hash."""
    return _fingerprint(settings.SITE_URL, settings.SITE_NAME)


@functools.cache
def _fingerprint(site_url: str, site_name: str) -> str:
    digest = hashlib.sha256()
    for name in (HEAD_TEMPLATE, ARTICLE_TEMPLATE):
        digest.update(get_template(name).template.source.encode() + b"\0")
    digest.update(Path(__file__).read_bytes())
    digest.update(f"\0{site_url}\0{site_name}".encode())
    return digest.hexdigest()


def updated_on(publication: Publication) -> datetime.datetime | None:
    """The "Updated on" date readers see (set at publish by
    `briefs.publishing.corrections.prepare`): None for the first version, and kept
    from the previous version by a minor edit."""
    return publication.updated_on


def corrections_of(publication: Publication) -> list[dict]:
    """The brief's corrections up to this version, newest first, with their dates."""
    return [
        {"date": datetime.datetime.fromisoformat(c["date"]), "text": c["text"]}
        for c in publication.corrections or []
    ]


def absolute(path: str) -> str:
    """The canonical address of a path on this site."""
    return settings.SITE_URL.rstrip("/") + path


def json_ld(publication: Publication) -> SafeString:
    """schema.org NewsArticle, safe inside <script>: no "<", ">" or "&" survive."""
    content = publication.content or {}
    canonical = absolute(publication.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": publication.title[:110],
        "description": publication.summary,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "author": [
            {
                "@type": "Person",
                "name": a["name"],
                "url": absolute(a["url"]),
            }
            for a in content.get("authors", [])
        ],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")},
        "keywords": [t["name"] for t in content.get("tags", [])],
        "about": [o["name"] for o in content.get("organisations", [])],
    }
    if publication.first_published_at:
        data["datePublished"] = publication.first_published_at.isoformat()
    if publication.go_live_at:
        data["dateModified"] = publication.go_live_at.isoformat()
    if publication.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c["text"], "datePublished": c["date"]}
            for c in publication.corrections
        ]
    cover = content.get("cover")
    if cover:
        data["image"] = [absolute(f["url"]) for f in cover["srcset"]]
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # escaped above: no tag or entity can start inside it


def _iso_date(value: str | None) -> str:
    return format_date(datetime.date.fromisoformat(value)) if value else ""


def _timeline_entry(event: dict) -> dict:
    """An event of the frozen content with the lines the timeline shows: the current
    facts, and what it said at publication if they were revised since."""
    shown = facts.shown(event, timeline.fact_lines)
    lines = timeline.fact_lines(shown.current)
    return {
        "title": event["title"],
        "url": event["url"],
        "date": shown.current["date"],
        "date_display": lines["Date"],
        "where": lines["Place"],
        "casualties": lines["Casualties"],
        "claim_line": lines["Claim"],
        "revised_on": shown.on,
        "at_publication": "; ".join(
            value or timeline.NOT_GIVEN[label] for label, value in shown.published.items()
        ),
    }


def _people_entry(person: dict) -> dict:
    """A person of the frozen content with the roles the panel shows: the current
    ones, and what it said at publication if they were revised since."""
    shown = facts.shown(people.normalised(person), people.fact_lines)
    current = people.normalised(shown.current)
    return {
        "name": person["name"],
        "url": person["url"],
        "roles": current["roles"],
        "former": current.get("former", False),
        "more": current.get("more", 0),
        "revised_on": shown.on,
        "at_publication": shown.published.get("Roles") or "no role given",
    }


def _citation(publication: Publication) -> str:
    """How to cite the brief: authors, title, publisher, date, address."""
    names = [a["name"] for a in (publication.content or {}).get("authors", [])]
    authors = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    parts = [
        authors,
        f"“{publication.title}”",
        settings.SITE_NAME,
        format_date(publication.date),
        absolute(publication.get_absolute_url()),
    ]
    return ", ".join(p for p in parts if p) + "."
