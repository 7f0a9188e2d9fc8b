"""Bringing plain-text archive briefs in as drafts.

The archive format: a heading alone on its line ("What happened?", "Background",
"Assessment", in any letter case, with or without a trailing colon or question
mark), blank lines between paragraphs, and the old site's disclaimer and copyright
lines at the end. `read_text` and `parse` turn a file into a `ParsedBrief` without
touching the database; `find_mentions` says which known organisations, people and
events it names (with `briefs.mentions`, the code the admin and the published page
use); `save` writes the draft in one transaction, as one revision. A text imported
before is recognised by its digest and skipped unless asked to import it again.

Every problem with a file is an `ImportFailed` whose message is the reason, written
for the person running the import.
"""

import dataclasses
import datetime
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone

from actors.dates import Precision
from actors.matching import ACTOR, ORGANISATION, Matcher, Name, registry_matcher
from actors.models import Actor, Event, Organisation
from briefs import mentions
from briefs.models import (
    BRIEF_BODY_MAX,
    SECTION_BODY_MAX,
    STANDARD_HEADINGS,
    Brief,
    BriefActor,
    BriefEvent,
    BriefOrganisation,
    Section,
)
from briefs.publishing import editing

TITLE_LENGTH = 90  # a working title: long enough to recognise, short enough to list
SUMMARY_LENGTH = 400
TITLE_MAX = Brief._meta.get_field("title").max_length


class ImportFailed(Exception):
    """The file cannot be imported; the message says why."""


@dataclass(frozen=True)
class ParsedSection:
    heading: str
    body: str  # Markdown: paragraphs separated by blank lines

    @property
    def words(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class ParsedBrief:
    title: str
    summary: str
    date: datetime.date
    sections: list[ParsedSection]


@dataclass
class Mentions:
    organisations: list[Organisation] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # ambiguous names, as written
    events: list[Event] = field(default_factory=list)


# Reading ---------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, from UTF-8 with or without a byte-order mark, with LF line ends."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed("no such file") from None
    except IsADirectoryError:
        raise ImportFailed("is a directory, not a file") from None
    except OSError as exc:
        raise ImportFailed(f"cannot be read ({exc.strerror})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed("is UTF-16 text; save it as UTF-8 and import again")
    if b"\x00" in data:
        raise ImportFailed("is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as UTF-8 and import again"
        ) from None
    control = re.search(r"[\x01-\x08\x0e-\x1f\x7f]", text)
    if control:
        raise ImportFailed("is a binary file, not text")
    # A byte-order mark can also sit mid-file where files were joined.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise ImportFailed("is empty")
    return text


# Parsing ---------------------------------------------------------------------------

_HEADINGS = {h.rstrip("?").casefold(): h for h in STANDARD_HEADINGS}
_DISCLAIMER = re.compile(r"^\*?\s*the viewpoints expressed\b", re.IGNORECASE)
# "© 2019 All Rights Reserved", "Copyright (c) 2019 TAP", "Copyright 2019", "... All
# rights reserved." A sentence that merely starts with "Copyright" is not one.
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))|^copyright\s+\d{4}\b|all rights reserved\.?$",
    re.IGNORECASE,
)


def standard_heading(line: str) -> str | None:
    """The standard heading a line stands for, or None if it is not a heading."""
    key = line.strip().rstrip(":?").strip().casefold()
    return _HEADINGS.get(" ".join(key.split()))


def is_footer(line: str) -> bool:
    """The old site's disclaimer or copyright line; the site renders its own."""
    line = line.strip()
    return bool(_DISCLAIMER.match(line)) or (len(line) <= 120 and bool(_COPYRIGHT.search(line)))


def parse(text: str, *, name: str, today: datetime.date) -> ParsedBrief:
    """Split archive text into the standard sections; find a working title, summary, date.

    A single line before the first heading is taken as the title; more text there is
    refused rather than guessed at. Sections are stored in the standard order, whatever
    their order in the file.
    """
    preamble: list[str] = []
    found: dict[str, list[str]] = {}
    current: list[str] = preamble
    in_footer = False
    for number, raw in enumerate(text.split("\n"), start=1):
        heading = standard_heading(raw)
        if heading is not None:
            if heading in found:
                raise ImportFailed(f'has the heading "{heading}" twice (again on line {number})')
            current = found[heading] = []
            in_footer = False
        elif is_footer(raw) or (in_footer and raw.strip()):
            in_footer = True  # a footer wrapped over several lines runs to the next blank
        else:
            in_footer = False
            # Leading spaces would make an indented paragraph a Markdown code block.
            current.append(raw.strip())
    if not found:
        raise ImportFailed(
            "has no recognisable section (expected headings: " + ", ".join(STANDARD_HEADINGS) + ")"
        )
    preamble_lines = [line for line in preamble if line]
    if len(preamble_lines) > 1:
        raise ImportFailed(
            f"has {len(preamble_lines)} lines before the first heading; "
            "only a single title line may stand there"
        )
    sections = [
        ParsedSection(heading=h, body=_markdown(found[h]))
        for h in STANDARD_HEADINGS
        if h in found and _markdown(found[h])
    ]
    if not sections:
        raise ImportFailed("has headings but no text under them")
    for section in sections:
        if len(section.body) > SECTION_BODY_MAX:
            raise ImportFailed(
                f'has a section "{section.heading}" of {len(section.body):,} characters; '
                f"a section may have at most {SECTION_BODY_MAX:,}"
            )
    total = sum(len(section.body) for section in sections)
    if total > BRIEF_BODY_MAX:
        raise ImportFailed(
            f"has {total:,} characters in its sections; a brief may have at most {BRIEF_BODY_MAX:,}"
        )
    lead = next((s for s in sections if s.heading == STANDARD_HEADINGS[0]), sections[0])
    sentence = first_sentence(lead.body)
    date = find_date(sentence) or find_date(name) or today
    if preamble_lines:
        title = _trim(preamble_lines[0], TITLE_MAX)
    else:
        title = working_title(sentence)
    return ParsedBrief(
        title=title, summary=_trim(sentence, SUMMARY_LENGTH), date=date, sections=sections
    )


def _markdown(lines: list[str]) -> str:
    """Paragraphs (runs of non-blank lines) separated by one blank line."""
    paragraphs, paragraph = [], []
    for line in [*lines, ""]:
        if line:
            paragraph.append(line)
        elif paragraph:
            paragraphs.append("\n".join(paragraph))
            paragraph = []
    return "\n\n".join(paragraphs)


_ABBREVIATIONS = set(
    "lt gen col maj capt dr mr mrs ms st vs etc e.g i.e u.s u.n "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A full stop, question or exclamation mark (Latin, Arabic, Urdu), perhaps a closing
# quote or bracket, then space.
_SENTENCE_END = re.compile(r"""[.!?؟۔]["'”’)\]]*\s+""")


def first_sentence(text: str) -> str:
    """The first sentence of a text, not fooled by "Lt. Gen." or initials."""
    paragraph = " ".join(text.split("\n\n", 1)[0].split())
    for end in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: end.start() + 1]
        word = re.search(r"(\S+)\.$", before)
        if word and (word[1].casefold().lstrip("(") in _ABBREVIATIONS or len(word[1]) == 1):
            continue
        return paragraph[: end.end()].strip()
    return paragraph


_MONTHS = {
    name: number
    for number, full in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
    for name in {full, full[:3], "sept" if number == 9 else full[:3]}
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
]


def find_date(text: str) -> datetime.date | None:
    """The first real date written out in a text: "February 22, 2023", "22 February
    2023" or "2023-02-22"."""
    found = _dates(text)
    return min(found)[1] if found else None


def find_dates(text: str) -> set[datetime.date]:
    """Every real date written out in a text."""
    return {date for _, date in _dates(text)}


def _dates(text: str) -> list[tuple[int, datetime.date]]:
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            month = int(month) if month.isdigit() else _MONTHS[month.casefold()]
            try:
                found.append(
                    (match.start(), datetime.date(int(match["year"]), month, int(match["day"])))
                )
            except ValueError:
                continue
    return found


def working_title(sentence: str) -> str:
    """The first sentence of "What happened?" without its leading date, cut short.

    "On Wednesday, February 22, 2023, Pakistani officials visited Kabul." becomes
    "Pakistani officials visited Kabul": the date is kept in `Brief.date`, and an
    editor replaces the working title before publishing.
    """
    rest = _strip_leading_date(sentence).rstrip(".!?؟۔ ")
    return _trim(rest[:1].upper() + rest[1:], TITLE_LENGTH) or "Imported brief"


def _strip_leading_date(sentence: str) -> str:
    prefix = re.match(
        r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?", sentence, re.IGNORECASE
    )
    rest = sentence[prefix.end() :]
    for pattern in _DATE_PATTERNS:
        match = pattern.match(rest)
        if match:
            return rest[match.end() :].lstrip(", ")
    return sentence


def _trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:.–- ") + "…"


# Mentions --------------------------------------------------------------------------


def find_mentions(parsed: ParsedBrief, matcher: Matcher) -> Mentions:
    """The organisations and people the sections name, by the registry's one matcher
    (`actors.matching`: the rules the admin and the published page follow), and the
    events whose day and place they both give.

    An ambiguous name links nothing and is reported instead, as often as it occurs.
    """
    found = mentions.find(mentions.flats([s.body for s in parsed.sections]), matcher)
    refs = list(dict.fromkeys(m.ref for m in found if m.ref is not None))
    organisations = Organisation.objects.in_bulk([pk for kind, pk in refs if kind == ORGANISATION])
    actors = Actor.objects.in_bulk([pk for kind, pk in refs if kind == ACTOR])
    ambiguous = Counter(m.text for m in found if m.ambiguous)
    return Mentions(
        organisations=[organisations[pk] for kind, pk in refs if kind == ORGANISATION],
        actors=[actors[pk] for kind, pk in refs if kind == ACTOR],
        ambiguous=[f"{name} ({n}×)" if n > 1 else name for name, n in sorted(ambiguous.items())],
        events=find_events(parsed),
    )


def find_events(parsed: ParsedBrief) -> list[Event]:
    """Events whose date (to the day) and place the text both name: one query."""
    text = "\n\n".join(s.body for s in parsed.sections)
    dates = find_dates(text)
    if not dates:
        return []
    candidates = Event.objects.filter(date__in=dates, date_precision=Precision.DAY).exclude(
        location=""
    )
    # The place is named by its location or one of its administrative areas.
    places = Matcher(
        Name(part, ("event", event.pk))
        for event in candidates
        for part in (event.location, event.admin2, event.admin1)
        if part.strip()
    )
    named = {pk for match in places.find(text) for _, pk in match.refs}
    return [event for event in candidates if event.pk in named]


# Saving ----------------------------------------------------------------------------


@dataclass
class Result:
    parsed: ParsedBrief
    mentions: Mentions | None  # None when skipped
    brief: Brief | None  # None on a dry run
    already: Brief | None = None  # the brief this text was imported as before, if skipped


def digest(text: str) -> str:
    """What recognises a text imported before: its SHA-256, as read (LF line ends)."""
    return hashlib.sha256(text.encode()).hexdigest()


def import_file(
    path: Path,
    *,
    by: AbstractBaseUser | None = None,
    title: str | None = None,
    dry_run: bool = False,
    again: bool = False,
    matcher: Matcher | None = None,
) -> Result:
    """Read, parse and (unless `dry_run`) save one archive file as a draft brief.

    A text imported before is skipped (`Result.already` names that brief) unless
    `again`. Raises `ImportFailed` before writing anything if the file cannot be
    imported.
    """
    text = read_text(path)
    parsed = parse(text, name=path.name, today=timezone.localdate())
    if title:
        parsed = dataclasses.replace(parsed, title=title)
    fingerprint = digest(text)
    if not again:
        earlier = Brief.objects.filter(imported_digest=fingerprint).order_by("pk").first()
        if earlier is not None:
            return Result(parsed=parsed, mentions=None, brief=None, already=earlier)
    found = find_mentions(parsed, matcher or registry_matcher())
    brief = None
    if not dry_run:
        brief = save(parsed, found, by=by, reason=f"Imported from {path.name}", digest=fingerprint)
    return Result(parsed=parsed, mentions=found, brief=brief)


@transaction.atomic
def save(
    parsed: ParsedBrief,
    found: Mentions,
    *,
    by: AbstractBaseUser | None,
    reason: str,
    digest: str = "",
) -> Brief:
    """Write a parsed brief as a draft with its sections and links: one revision.

    `by` (or nobody) becomes the author, the creator and the user of every history row.
    """
    brief = Brief(
        title=parsed.title, summary=parsed.summary, date=parsed.date, imported_digest=digest
    )
    # by=None works: it leaves created_by empty and the revision without a user.
    editing.begin_edit(brief, by=by)
    if by is not None:
        brief.authors.add(by)
    for order, section in enumerate(parsed.sections):
        _create(Section(brief=brief, heading=section.heading, body=section.body, order=order), by)
    for organisation in found.organisations:
        _create(BriefOrganisation(brief=brief, organisation=organisation), by)
    for actor in found.actors:
        _create(BriefActor(brief=brief, actor=actor), by)
    for event in found.events:
        _create(BriefEvent(brief=brief, event=event), by)
    editing.finish_edit(brief, by=by, reason=reason)
    return brief


def _create(row: models.Model, by: AbstractBaseUser | None) -> None:
    row._history_user = by
    row.save()
