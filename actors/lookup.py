"""How the registry's names are found by the site's search.

A name is matched the way briefs are: the `tap` text search configuration (English
stemming over unaccented, case-folded words; made in briefs' migration 0002), so
"tehrik taliban" finds "Tehrīk-i-Taliban" and "ISKP" finds "iskp". Each vector here is
also a GIN index of its model (the models' `Meta.indexes`), so a search reads only the
matching rows, however large the registry.
"""

from django.contrib.postgres.search import SearchVector

CONFIG = "tap"


def organisation_vector() -> SearchVector:
    return SearchVector("name", "abbreviation", config=CONFIG)


def actor_vector() -> SearchVector:
    return SearchVector("name", config=CONFIG)


def alias_vector() -> SearchVector:
    return SearchVector("text", config=CONFIG)


def event_vector() -> SearchVector:
    return SearchVector("title", "public_id", config=CONFIG)
