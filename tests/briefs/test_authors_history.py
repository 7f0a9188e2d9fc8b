"""Authors are part of a brief's history: the history page, compare and restore (issue #10)."""

import pytest

from briefs.models import Brief
from tests import factories
from tests.briefs.admin_forms import edit_brief, messages_of, new_brief_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(client, analyst):
    """A brief an analyst wrote in the admin, with themselves as its only author."""
    factories.AuthorFactory(user=analyst, display_name="Ayesha Siddiqa")
    client.force_login(analyst)
    response = client.post("/admin/briefs/brief/add/", new_brief_data(client, authors=[analyst]))
    assert response.status_code == 302
    return Brief.objects.get()


def _remove_the_author(client, brief):
    response, _ = edit_brief(client, brief, authors=[], change_note="No byline")
    assert response.status_code == 302
    assert not brief.authors.exists()


def test_a_revision_that_removed_the_only_author_says_so(client, written):
    _remove_the_author(client, written)
    # The edit is one revision: changing the authors in it wrote none of its own.
    assert written.history.count() == 2

    response = client.get(f"/admin/briefs/brief/{written.pk}/history/")

    latest = response.context["entries"][0]
    assert latest["record"].history_change_reason == "No byline"
    assert latest["changes"] == ["Authors"]


def test_compare_has_an_authors_row(client, written):
    _remove_the_author(client, written)

    response = client.get(f"/admin/briefs/brief/{written.pk}/compare/")

    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["Authors"]["changed"]
    assert "<del>Ayesha Siddiqa</del>" in rows["Authors"]["left"]
    assert rows["Authors"]["right"] == ""
    assert not rows["Title"]["changed"]
    assert "Ayesha Siddiqa" in response.content.decode()


def test_restoring_an_older_revision_brings_the_author_back(client, analyst, written):
    first = written.history.earliest("history_date")
    _remove_the_author(client, written)

    response = client.post(f"/admin/briefs/brief/{written.pk}/restore/{first.history_id}/")

    assert response.status_code == 302
    assert list(written.authors.all()) == [analyst]
    newest = written.history.latest("history_date")
    assert newest.history_change_reason.startswith("Restored revision 1")
    history = client.get(f"/admin/briefs/brief/{written.pk}/history/")
    assert history.context["entries"][0]["changes"] == ["Authors"]


def test_restoring_leaves_out_an_author_deleted_since_and_says_so(client, editor, written):
    coauthor = factories.analyst(username="coauthor")
    factories.AuthorFactory(user=coauthor, display_name="Hassan Abbas")
    client.force_login(editor)
    edit_brief(client, written, authors=[str(u.pk) for u in [*written.authors.all(), coauthor]])
    both = written.history.latest("history_date")
    _remove_the_author(client, written)
    coauthor.delete()

    response = client.post(f"/admin/briefs/brief/{written.pk}/restore/{both.history_id}/")

    assert response.status_code == 302
    assert [u.username for u in written.authors.all()] == ["analyst"]
    assert any("the author Hassan Abbas" in m for m in messages_of(response))
