"""Tag changes that reach live briefs are editors' work, and every tag change is on record
(issue #10). Analysts keep tagging working copies."""

import pytest
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem

from briefs.models import Brief, Publication, TagChange
from briefs.publishing import workflow
from tests import factories
from tests.briefs.admin_forms import add_inline_row, edit_brief, form_data, messages_of

pytestmark = pytest.mark.django_db

Status = Brief.Status


@pytest.fixture
def live_tag(editor, analyst, brief_in):
    """“Karachi”, on a live brief."""
    brief = brief_in(Status.REVIEW, by=analyst, title="Attack on the Karachi police office")
    brief.tags.set(["Karachi"])
    workflow.publish(brief, by=editor)
    return Tag.objects.get(name="Karachi")


def _rename(client, tag, name):
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    data = form_data(client.get(url))
    data.update(name=name, slug=name.lower().replace(" ", "-"))
    return client.post(url, data)


def _merge(client, tags, into):
    session = client.session
    session["selected_tag_ids"] = ",".join(str(t.pk) for t in tags)
    session.save()
    return client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": into})


def _attach(client, tag, publication):
    """Add a row to the tag's items naming the publication, as the tag's form offers."""
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    page = client.get(url)
    data = form_data(page)
    publications = ContentType.objects.get_for_model(Publication)
    add_inline_row(
        data, page, TaggedItem, content_type=str(publications.pk), object_id=str(publication.pk)
    )
    return client.post(url, data)


def test_an_analyst_renaming_a_tag_on_a_live_brief_is_refused(analyst_client, client, live_tag):
    response = _rename(analyst_client, live_tag, "Karachi city")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Only an editor may rename “Karachi”: it is on 1 live brief" in page
    assert "Nothing was changed" in page
    live_tag.refresh_from_db()
    assert (live_tag.name, live_tag.slug) == ("Karachi", "karachi")
    assert not TagChange.objects.exists()
    client.logout()
    assert "Karachi" in client.get("/tags/karachi/").content.decode()


def test_an_editor_renames_a_live_tag_on_record(editor_client, editor, live_tag):
    response = _rename(editor_client, live_tag, "Karachi city")

    assert response.status_code == 302
    live_tag.refresh_from_db()
    assert live_tag.name == "Karachi city"
    change = TagChange.objects.get()
    assert (change.kind, change.by, change.live_briefs) == ("rename", editor, 1)
    assert change.detail == "“Karachi” (karachi) → “Karachi city” (karachi-city)"
    listing = editor_client.get("/admin/briefs/tagchange/").content.decode()
    assert "Karachi city" in listing


def test_an_analyst_renames_a_tag_only_working_copies_carry(analyst_client, analyst, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst)
    brief.tags.set(["Sindh"])
    tag = Tag.objects.get(name="Sindh")

    response = _rename(analyst_client, tag, "Sindh province")

    assert response.status_code == 302
    change = TagChange.objects.get()
    assert (change.kind, change.by, change.live_briefs) == ("rename", analyst, 0)


def test_an_analyst_merging_a_live_tag_is_refused(analyst_client, analyst, live_tag, brief_in):
    draft = brief_in(Status.DRAFT, by=analyst, title="On Sindh")
    draft.tags.set(["Sindh"])
    sindh = Tag.objects.get(name="Sindh")

    response = _merge(analyst_client, [live_tag, sindh], "Southern Pakistan")

    assert response.status_code == 302
    assert any("Only an editor may merge “Karachi”, “Sindh”" in m for m in messages_of(response))
    assert not Tag.objects.filter(name="Southern Pakistan").exists()
    assert Publication.objects.get().tag_ids == [live_tag.pk]
    assert not TagChange.objects.exists()


def test_an_editor_merges_live_tags_on_record(editor_client, editor, live_tag):
    response = _merge(editor_client, [live_tag], "Southern Pakistan")

    assert response.status_code == 302
    merged = Tag.objects.get(name="Southern Pakistan")
    assert Publication.objects.get().tag_ids == [merged.pk]
    change = TagChange.objects.get()
    assert (change.kind, change.tag, change.by, change.live_briefs) == ("merge", merged, editor, 1)


def test_the_merge_view_needs_the_permission_to_change_tags(client, live_tag):
    staff = factories.UserFactory(username="staff-only")
    client.force_login(staff)
    assert _merge(client, [live_tag], "Southern Pakistan").status_code == 403
    assert not Tag.objects.filter(name="Southern Pakistan").exists()


def test_an_analyst_cannot_attach_a_tag_to_a_publication(analyst_client, live_tag, editor):
    other = factories.BriefFactory(title="Munich speech")
    other.tags.set(["Munich"])
    tag = Tag.objects.get(name="Munich")
    publication = Publication.objects.get()

    response = _attach(analyst_client, tag, publication)

    assert response.status_code == 200
    assert "Only an editor may attach a tag to or detach one from a published brief" in (
        response.content.decode()
    )
    assert list(publication.tags.names()) == ["Karachi"]
    assert not TagChange.objects.exists()


def test_an_editor_attaching_a_tag_to_a_publication_is_recorded(editor_client, editor, live_tag):
    tag = Tag.objects.create(name="Sindh")
    publication = Publication.objects.get()

    response = _attach(editor_client, tag, publication)

    assert response.status_code == 302
    assert sorted(Publication.objects.get().tag_ids) == sorted([live_tag.pk, tag.pk])
    change = TagChange.objects.get()
    assert (change.kind, change.by) == ("attach", editor)
    assert change.detail.startswith("to publication “Attack on the Karachi police office")


def test_analysts_keep_tagging_working_copies(analyst_client, live_tag):
    brief = Brief.objects.get()
    response, _ = edit_brief(analyst_client, brief, tags="Karachi, Sindh")

    assert response.status_code == 302
    assert sorted(brief.tags.names()) == ["Karachi", "Sindh"]
