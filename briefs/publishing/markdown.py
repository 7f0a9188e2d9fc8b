"""Section bodies: Markdown in, safe HTML out.

markdown-it-py renders (raw HTML in the source is not passed through) and nh3
sanitises what comes out, so that no script, event handler, `javascript:` or
`data:` URL or iframe survives, whatever an author types. `flatten` gives the text
of a rendered fragment to look for names in (`briefs.mentions`), and `wrap_links`
links what was found, around the characters as written.
"""

from dataclasses import dataclass, field
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

# Text inside these is never linked: a link in a link is invalid, and code and
# headings should read exactly as written.
_NO_LINKS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
# Text inside these is not read for names at all.
_NOT_READ = _NO_LINKS - {"a"}
# These end a name: no name runs from one paragraph, item or cell into the next.
_BLOCKS = {
    "p", "li", "ul", "ol", "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th",
    "hr", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
# What stands in the flat text for a block boundary and for <br>.
PARAGRAPH_BREAK, LINE_BREAK = "\u2029", "\n"


@dataclass
class Flat:
    """A sanitised HTML fragment as text to look for names in, and the way back.

    `text` is the fragment's characters in order, tags left out (so emphasis or a
    link inside a name does not break it), with a paragraph break at block
    boundaries and nothing from code or headings. `linkable[i]` is 0 where
    character i is inside a link already. `tokens` are the fragment's tags and texts;
    `offsets[k]` is where text token k starts in `text` (-1 for a tag or unread text).
    """

    tokens: list[tuple[str, str]] = field(default_factory=list)  # ("tag" | "text", value)
    offsets: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    linkable: bytearray = field(default_factory=bytearray)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def _add(self, text: str, *, linkable: bool) -> None:
        self.parts.append(text)
        self.linkable.extend((b"\x01" if linkable else b"\x00") * len(text))


def flatten(html: str) -> Flat:
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return parser.flat


def wrap_links(flat: Flat, spans: list[tuple[int, int, str]]) -> str:
    """The fragment again, with each (start, end, url) of its flat text made a link.

    A span that crosses tags (`Tehrik-e-<em>Taliban</em> Pakistan`) becomes one link
    when the tags it crosses are balanced inside it or can be taken in whole; else it
    is linked piece by piece, each piece a link to the same page.
    """
    inserts: dict[tuple[int, int], list[str]] = {}  # (token, offset in token) -> markup

    def put(token: int, offset: int, markup: str) -> None:
        inserts.setdefault((token, offset), []).append(markup)

    texts = [
        k for k, (kind, _) in enumerate(flat.tokens) if kind == "text" and flat.offsets[k] >= 0
    ]
    for start, end, url in spans:
        inside = [
            k
            for k in texts
            if flat.offsets[k] < end and flat.offsets[k] + len(flat.tokens[k][1]) > start
        ]
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        open_at = (first, start - flat.offsets[first])
        close_at = (last, end - flat.offsets[last])
        open_at, close_at = _balanced(flat, open_at, close_at)
        opening = f'<a href="{escape(url)}" class="mention">'
        if open_at is not None:
            put(*open_at, opening)
            put(*close_at, "</a>")
            continue
        for k in inside:  # piece by piece
            size = len(flat.tokens[k][1])
            put(k, max(start - flat.offsets[k], 0), opening)
            put(k, min(end - flat.offsets[k], size), "</a>")
    out = []
    for k, (kind, value) in enumerate([*flat.tokens, ("tag", "")]):
        if kind == "tag":
            out.extend(inserts.get((k, 0), []))
            out.append(value)
            continue
        cuts = sorted({offset for (token, offset) in inserts if token == k} | {0, len(value)})
        for a, b in zip(cuts, cuts[1:] + [None], strict=True):
            # Closing markup before opening markup at the same place.
            out.extend(sorted(inserts.get((k, a), []), key=lambda m: not m.startswith("</")))
            if b is not None:
                out.append(escape(value[a:b], quote=False))
    return "".join(out)


def _balanced(flat: Flat, open_at, close_at):
    """Where one link can open and close around a span, or (None, None).

    The tags between the span's ends must pair up; an element the span starts at
    the beginning of (or ends at the end of) is taken in whole.
    """
    first, last = open_at[0], close_at[0]
    stack, unopened = [], 0
    for kind, value in flat.tokens[first + 1 : last]:
        if kind != "tag" or _is_void(value):
            continue
        if value.startswith("</"):
            if stack:
                stack.pop()
            else:
                unopened += 1
        else:
            stack.append(value)
    unclosed = len(stack)
    if unopened:
        before = flat.tokens[first - unopened : first]
        if open_at[1] != 0 or first < unopened or not all(_is_open(t) for t in before):
            return None, None
        open_at = (first - unopened, 0)
    if unclosed:
        after = flat.tokens[last + 1 : last + 1 + unclosed]
        if (
            close_at[1] != len(flat.tokens[last][1])
            or len(after) < unclosed
            or not all(_is_close(t) for t in after)
        ):
            return None, None
        close_at = (last + 1 + unclosed, 0)  # before the token after them (or at the end)
    return open_at, close_at


def _is_void(markup: str) -> bool:
    return markup.endswith("/>") or markup.startswith(("<br", "<hr"))


def _is_open(token) -> bool:
    return token[0] == "tag" and not token[1].startswith("</") and not _is_void(token[1])


def _is_close(token) -> bool:
    return token[0] == "tag" and token[1].startswith("</")


class _Flattener(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.flat = Flat()
        self.in_link = 0
        self.not_read = 0

    def _tag(self, markup: str) -> None:
        self.flat.tokens.append(("tag", markup))
        self.flat.offsets.append(-1)

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.flat._add(PARAGRAPH_BREAK, linkable=False)
        elif tag == "br":
            self.flat._add(LINE_BREAK, linkable=False)
        self._tag(self.get_starttag_text())
        self.in_link += tag == "a"
        self.not_read += tag in _NOT_READ

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.flat._add(PARAGRAPH_BREAK, linkable=False)
        elif tag == "br":
            self.flat._add(LINE_BREAK, linkable=False)
        self._tag(self.get_starttag_text())

    def handle_endtag(self, tag):
        self._tag(f"</{tag}>")
        if tag == "a" and self.in_link:
            self.in_link -= 1
        if tag in _NOT_READ and self.not_read:
            self.not_read -= 1
        if tag in _BLOCKS:
            self.flat._add(PARAGRAPH_BREAK, linkable=False)

    def handle_data(self, data):
        self.flat.tokens.append(("text", data))
        if self.not_read:
            self.flat.offsets.append(-1)
            return
        self.flat.offsets.append(len(self.flat.linkable))
        self.flat._add(data, linkable=not self.in_link)


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
