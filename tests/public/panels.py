"""The brief page's people panel and timeline as a reader reads them: text, by item."""

import re
from html.parser import HTMLParser

# The classes whose text a test reads, inside each item of a panel.
PARTS = {
    "people__name",
    "people__role",
    "people__more",
    "timeline__date",
    "timeline__title",
    "timeline__detail",
}


class _Panels(HTMLParser):
    def __init__(self):
        super().__init__()
        self.panels: dict[str, list[dict[str, list[str]]]] = {"people": [], "timeline": []}
        self._panel: str | None = None
        self._stack: list[tuple[str, set[str]]] = []
        self._open: list[tuple[int, str, list[str]]] = []  # depth, part, text

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "ul" and "people" in classes:
            self._panel = "people"
        elif tag == "ol" and "timeline" in classes:
            self._panel = "timeline"
        elif self._panel and tag == "li" and len(self._stack) == self._list_depth:
            self.panels[self._panel].append({})
        self._stack.append((tag, classes))
        if self._panel and self.panels[self._panel]:
            for part in sorted(classes & (PARTS | {"revised"})):
                self._open.append((len(self._stack), part, []))

    def handle_endtag(self, tag):
        if not self._stack:
            return
        depth = len(self._stack)
        while self._open and self._open[-1][0] == depth:
            _, part, text = self._open.pop()
            item = self.panels[self._panel][-1]
            item.setdefault(part, []).append(re.sub(r"\s+", " ", "".join(text)).strip())
        opened, classes = self._stack.pop()
        if opened in {"ul", "ol"} and classes & {"people", "timeline"}:
            self._panel = None

    def handle_data(self, data):
        for _, _, text in self._open:
            text.append(data)

    @property
    def _list_depth(self) -> int:
        for depth, (tag, classes) in enumerate(self._stack, start=1):
            if tag in {"ul", "ol"} and classes & {"people", "timeline"}:
                return depth
        return -1


def panels(html: str) -> dict[str, list[dict[str, list[str]]]]:
    parser = _Panels()
    parser.feed(html)
    return parser.panels


def person(html: str, name: str) -> dict[str, list[str]]:
    """One person of the people panel: their roles, "and N more", and any revision."""
    for item in panels(html)["people"]:
        if item.get("people__name") == [name]:
            return {
                "roles": item.get("people__role", []),
                "more": item.get("people__more", []),
                "revised": item.get("revised", []),
            }
    raise AssertionError(f"{name} is not in the people panel")


def event(html: str, title: str) -> dict[str, list[str]]:
    """One event of the timeline: its detail lines, and any revision."""
    for item in panels(html)["timeline"]:
        if item.get("timeline__title") == [title]:
            revised = item.get("revised", [])
            return {
                "date": item.get("timeline__date", []),
                "details": [d for d in item.get("timeline__detail", []) if d not in revised],
                "revised": revised,
            }
    raise AssertionError(f"{title} is not in the timeline")
