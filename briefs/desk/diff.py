"""Word-level differences between two texts, for comparing revisions side by side.

`difflib.SequenceMatcher` (without its "junk" heuristic, which would treat every
space as junk) is quadratic or worse on repetitive text: 4.5 kB of repeated words
once held a worker for 8 s. So a comparison has a budget, shared by all the rows of
one compare page (`Budget`), and gets coarser instead of slower:

1. the common beginning and end are set aside (linear; most edits touch one spot);
2. what is left is compared word by word (spaces as tokens of their own when that
   is cheap, else attached to the word before them), if its cost fits the budget;
3. otherwise, or if an attempt runs out of time, line by line, and word by word
   inside each changed run of lines while the budget lasts;
4. otherwise it is shown whole: the old text struck out, the new one inserted.

The cost estimate is what `find_longest_match` does: for each token of the old text
it visits every position of that token in the new one, so one call costs at most
`_pairs` steps (about 85 ns each). An attempt past its deadline stops at its next
call. Worst case (bench/compare): a page of the largest sections allowed, one
paragraph repeated, about 1 s.
"""

import difflib
import re
import time
from collections import Counter

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_WORDS = re.compile(r"\s+|[^\s]+")
_SPACED_WORDS = re.compile(r"\s*[^\s]+\s*|\s+")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")

# Steps of one `find_longest_match` call that a comparison may start with (about
# 0.2 s of CPython), and the wall time a whole compare page may spend on diffs.
MAX_PAIRS = 2_000_000
SECONDS = 1.0
ATTEMPT_SECONDS = 0.2


class Budget:
    """The time left for the diffs of one page."""

    def __init__(self, seconds: float = SECONDS):
        self.deadline = time.monotonic() + seconds

    def left(self) -> bool:
        return time.monotonic() < self.deadline

    def attempt(self) -> float:
        """The deadline of one attempt: a slice of what is left, so that an attempt
        that fails leaves time for a coarser one and for the other rows."""
        return min(self.deadline, time.monotonic() + ATTEMPT_SECONDS)


class _OverBudget(Exception):
    pass


class _BoundedMatcher(difflib.SequenceMatcher):
    """A SequenceMatcher that gives up when its budget's deadline has passed."""

    def __init__(self, a, b, deadline: float):
        self.deadline = deadline
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        if time.monotonic() > self.deadline:
            raise _OverBudget
        return super().find_longest_match(alo, ahi, blo, bhi)


def word_diff(old: str, new: str, *, budget: Budget | None = None) -> tuple[SafeString, SafeString]:
    """Both texts as HTML: words only in `old` in <del>, words only in `new` in <ins>.

    Coarser (whole lines, or the whole text) when a word diff would not fit `budget`.
    """
    old, new = old or "", new or ""
    budget = budget or Budget()
    left, right = [], []
    for op, old_part, new_part in _opcodes(old, new, budget):
        old_part, new_part = escape(old_part), escape(new_part)
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def _opcodes(old: str, new: str, budget: Budget) -> list[tuple[str, str, str]]:
    """(operation, old text, new text) in order; the texts joined back give old and new."""
    if old == new:
        return [("equal", old, new)]
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    prefix, suffix = "".join(a[:head]), "".join(a[len(a) - tail :])
    middle = _words(a[head : len(a) - tail], b[head : len(b) - tail], budget)
    if middle is None:
        middle = _lines("".join(a[head : len(a) - tail]), "".join(b[head : len(b) - tail]), budget)
    return [
        *([("equal", prefix, prefix)] if prefix else []),
        *middle,
        *([("equal", suffix, suffix)] if suffix else []),
    ]


def _words(a: list[str], b: list[str], budget: Budget) -> list[tuple[str, str, str]] | None:
    """Word by word. Spaces are tokens of their own when that is cheap (short texts);
    else each word keeps the spaces after it, so that the many spaces of a long text
    are not each compared with all the others."""
    exact = _diff(a, b, budget)
    if exact is not None:
        return exact
    old, new = "".join(a), "".join(b)
    return _diff(_SPACED_WORDS.findall(old), _SPACED_WORDS.findall(new), budget)


def _lines(old: str, new: str, budget: Budget) -> list[tuple[str, str, str]]:
    """Line by line, then word by word inside each changed run of lines while the
    budget lasts; the whole text as changed if even lines do not fit."""
    opcodes = _diff(_LINES.findall(old), _LINES.findall(new), budget)
    if opcodes is None:
        return [("replace", old, new)]
    out = []
    for op, old_part, new_part in opcodes:
        inner = None
        if op == "replace":
            inner = _words(_WORDS.findall(old_part), _WORDS.findall(new_part), budget)
        out.extend(inner or [(op, old_part, new_part)])
    return out


def _diff(a: list[str], b: list[str], budget: Budget) -> list[tuple[str, str, str]] | None:
    """The opcodes of tokens `a` against `b`, or None if they would not fit the budget."""
    if not a or not b:
        return [("replace", "".join(a), "".join(b))]
    if not budget.left():
        return None
    matcher = _BoundedMatcher(a, b, budget.attempt())
    if _pairs(a, matcher.b2j) > MAX_PAIRS:
        return None
    try:
        opcodes = matcher.get_opcodes()
    except _OverBudget:
        return None
    return [(op, "".join(a[i1:i2]), "".join(b[j1:j2])) for op, i1, i2, j1, j2 in opcodes]


def _pairs(a: list[str], b2j: dict[str, list[int]]) -> int:
    """The steps of the costliest `find_longest_match` call on `a` against the matcher's
    index of the other side (`b2j`: where each token is)."""
    counts = Counter(a)
    return sum(len(b2j.get(token, ())) * n for token, n in counts.items())


def compare_rows(old: dict[str, str], new: dict[str, str]) -> list[dict]:
    """One row per key of either side, in order, with its word diff and whether it changed.

    All rows share one budget: a page of many large sections is as bounded as one.
    """
    budget = Budget()
    rows = []
    for key in list(dict.fromkeys([*old, *new])):
        before, after = old.get(key, ""), new.get(key, "")
        left, right = word_diff(before, after, budget=budget)
        rows.append({"label": key, "left": left, "right": right, "changed": before != after})
    return rows
