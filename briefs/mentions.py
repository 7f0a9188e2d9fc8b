"""The registry's names in a brief: found, told apart, resolved by a person, linked.

One path for the importer, the admin's "Names in the text" panel and the published
page: the section bodies rendered to HTML (`markdown.render_markdown`), read as text
(`markdown.flatten`: tags left out, so emphasis or a link inside a name does not
break it), and searched once with the registry's `actors.matching.Matcher`.

An ambiguous mention (its alias says so, or two entities share the name) is never
linked by itself. Its `Mention.id` is the name with the words around it, so the
analyst's choice stays with that mention when text elsewhere changes, and lapses
(unresolved again: not linked, a warning before publishing) when the words around
it change. Choices are kept on the brief (`Brief.mention_choices`), so the brief's
history, compare and restore carry them.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from actors.matching import ACTOR, BREAK, ORGANISATION, Matcher, Ref, key
from briefs.publishing.markdown import Flat, flatten, render_markdown, wrap_links

NOT_A_MENTION = "none"
CONTEXT = 60  # characters shown on each side of a mention
_ID_WORDS = 3  # words on each side that identify a mention


@dataclass(frozen=True)
class Mention:
    fragment: int  # which section
    start: int  # offsets in the fragment's flat text
    end: int
    text: str  # as written
    refs: tuple[Ref, ...]  # every entity the name may mean
    ambiguous: bool
    id: str
    before: str  # the text around it, for the analyst
    after: str

    @property
    def ref(self) -> Ref | None:
        return None if self.ambiguous else self.refs[0]


def ref_id(ref: Ref) -> str:
    return f"{ref[0]}:{ref[1]}"


def parse_ref(value: str) -> Ref | None:
    """ "organisation:5" -> ("organisation", 5); anything else -> None."""
    kind, _, pk = str(value).partition(":")
    if kind in (ORGANISATION, ACTOR) and pk.isdigit():
        return (kind, int(pk))
    return None


def flats(bodies: list[str]) -> list[Flat]:
    """Section bodies (Markdown) as the text names are looked for in."""
    return [flatten(render_markdown(body)) for body in bodies]


def find(fragments: list[Flat], matcher: Matcher) -> list[Mention]:
    """Every mention in the fragments, in order: one pass over all of them."""
    texts = [f.text for f in fragments]
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(BREAK)
    seen: Counter = Counter()
    mentions = []
    for match in matcher.find(BREAK.join(texts)):
        index = bisect.bisect_right(starts, match.start) - 1
        text = texts[index]
        start, end = match.start - starts[index], match.end - starts[index]
        before = text[max(0, start - CONTEXT) : start].rsplit(BREAK, 1)[-1]
        after = text[end : end + CONTEXT].split(BREAK, 1)[0]
        words = (
            " ".join(key(before).split()[-_ID_WORDS:]),
            " ".join(key(after).split()[:_ID_WORDS]),
        )
        base = f"{match.key}|{words[0]}|{words[1]}"
        seen[base] += 1
        mentions.append(
            Mention(
                fragment=index,
                start=start,
                end=end,
                text=text[start:end],
                refs=match.refs,
                ambiguous=match.ambiguous,
                id=base if seen[base] == 1 else f"{base}#{seen[base]}",
                before=" ".join(before.split()),
                after=" ".join(after.split()),
            )
        )
    return mentions


def meaning(mention: Mention, choices: dict) -> Ref | None:
    """The entity a mention stands for: its own if unambiguous, else as chosen."""
    if not mention.ambiguous:
        return mention.ref
    return parse_ref(choices.get(mention.id, ""))


def unresolved(mentions: list[Mention], choices: dict) -> list[Mention]:
    """Ambiguous mentions nobody has decided on yet."""
    return [
        m
        for m in mentions
        if m.ambiguous
        and choices.get(m.id) != NOT_A_MENTION
        and parse_ref(choices.get(m.id, "")) is None
    ]


def link(htmls: list[str], matcher: Matcher, urls: dict[Ref, str], choices: dict) -> list[str]:
    """The sections' HTML with the first mention of each linked entity linked.

    `urls` are the entities linked to the brief. A mention counts when it is
    unambiguous or was resolved to that entity, and is in running text outside a
    link; a mention of any other registry entity still takes its words, so
    "Taliban" inside "Tehrik-e-Taliban" is never the Afghan Taliban.
    """
    fragments = [flatten(html) for html in htmls]
    spans: list[list[tuple[int, int, str]]] = [[] for _ in fragments]
    done: set[Ref] = set()
    for mention in find(fragments, matcher):
        ref = meaning(mention, choices)
        if ref is None or ref in done or ref not in urls:
            continue
        if 0 in fragments[mention.fragment].linkable[mention.start : mention.end]:
            continue  # inside a link the author made
        done.add(ref)
        spans[mention.fragment].append((mention.start, mention.end, urls[ref]))
    return [
        wrap_links(flat, found) if found else html
        for flat, found, html in zip(fragments, spans, htmls, strict=True)
    ]


# -- names the registry does not know -----------------------------------------------

_CAPITALISED = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’]*(?:-[\w]+)*)"
    r"(?:(?:\s+|\s+(?:of|the|al|ul|ud|bin|ibn|e|i|de|wal)\s+)[A-Z][\w'’]*(?:-[\w]+)*)+"
    r"|(?<![\w-])[A-Z]{2,6}(?![\w-])"
)
_ARABIC_SCRIPT = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+"
    r"(?:[\s\u200c]+[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+){0,4}"
)
# Words that make a capitalised run a title, a date or a sentence start, not a name.
_NOT_NAMES = set(
    """the a an on in at of it he she they his her their this that these those and but
    mr mrs ms dr lt gen col maj capt mullah mawlawi mufti minister prime deputy foreign
    defence defense interior secretary general director president chief spokesperson
    special representative ambassador governor senator leader commander emir amir
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)


def unknown_names(fragments: list[Flat], mentions: list[Mention]) -> list[str]:
    """Runs of capitalised words, abbreviations, and Arabic-script (Urdu, Pashto) words
    that no registry name covers, each once, in order of appearance.

    A heuristic that errs towards showing: leading titles ("Prime Minister") and a
    leading "The" are left off; runs of titles, dates and pronouns only are dropped.
    """
    covered: list[set[int]] = [set() for _ in fragments]
    for m in mentions:
        covered[m.fragment].update(range(m.start, m.end))
    found: dict[str, None] = {}
    for index, flat in enumerate(fragments):
        text = flat.text
        for pattern in (_CAPITALISED, _ARABIC_SCRIPT):
            for match in pattern.finditer(text):
                if covered[index] & set(range(match.start(), match.end())):
                    continue
                words = match.group().split()
                while words and words[0].casefold().strip("'’") in _NOT_NAMES:
                    words.pop(0)
                if not words or all(w.casefold() in _NOT_NAMES for w in words):
                    continue
                name = " ".join(words)
                if pattern is _CAPITALISED and len(words) == 1 and not name.isupper():
                    continue
                found.setdefault(name, None)
    return list(found)
