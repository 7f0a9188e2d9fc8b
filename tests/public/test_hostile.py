"""Whatever an author, an editor or a reader types, the page runs none of it."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from briefs.publishing.markdown import render_markdown
from tests.factories import ActorFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

HOSTILE_MARKDOWN = "\n\n".join(
    [
        "Before <script>alert('s')</script> after.",
        "<img src=x onerror=alert('i')>",
        '<iframe src="https://evil.example/"></iframe>',
        "<a href=\"javascript:alert('a')\">raw link</a>",
        "[js](javascript:alert('j')) [JS](JaVaScRiPt:alert('J')) [tab](java\tscript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![pic](https://evil.example/x.png \"t\") ![js](javascript:alert('p'))",
        "<javascript:alert('auto')> <data:text/html,hi>",
        '[title](https://ok.example/ "x\\" onmouseover=\\"alert(\'t\')")',
        "<div onclick=\"alert('d')\">raw block</div>",
        "<svg onload=alert('v')></svg> <style>body{display:none}</style>",
        "[ok](https://example.org/report) stays a link.",
    ]
)


class _Audit(HTMLParser):
    """Every element and attribute a browser would see, to find anything that runs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
            if attrs.get("type") != "application/ld+json":
                self.problems.append(f"<script {attrs}>")
        if tag in {"iframe", "object", "embed", "svg", "style", "base", "frame"}:
            self.problems.append(f"<{tag}>")
        if tag == "form" and attrs.get("action") not in {"/search/", "/briefs/"}:
            self.problems.append(f"<form action={attrs.get('action')}>")  # only the site's own
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in {"href", "src", "srcset", "action", "formaction", "xlink:href"}:
                squashed = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
                if squashed.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{tag} {name}={value}")


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


def test_render_markdown_leaves_nothing_that_runs():
    html = render_markdown(HOSTILE_MARKDOWN)
    assert audit(html).problems == []
    assert '<a href="https://example.org/report" rel="noopener noreferrer">ok</a>' in html
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently


def test_brief_page_with_hostile_markdown_runs_nothing(client, publish):
    brief = build_brief(title="Hostile body", sections=(("What happened?", HOSTILE_MARKDOWN),))
    publish(brief)
    response = client.get(f"/briefs/{brief.slug}/")
    assert response.status_code == 200
    result = audit(response.content.decode())
    assert result.problems == []
    assert len(result.scripts) == 1  # the JSON-LD, nothing else


HOSTILE_TITLE = '</script><script>alert("t")</script><b onmouseover=alert(1)>Kabul & "co"'


def test_hostile_title_summary_names_and_tags_are_escaped_everywhere(client, publish, settings):
    actor = ActorFactory(name="<img src=x onerror=alert('actor')>")
    organisation = OrganisationFactory(
        name="\"><script>alert('org')</script>", aliases=["</a><script>alert('alias')</script>"]
    )
    brief = build_brief(
        title=HOSTILE_TITLE,
        summary="<script>alert('summary')</script> & more",
        sections=(
            (
                "<script>alert('heading')</script>",
                "Mentions <img src=x onerror=alert('actor')> in the text.",
            ),
        ),
        tags=("<svg onload=alert('tag')>",),
        actors=[actor],
        organisations=[organisation],
    )
    brief.cover_alt = "\" onerror=\"alert('alt')"
    brief.save()
    publication = publish(brief)
    pages = [
        f"/briefs/{publication.slug}/",
        "/",
        "/briefs/",
        actor.get_absolute_url(),
        organisation.get_absolute_url(),
        f"/tags/{publication.tags.get().slug}/",
        "/search/?q=kabul",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert audit(html).problems == [], url
        assert "<script>alert" not in html, url
    html = client.get(f"/briefs/{publication.slug}/").content.decode()
    escaped = "&lt;/script&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;"
    assert f'<h1 class="brief__title">{escaped}' in html
    assert f'<meta property="og:title" content="{escaped}' in html
    assert f"<title>{escaped}" in html


def test_json_ld_cannot_break_out_of_its_script(client, publish):
    brief = build_brief(title=HOSTILE_TITLE, summary="</script><!-- <script> & -->")
    publish(brief)
    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["headline"] == HOSTILE_TITLE  # escaped for HTML, intact for a reader of JSON
    assert data["description"] == "</script><!-- <script> & -->"


def test_hostile_search_terms_are_escaped(client, live_brief):
    response = client.get("/search/", {"q": "<script>alert('q')</script> \"><img src=x onerror=1>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert audit(html).problems == []
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in html


def test_search_excerpt_escapes_the_text_and_marks_only_matches(client, publish):
    brief = build_brief(
        title="Excerpt test",
        sections=(
            ("What happened?", 'The route via "Peshawar" & Kabul <b onmouseover=x>was</b> shut.'),
        ),
    )
    publish(brief)
    html = client.get("/search/", {"q": "peshawar"}).content.decode()
    assert audit(html).problems == []
    excerpt = re.search(r'<p class="card__excerpt">(.*?)</p>', html, re.S)[1]
    assert "&quot;<mark>Peshawar</mark>&quot; &amp; Kabul" in excerpt
    assert re.sub(r"</?mark>", "", excerpt) == re.sub(r"<[^>]+>", "", excerpt)  # no other tags
    assert "onmouseover" not in excerpt


def test_hostile_titles_in_feeds_stay_text(client, publish):
    brief = build_brief(title=HOSTILE_TITLE, summary="<script>alert('feed')</script>")
    publish(brief)
    for url in ["/feeds/briefs/", "/feeds/briefs/atom/"]:
        root = ET.fromstring(client.get(url).content)  # well-formed XML
        titles = [e.text for e in root.iter() if e.tag.endswith("title")]
        assert HOSTILE_TITLE in titles, url
        descriptions = [
            e.text
            for e in root.iter()
            if e.tag.endswith("description") or e.tag.endswith("summary")
        ]
        # The description is HTML: its markup is escaped text, not elements.
        assert "&lt;script&gt;alert(&#x27;feed&#x27;)&lt;/script&gt;" in descriptions, url
