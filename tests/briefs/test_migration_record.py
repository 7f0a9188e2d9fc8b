"""The migration that puts authors in history and versions on the log keeps what was there."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("briefs", "0014_mention_choices_and_import_digest")]
AFTER = [("briefs", "0015_authors_in_history_tag_changes_transition_versions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_migrations():
    """Whatever happens in the test, leave the database as the rest of the suite expects."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# serialized_rollback: the content types, groups and permissions made by migrations
# survive the flush afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_revisions_get_the_authors_and_old_steps_their_versions():
    apps = _migrate(BEFORE)
    try:
        User = apps.get_model("auth", "User")
        Brief = apps.get_model("briefs", "Brief")
        HistoricalBrief = apps.get_model("briefs", "HistoricalBrief")
        Transition = apps.get_model("briefs", "Transition")
        author = User.objects.create(username="ayesha")
        brief = Brief.objects.create(title="Delegation visits Kabul", slug="kabul", version=2)
        brief.authors.set([author])
        start = timezone.now() - datetime.timedelta(hours=1)
        fields = {
            f.attname: getattr(brief, f.attname)
            for f in Brief._meta.concrete_fields
            if f.name != "updated_at"
        }
        for version, minutes in [(1, 0), (2, 10)]:
            HistoricalBrief.objects.create(
                **{**fields, "version": version},
                history_date=start + datetime.timedelta(minutes=minutes),
                history_type="~",
            )
        submitted = Transition.objects.create(
            brief=brief,
            from_status="draft",
            to_status="review",
            at=start + datetime.timedelta(minutes=5),
        )
        later = Transition.objects.create(
            brief=brief,
            from_status="review",
            to_status="draft",
            at=start + datetime.timedelta(minutes=11),
        )
    finally:
        apps = _migrate(AFTER)

    Transition = apps.get_model("briefs", "Transition")
    assert Transition.objects.get(pk=submitted.pk).brief_version == 1
    assert Transition.objects.get(pk=later.pk).brief_version == 2
    authors = apps.get_model("briefs", "HistoricalBrief_authors")
    assert sorted(authors.objects.values_list("history__version", "user_id")) == [
        (1, author.pk),
        (2, author.pk),
    ]
    Group = apps.get_model("auth", "Group")
    for name in ["Analysts", "Editors"]:
        assert Group.objects.get(name=name).permissions.filter(codename="view_tagchange").exists()
