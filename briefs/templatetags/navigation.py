"""`{% nav_url "briefs:list" %}`: the address of a page that takes no arguments.

Every public page links to the same few pages in its header and footer. `{% url %}`
reverses each one on every render, which is a fair part of rendering a page the
page cache missed; these addresses cannot change while the process runs (only with
the script prefix, which is part of the key), so they are reversed once.
"""

import functools

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()


@register.simple_tag
def nav_url(name: str) -> str:
    return _reversed(name, get_script_prefix())


@functools.lru_cache(maxsize=256)
def _reversed(name: str, prefix: str) -> str:  # `prefix` keys the cache; reverse uses it
    return reverse(name)
