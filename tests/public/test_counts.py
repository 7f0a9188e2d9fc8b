"""The live counts behind totals, facets and the sitemap, kept by the workflow.

Each test moves briefs through the real workflow and checks what a reader is told
on the list page against a recount from the publications themselves.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from briefs.models import Author, LiveCount, Publication
from briefs.publishing import counts, erasure, workflow
from tests.factories import OrganisationFactory, UserFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def stored() -> dict[str, int]:
    return {row.key: row.briefs for row in LiveCount.objects.all() if row.briefs}


def recounted() -> dict[str, int]:
    counts.recount_all()
    return stored()


def assert_consistent():
    """What the workflow kept equals a recount from the publications."""
    kept = stored()
    assert kept == recounted()


def facets_of(client) -> str:
    return client.get("/briefs/").content.decode()


def test_publish_counts_every_key_once(client, publish, analyst):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", abbreviation="TTP")
    brief = build_brief(tags=("Pakistan", "Security"), organisations=[ttp], authors=[analyst])
    publish(brief)
    read = counts.read(["tag", "organisation", "country", "year"])
    assert read.of("all") == 1
    assert read.of("organisation", ttp.pk) == 1
    assert read.of("country", "PK") == 1
    assert read.of("year", 2023) == 1
    assert read.of("author", analyst.pk) == 0  # not asked for
    assert sorted(row.tag.name for row, _ in read.facet("tag")) == ["Pakistan", "Security"]
    html = facets_of(client)
    assert "1 brief, newest first." in html
    assert "Tehrik-i-Taliban Pakistan (1)" in html
    assert_consistent()


def test_republish_moves_counts_from_the_old_version_to_the_new(client, publish, edit):
    brief = build_brief(tags=("Pakistan",))
    publish(brief)
    brief.tags.set(["Afghanistan"])
    edit(brief, date=datetime.date(2024, 1, 5))
    publish(brief)
    read = counts.read(["tag", "year"])
    assert read.of("all") == 1
    assert [row.tag.name for row, _ in read.facet("tag")] == ["Afghanistan"]
    assert read.of("year", 2023) == 0 and read.of("year", 2024) == 1
    assert_consistent()


def test_withdraw_and_delete_take_counts_away(client, publish, editor):
    kept = build_brief(title="Kept brief", tags=("Pakistan",))
    gone = build_brief(title="Gone brief", tags=("Pakistan", "Karachi"))
    publish(kept)
    publish(gone)
    assert counts.read(["tag"]).of("all") == 2
    workflow.withdraw(gone, by=editor, comment="Legal review")
    assert counts.read(["tag"]).of("all") == 1
    assert "Karachi" not in facets_of(client)
    assert_consistent()
    kept_pk = kept.pk
    erasure.erase(kept, by=UserFactory(is_superuser=True), reason="Legal request")
    assert counts.read(["tag"]).of("all") == 0
    assert not Publication.objects.filter(brief_id=kept_pk).exists()
    assert_consistent()


def test_a_scheduled_brief_is_not_counted_until_its_time(client, publish):
    publish(build_brief(title="Now", tags=("Pakistan",)))
    later = build_brief(title="Later", tags=("Embargoed",))
    publish(later, at=timezone.now() + datetime.timedelta(hours=1))
    assert counts.read(["tag"]).of("all") == 1
    assert "Embargoed" not in facets_of(client)
    assert_consistent()  # stored counts include it: it is current
    Publication.objects.filter(brief=later).update(go_live_at=timezone.now())
    assert counts.read(["tag"]).of("all") == 2
    assert "Embargoed (1)" in facets_of(client)


def test_a_version_live_until_a_scheduled_one_replaces_it_keeps_counting(publish, edit):
    brief = build_brief(tags=("Pakistan",))
    publish(brief)
    brief.tags.set(["Afghanistan"])
    edit(brief, title="Retitled")
    publish(brief, at=timezone.now() + datetime.timedelta(hours=1))
    read = counts.read(["tag"])
    assert read.of("all") == 1
    assert [row.tag.name for row, _ in read.facet("tag")] == ["Pakistan"]


def test_recount_command_repairs_a_wrong_count(publish, capsys):
    publish(build_brief(tags=("Pakistan",)))
    LiveCount.objects.filter(key="all").update(briefs=42)
    call_command("recount_live")
    assert counts.read([]).of("all") == 1
    assert "live counts" in capsys.readouterr().out


# serialized_rollback: the content types, groups and permissions made by migrations
# survive the flush afterwards, under the ids the rest of the suite has cached.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_fills_cards_and_counts_from_existing_publications(publish, analyst):
    publish(build_brief(tags=("Pakistan",), authors=[analyst]))
    publication = Publication.objects.get()
    slug = Author.of(analyst).slug
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("briefs", "0005_publication_article_columns")])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("briefs"))
    publication.refresh_from_db()
    assert [a["slug"] for a in publication.card["authors"]] == [slug]
    assert [t["name"] for t in publication.card["tags"]] == ["Pakistan"]
    assert counts.read(["tag"]).of("all") == 1
