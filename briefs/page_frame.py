"""A page whose every value is a plain `{{ name }}`, rendered once and then filled in.

On a brief page everything but a handful of values is the same for every brief:
the links in <head>, the header and navigation, the site's footer. Rendering that
with Django's template engine on every page-cache miss cost more than the rest of
the request together (about 1.2 ms of 3.5 ms under load, see `bench/`), so
`render(template_name, values)` renders the template once per process with a marker
in place of each value, splits the output at the markers into a frame, and from
then on joins the frame's parts with the values, escaping each one exactly as
`{{ }}` does with autoescaping on (`conditional_escape`: text is escaped, markup
already marked safe is not).

That is only the same as rendering the template when the template shows each value
as it is and never decides anything by it (no `{% if name %}`, no filter). Building
the frame checks this: it renders the template again with every value empty, and
with every value a long run of text full of markup, quotes and ampersands, and the
frame filled with the same values must give exactly those pages; otherwise it
raises `FrameError`, naming the template. (A test on one particular value, such as
`{% if title == "x" %}`, would slip through: don't write one.)

The frame is rendered without a request, so nothing of one request's data can end
up in the page of another; the one thing it takes from the request is the script
prefix its links are reversed under, which is part of the frame's key. Frames are
kept until a setting changes (tests) and are rebuilt on every call with `DEBUG`
on, so that a template edited under `runserver` shows at once.
"""

import functools
import re
from typing import NamedTuple

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_MARKER = "\x1eframe-slot:{}\x1e"  # \x1e (record separator) cannot come from a template
_MARKER_RE = re.compile("\x1eframe-slot:([a-z_]+)\x1e")
# Text every filter or test would change: markup, quotes, ampersands, many words.
_PROBE = " ".join(["<b>Probe</b> & \"quoted\" 'words'"] * 40)


class FrameError(Exception):
    """The template uses one of the values in a way a frame cannot reproduce."""


class Frame(NamedTuple):
    parts: tuple[str, ...]  # the fixed text; one more part than slots
    slots: tuple[str, ...]  # the value that goes after each part but the last

    def fill(self, values: dict[str, str]) -> str:
        pieces = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            pieces.append(conditional_escape(values[slot]))
            pieces.append(part)
        return "".join(pieces)


def render(template_name: str, values: dict[str, str]) -> str:
    """`template_name` rendered with `values` (text or safe markup), no request."""
    names = tuple(sorted(values))
    prefix = get_script_prefix()
    build = _build if settings.DEBUG else _frame
    return build(template_name, names, prefix).fill(values)


def _build(template_name: str, names: tuple[str, ...], prefix: str) -> Frame:
    """`prefix` is the script prefix, which `{% url %}` and `{% nav_url %}` use."""
    template = get_template(template_name)
    marked = template.render({name: mark_safe(_MARKER.format(name)) for name in names})
    pieces = _MARKER_RE.split(marked)
    frame = Frame(parts=tuple(pieces[0::2]), slots=tuple(pieces[1::2]))
    if set(frame.slots) != set(names):
        missing = ", ".join(sorted(set(names) - set(frame.slots)))
        raise FrameError(f"{template_name} does not show {missing} as {{{{ }}}}.")
    for probe in ("", _PROBE):
        values = {name: probe for name in names}
        if frame.fill(values) != template.render(values) or "\x1e" in "".join(frame.parts):
            raise FrameError(
                f"{template_name} decides something by, or filters, one of "
                f"{', '.join(names)}: it cannot be rendered as a frame."
            )
    return frame


_frame = functools.lru_cache(maxsize=32)(_build)


@receiver(setting_changed)
def _forget_frames(**kwargs) -> None:
    _frame.cache_clear()
