"""The API's tests use the reader's side's fixtures: briefs published the real way."""

from tests.public.conftest import _media, edit, live_brief, publish, world  # noqa: F401
from tests.public.test_leaks import hidden  # noqa: F401
