"""The one matcher of registry names in text: the importer, the admin and the renderer.

Text and names are normalised the same way (`normalise`): NFKC compatibility forms,
case folded, Latin diacritics and Arabic harakat dropped, Arabic-script letter
variants unified (yeh, kaf, heh, alef; tatweel dropped), zero-width characters,
soft hyphens and direction marks ignored, and inside a name any dash or hyphen and
any run of white space equivalent. A name written in capitals only ("TTP", "IS-K")
matches only text in capitals.

At a match's edges a hyphen joins words: a name never matches inside a longer word
or a hyphenated compound ("Taliban" is not in "Tehrik-e-Taliban", "anti-Taliban" or
"Taliban-led"), while an apostrophe ends it ("TTP's"). Where matches overlap the
longest wins. `Matcher.find` costs one pass over the text with an Aho-Corasick
automaton (pyahocorasick), whatever the number of names; matches are returned in
the original text's offsets, so callers wrap the characters as written.

A name is *ambiguous* when its alias says so or when two entities share it: it is
found like any other, with every entity it may mean, and never linked by itself.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

# What a name points at: ("organisation", pk) or ("actor", pk).
Ref = tuple[str, int]

# A break that no name crosses: between paragraphs, sections, table cells.
BREAK = "\u2029"
_SEPARATOR = " "
_HYPHENS = frozenset("-\u2010\u2011")  # join words at a match's edges; dashes do not
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02b9": "'", "`": "'"}
_ARABIC = {
    # yeh: Arabic yeh and alef maksura written for Farsi/Urdu yeh
    "\u064a": "\u06cc",
    "\u0649": "\u06cc",
    # kaf: Arabic kaf and swash kaf for keheh
    "\u0643": "\u06a9",
    "\u06aa": "\u06a9",
    # heh: heh goal, do-chashmi heh, ae and the hamza forms for Arabic heh
    "\u06c1": "\u0647",
    "\u06be": "\u0647",
    "\u06d5": "\u0647",
    "\u06c0": "\u0647",
    "\u06c2": "\u0647",
    # alef: wasla and wavy-hamza forms (madda and hamza forms decompose to alef)
    "\u0671": "\u0627",
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0640": "",  # tatweel
}
# Latin letters with no Unicode decomposition.
_LATIN = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe"}
_MARK_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
    (0x0610, 0x061A),  # Arabic marks and harakat
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
)


def _is_dropped_mark(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _MARK_RANGES)


def _fold_char(char: str) -> str:
    """One character as the matcher sees it: "" (ignored), SEP, "-" (hyphen) or letters."""
    if char == BREAK:
        return BREAK
    if char in _HYPHENS:
        return "-"
    if char.isspace() or unicodedata.category(char) == "Pd" or char == "\u2212":
        return _SEPARATOR
    if unicodedata.category(char) == "Cf":  # zero-width, soft hyphen, direction marks
        return ""
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if _is_dropped_mark(part):
            continue
        part = _ARABIC.get(part, part)
        for folded in part.casefold():
            folded = _LATIN.get(folded, folded)
            out.extend(c for c in unicodedata.normalize("NFKD", folded) if not _is_dropped_mark(c))
    text = "".join(_APOSTROPHES.get(c, c) for c in out)
    # A compatibility form can stand for a space or a dash ("\u2003", "\ufe63").
    if text and all(c.isspace() for c in text):
        return _SEPARATOR
    return text


_FOLDED: dict[str, str] = {}


def _fold(char: str) -> str:
    folded = _FOLDED.get(char)
    if folded is None:
        folded = _FOLDED[char] = _fold_char(char)
    return folded


@dataclass(frozen=True)
class Normalised:
    """Normalised text, with where each of its characters came from.

    `text` has one space for every run of separators; `joined[i]` is 1 when the run
    at `i` held a hyphen. `start[i]` is the original offset of character i, `end[i]`
    the original offset just after it.
    """

    text: str
    joined: bytes
    start: list[int]
    end: list[int]


def normalise(text: str) -> Normalised:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    joined = bytearray()
    fold = _FOLDED.get
    in_run = False
    for i, char in enumerate(text):
        folded = fold(char)
        if folded is None:
            folded = _fold(char)
        if not folded:
            if ends and not in_run:
                ends[-1] = i + 1  # a mark or zero-width character belongs to the letter before
            continue
        if folded == _SEPARATOR or folded == "-":
            if in_run:
                ends[-1] = i + 1
                if folded == "-":
                    joined[-1] = 1
                continue
            in_run = True
            out.append(_SEPARATOR)
            starts.append(i)
            ends.append(i + 1)
            joined.append(folded == "-")
            continue
        in_run = False
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
            joined.append(0)
    return Normalised("".join(out), bytes(joined), starts, ends)


def key(name: str) -> str:
    """A name as it is matched: normalised, without separators at either end."""
    return normalise(name).text.replace(BREAK, _SEPARATOR).strip(_SEPARATOR)


def is_abbreviation(name: str) -> bool:
    """Written in capitals only: "TTP", "IS-K" (such names match only in capitals)."""
    return any(c.isupper() for c in name) and not any(c.islower() for c in name)


@dataclass(frozen=True)
class Name:
    """One name of one entity, as the registry holds it."""

    text: str
    ref: Ref
    ambiguous: bool = False


@dataclass
class _Key:
    refs: list[Ref] = field(default_factory=list)
    exact: set[Ref] = field(default_factory=set)  # refs whose spelling is in capitals
    ambiguous: bool = False


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the original text
    end: int
    key: str  # the normalised name
    refs: tuple[Ref, ...]  # every entity it may mean
    ambiguous: bool

    @property
    def ref(self) -> Ref | None:
        """The one entity meant, or None for an ambiguous mention."""
        return None if self.ambiguous else self.refs[0]


class Matcher:
    """Finds the names of a registry in texts. Build once, use on many texts."""

    def __init__(self, names: Iterable[Name]):
        keys: dict[str, _Key] = {}
        for name in names:
            k = key(name.text)
            if len(k) < 2:
                continue
            entry = keys.setdefault(k, _Key())
            if name.ref not in entry.refs:
                entry.refs.append(name.ref)
            if is_abbreviation(name.text):
                entry.exact.add(name.ref)
            entry.ambiguous |= name.ambiguous
        self.keys = keys
        self._automaton = None
        if keys:
            automaton = ahocorasick.Automaton()
            for k in keys:
                automaton.add_word(k, k)
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[Match]:
        """Every mention in `text`, in order, none overlapping; the longest wins."""
        if self._automaton is None or not text:
            return []
        norm = normalise(text)
        folded, joined = norm.text, norm.joined
        size = len(folded)
        candidates = []
        for last, k in self._automaton.iter(folded):
            start, end = last - len(k) + 1, last + 1
            if not (_edge(folded, joined, start - 1) and _edge(folded, joined, end)):
                continue
            candidates.append((start, end, k))
        taken = bytearray(size)
        chosen = []
        # Longest first; among equals, leftmost first.
        for start, end, k in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if taken.find(1, start, end) != -1:
                continue
            match = self._match(text, norm, start, end, k)
            if match is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _match(self, text, norm, start, end, k) -> Match | None:
        entry = self.keys[k]
        first, last = norm.start[start], norm.end[end - 1]
        refs = entry.refs
        if entry.exact and any(c.islower() for c in text[first:last]):
            refs = [r for r in refs if r not in entry.exact]
            if not refs:
                return None
        return Match(first, last, k, tuple(refs), entry.ambiguous or len(refs) > 1)


def _edge(folded: str, joined: bytes, i: int) -> bool:
    """True when position i (just outside a match) does not continue the word."""
    if i < 0 or i >= len(folded):
        return True
    char = folded[i]
    if char == _SEPARATOR:
        return not joined[i]
    return not char.isalnum()


ORGANISATION, ACTOR = "organisation", "actor"


def registry_names() -> list[Name]:
    """Every name in the registry: organisations' names and abbreviations, people's
    names, and every alias, with its ambiguous flag. Three queries."""
    from actors.models import Actor, Alias, Organisation

    names = []
    for pk, name, abbreviation in Organisation.objects.values_list("pk", "name", "abbreviation"):
        names += [Name(n, (ORGANISATION, pk)) for n in (name, abbreviation) if n]
    names += [Name(n, (ACTOR, pk)) for pk, n in Actor.objects.values_list("pk", "name")]
    for organisation, actor, text, ambiguous in Alias.objects.values_list(
        "organisation_id", "actor_id", "text", "ambiguous"
    ):
        ref = (ORGANISATION, organisation) if organisation else (ACTOR, actor)
        names.append(Name(text, ref, ambiguous))
    return names


def registry_matcher() -> Matcher:
    return Matcher(registry_names())
