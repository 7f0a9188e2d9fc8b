"""Word-level differences between two texts, for comparing revisions side by side."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML: words only in `old` in <del>, words only in `new` in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def compare_rows(old: dict[str, str], new: dict[str, str]) -> list[dict]:
    """One row per key of either side, in order, with its word diff and whether it changed."""
    rows = []
    for key in list(dict.fromkeys([*old, *new])):
        before, after = old.get(key, ""), new.get(key, "")
        left, right = word_diff(before, after)
        rows.append({"label": key, "left": left, "right": right, "changed": before != after})
    return rows
