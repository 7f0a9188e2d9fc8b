"""Section bodies: Markdown in, safe HTML out.

markdown-it-py renders (raw HTML in the source is not passed through) and nh3
sanitises what comes out, so that no script, event handler, `javascript:` or
`data:` URL or iframe survives, whatever an author types. `link_mentions` then links
the first mention of each actor and organisation a brief is linked to.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str) -> str:
    """Safe HTML for a section body."""
    return sanitise(_markdown.render(text or ""))


# -- mentions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Mentionable:
    """An actor or organisation the brief is linked to: the names it goes by, its page."""

    names: tuple[str, ...]
    url: str


# Text inside these is never linked: a link in a link is invalid, and code and
# headings should read exactly as written.
_NO_MENTIONS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


def link_mentions(fragments: list[str], entities: list[Mentionable]) -> list[str]:
    """Link the first mention of each entity, across the fragments in order.

    `fragments` are sanitised HTML (the rendered sections of one brief). A mention is
    a whole-word occurrence of a name or alias in running text, outside links, code
    and headings. Names are matched regardless of case, except names written in
    capitals (abbreviations such as TTP or IS-K), which must match exactly. A name
    that more than one entity goes by is ambiguous and links nothing.
    """
    pattern, lookup = _mention_pattern(entities)
    if pattern is None:
        return list(fragments)
    linked: set[str] = set()
    out = []
    for fragment in fragments:
        linker = _MentionLinker(pattern, lookup, linked)
        linker.feed(fragment)
        linker.close()
        out.append("".join(linker.out))
    return out


def _is_abbreviation(name: str) -> bool:
    return name.upper() == name


def _key(name: str, *, exact: bool) -> str:
    return " ".join(name.split()) if exact else " ".join(name.casefold().split())


def _mention_pattern(entities: list[Mentionable]):
    owners: dict[tuple[bool, str], set[str]] = {}
    for entity in entities:
        for name in entity.names:
            name = " ".join(name.split())
            if len(name) < 2:
                continue
            exact = _is_abbreviation(name)
            owners.setdefault((exact, _key(name, exact=exact)), set()).add(entity.url)
    lookup = {key: next(iter(urls)) for key, urls in owners.items() if len(urls) == 1}
    if not lookup:
        return None, {}
    alternatives = []
    for exact, key in sorted(lookup, key=lambda k: -len(k[1])):
        body = r"\s+".join(re.escape(word) for word in key.split(" "))
        alternatives.append(body if exact else f"(?i:{body})")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"), lookup


class _MentionLinker(HTMLParser):
    def __init__(self, pattern, lookup, linked: set[str]):
        super().__init__(convert_charrefs=True)
        self.pattern, self.lookup, self.linked = pattern, lookup, linked
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in _NO_MENTIONS:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in _NO_MENTIONS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if self.skipping:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in self.pattern.finditer(data):
            self.out.append(escape(data[position : match.start()], quote=False))
            self.out.append(self._mention(match.group()))
            position = match.end()
        self.out.append(escape(data[position:], quote=False))

    def _mention(self, text: str) -> str:
        words = " ".join(text.split())
        url = self.lookup.get((True, _key(words, exact=True))) or self.lookup.get(
            (False, _key(words, exact=False))
        )
        if url is None or url in self.linked:
            return escape(text, quote=False)
        self.linked.add(url)
        return f'<a href="{escape(url)}" class="mention">{escape(text, quote=False)}</a>'


# -- plain text ----------------------------------------------------------------------


def plain_text(html: str) -> str:
    """The text of an HTML fragment, for search excerpts: no tags, entities decoded."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())


class _TextCollector(HTMLParser):
    # Block elements end a word even when the HTML has no whitespace between them.
    _BREAKS = {"p", "br", "li", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)
