"""Issue #8, point 3: `bench/archive N` grows the database at DATABASE_URL to N live
briefs, and run again with a larger N adds the difference. Small here (3 briefs
through the publish path, the 200-revision brief, clones for the rest), on the test
database and its current schema, so that a model change that breaks the benchmark's
archive fails here and not on the next person's bench run."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from taggit.models import Tag

from actors.models import Actor, Alias, Organisation
from briefs.models import Brief, Publication
from tests.proxy.stack import database_url

ROOT = Path(__file__).resolve().parent.parent
HISTORY_SLUG = "bench-brief-with-200-revisions"  # bench/benchlib.py


def _archive(n: int) -> subprocess.CompletedProcess:
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"},
        "DATABASE_URL": database_url(connection.settings_dict),
        "DJANGO_SECRET_KEY": "archive-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    return subprocess.run(
        [str(ROOT / "bench" / "archive"), str(n), "--sample", "3"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def bench_schema():
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS bench CASCADE")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_archive_grows_to_n_live_briefs_and_then_by_the_difference(bench_schema):
    done = _archive(8)
    assert done.returncode == 0, done.stderr
    live = Publication.objects.live()
    assert live.count() == 8
    first = set(live.values_list("brief_id", flat=True))

    briefs = Brief.objects.filter(pk__in=first).annotate(
        n_sections=Count("sections", distinct=True),
        n_organisations=Count("organisation_links", distinct=True),
        n_people=Count("actor_links", distinct=True),
        n_events=Count("event_links", distinct=True),
        n_tags=Count("tags", distinct=True),
    )
    for brief in briefs.prefetch_related("sections"):
        assert brief.n_sections == 3, brief
        words = sum(len(section.body.split()) for section in brief.sections.all())
        assert words >= 600, (brief, words)
        assert 1 <= brief.n_organisations <= 4, brief
        assert brief.n_people <= 4 and brief.n_events <= 1, brief
        assert 1 <= brief.n_tags <= 4, brief
    # The reference rows, people's other names in the alias registry.
    assert Organisation.objects.count() == 200 and Actor.objects.count() == 800
    assert Alias.objects.filter(actor__isnull=False).count() == 800
    assert Tag.objects.filter(name="Pakistan").exists()
    # The admin history page's brief: 200 revisions.
    assert Brief.objects.get(slug=HISTORY_SLUG).history.count() >= 200

    done = _archive(11)
    assert done.returncode == 0, done.stderr
    assert live.count() == 11
    assert first < set(live.values_list("brief_id", flat=True))
    assert Organisation.objects.count() == 200, "the reference rows are made once"

    done = _archive(11)
    assert done.returncode == 0, done.stderr
    assert "no briefs to add" in done.stdout + done.stderr
    assert live.count() == 11
