"""A brief's history through the admin: compare revisions, restore one, and who may see them."""

import pytest
from django.contrib.auth.models import Permission

from briefs.desk.diff import word_diff
from briefs.models import Brief, BriefOrganisation, Publication, Section, Source
from briefs.publishing import workflow
from tests import factories
from tests.briefs.admin_forms import (
    add_inline_row,
    edit_brief,
    form_data,
    inline_prefix,
    messages_of,
    new_brief_data,
)
from tests.factories import OrganisationFactory

Status = Brief.Status


@pytest.fixture
def published(client, analyst, editor):
    """A brief written in the admin by an analyst and published by an editor."""
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    client.force_login(analyst)
    response = client.post(
        "/admin/briefs/brief/add/",
        {**new_brief_data(client, organisation=ttp), "_transition": "submit_for_review"},
    )
    assert response.status_code == 302
    brief = Brief.objects.get()
    workflow.publish(brief, by=editor)
    brief.refresh_from_db()
    return brief


def _history_ids(brief) -> list[int]:
    return list(
        brief.history.order_by("history_date", "history_id").values_list("history_id", flat=True)
    )


def _edit_text_sources_and_links(client, brief):
    """Change one word of a section and of the source, and swap the linked organisation."""
    url = f"/admin/briefs/brief/{brief.pk}/change/"
    response = client.get(url)
    data = form_data(response)
    sections = inline_prefix(response, Section)
    sources = inline_prefix(response, Source)
    links = inline_prefix(response, BriefOrganisation)
    data[f"{sections}-0-body"] = "A delegation led by the defence minister met ministers in Kabul."
    data[f"{sources}-0-title"] = "Delegation meets Taliban cabinet"
    data[f"{links}-0-DELETE"] = "on"
    isi = OrganisationFactory(name="Inter-Services Intelligence")
    add_inline_row(data, response, BriefOrganisation, organisation=str(isi.pk))
    data["change_note"] = "Sharper wording"
    response = client.post(url, data)
    assert response.status_code == 302
    brief.refresh_from_db()
    assert list(brief.organisations.all()) == [isi]
    return isi


def test_compare_shows_sections_and_sources_with_word_level_changes(client, analyst, published):
    client.force_login(analyst)
    before = _history_ids(published)[-1]
    _edit_text_sources_and_links(client, published)
    after = _history_ids(published)[-1]
    assert after != before

    response = client.get(f"/admin/briefs/brief/{published.pk}/compare/?a={before}&b={after}")
    assert response.status_code == 200
    rows = {row["label"]: row for row in response.context["rows"]}
    section = rows["Section: What happened?"]
    assert section["changed"]
    assert "<del>officials</del>" in section["left"]
    assert "<ins>ministers</ins>" in section["right"]
    assert "<del>" not in section["right"] and "<ins>" not in section["left"]
    assert rows["Sources"]["changed"]
    assert "<ins>cabinet</ins>" in rows["Sources"]["right"]
    assert rows["Organisations"]["changed"]
    assert "<del>Tehrik-i-Taliban</del>" in rows["Organisations"]["left"]
    assert "<ins>Inter-Services</ins>" in rows["Organisations"]["right"]
    assert not rows["Section: Background"]["changed"]
    html = response.content.decode()
    assert "<del>officials</del>" in html and "<ins>ministers</ins>" in html
    assert "Sharper wording" in html  # why, beside who and when

    # The revisions may be given in either order; the older one is always on the left.
    swapped = client.get(f"/admin/briefs/brief/{published.pk}/compare/?a={after}&b={before}")
    assert "<del>officials</del>" in swapped.content.decode()


def test_history_page_lists_revisions_with_who_why_and_what_changed(client, analyst, published):
    client.force_login(analyst)
    _edit_text_sources_and_links(client, published)
    response = client.get(f"/admin/briefs/brief/{published.pk}/history/")
    assert response.status_code == 200
    latest = response.context["entries"][0]
    assert latest["record"].history_user == analyst
    assert latest["record"].history_change_reason == "Sharper wording"
    assert {"Section: What happened?", "Sources", "Organisations"} <= set(latest["changes"])
    assert "Title" not in latest["changes"]
    assert response.context["entries"][-1]["changes"] == ["created"]
    assert len(response.context["entries"]) == published.history.count()


def test_compare_refuses_revisions_of_another_brief(client, analyst, published, brief_in):
    client.force_login(analyst)
    other = brief_in(Status.DRAFT, by=analyst, title="Another brief")
    theirs = _history_ids(other)[0]
    ours = _history_ids(published)[0]
    url = f"/admin/briefs/brief/{published.pk}/compare/?a={ours}&b={theirs}"
    assert client.get(url).status_code == 404
    assert client.get(f"/admin/briefs/brief/{published.pk}/compare/?a=x&b=1").status_code == 404


def test_restore_makes_an_old_revision_the_working_copy_without_publishing_it(
    client, analyst, published
):
    client.force_login(analyst)
    approved = _history_ids(published)[-1]
    live = Publication.objects.live().get()
    isi = _edit_text_sources_and_links(client, published)
    response, _ = edit_brief(client, published, title="Kabul talks")
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Kabul talks"
    assert list(published.organisations.all()) == [isi]
    count = published.history.count()

    response = client.post(f"/admin/briefs/brief/{published.pk}/restore/{approved}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/briefs/brief/{published.pk}/change/"
    assert any("Readers still see the published version" in m for m in messages_of(response))

    published.refresh_from_db()
    assert published.history.count() == count + 1
    newest = published.history.latest("history_date")
    assert newest.history_change_reason.startswith("Restored revision")
    assert newest.history_user == analyst
    assert published.title == "Pakistani delegation visits Kabul"
    assert [s.body for s in published.sections.all()][0] == (
        "A delegation led by the defence minister met officials in Kabul."
    )
    assert [s.title for s in published.sources.all()] == ["Delegation meets Taliban leaders"]
    assert [o.name for o in published.organisations.all()] == ["Tehrik-i-Taliban Pakistan"]
    # Restoring never bypasses review: same state, same live version.
    assert published.status == Status.PUBLISHED
    assert list(Publication.objects.live()) == [live]
    assert Publication.objects.count() == 1
    assert workflow.has_unpublished_changes(published)


def test_restore_needs_a_post(client, analyst, published):
    client.force_login(analyst)
    first = _history_ids(published)[0]
    count = published.history.count()
    assert client.get(f"/admin/briefs/brief/{published.pk}/restore/{first}/").status_code == 405
    assert published.history.count() == count


@pytest.fixture
def outsider(client, db):
    """Staff, logged in, but with no permission on briefs."""
    user = factories.UserFactory(username="outsider", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_organisation"))
    client.force_login(user)
    return user


def test_history_compare_preview_and_restore_refuse_staff_without_permission(
    client, editor, brief_in, outsider
):
    brief = brief_in(Status.PUBLISHED, by=editor, body="Only for the desk.")
    first = _history_ids(brief)[0]
    assert client.get("/admin/actors/organisation/").status_code == 200  # logged in and staff
    for url in [
        f"/admin/briefs/brief/{brief.pk}/history/",
        f"/admin/briefs/brief/{brief.pk}/compare/",
        f"/admin/briefs/brief/{brief.pk}/preview/",
        f"/admin/briefs/brief/{brief.pk}/history/{first}/",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Only for the desk" not in response.content.decode()
    count = brief.history.count()
    response = client.post(f"/admin/briefs/brief/{brief.pk}/restore/{first}/")
    assert response.status_code == 403
    assert brief.history.count() == count


def test_a_viewer_may_read_history_but_not_restore(client, editor, brief_in):
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_brief"))
    client.force_login(viewer)
    brief = brief_in(Status.REVIEW, by=editor)
    first = _history_ids(brief)[0]
    page = client.get(f"/admin/briefs/brief/{brief.pk}/history/")
    assert page.status_code == 200
    assert not page.context["can_restore"]
    assert "restore" not in page.content.decode().lower().replace("restore-", "")
    count = brief.history.count()
    assert client.post(f"/admin/briefs/brief/{brief.pk}/restore/{first}/").status_code == 403
    assert brief.history.count() == count


# -- the word diff itself -------------------------------------------------------------------


def test_word_diff_escapes_html():
    left, right = word_diff(
        "Officials <b>met</b> in Kabul.", 'Officials <script>alert("x")</script> in Kabul.'
    )
    assert "<script>" not in right and "<b>" not in left
    assert "&lt;script&gt;" in right and "&lt;b&gt;met&lt;/b&gt;" in left
    assert "<ins>" in right and "<del>" in left


def test_word_diff_marks_only_the_changed_words():
    left, right = word_diff("The delegation met officials.", "The delegation met ministers.")
    assert left == "The delegation met <del>officials.</del>"
    assert right == "The delegation met <ins>ministers.</ins>"
    same_left, same_right = word_diff("Unchanged & kept", "Unchanged & kept")
    assert same_left == same_right == "Unchanged &amp; kept"


def test_restore_refuses_a_revision_of_another_brief(client, analyst, published, brief_in):
    client.force_login(analyst)
    other = brief_in(Status.DRAFT, by=analyst, title="Another brief")
    theirs = _history_ids(other)[0]
    count = published.history.count()
    response = client.post(f"/admin/briefs/brief/{published.pk}/restore/{theirs}/")
    assert response.status_code == 404
    assert published.history.count() == count
    published.refresh_from_db()
    assert published.title == "Pakistani delegation visits Kabul"


def test_restore_keeps_the_address_of_the_brief(client, analyst, editor, brief_in):
    """The slug is the public address: restoring text never moves it, nor takes another's."""
    brief = brief_in(Status.DRAFT, by=analyst, title="Kabul")
    first = _history_ids(brief)[0]
    client.force_login(editor)
    response, _ = edit_brief(client, brief, slug="kabul-visit")
    assert response.status_code == 302
    brief_in(Status.DRAFT, by=analyst, title="Kabul")  # now "kabul" belongs to another brief
    response = client.post(f"/admin/briefs/brief/{brief.pk}/restore/{first}/")
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.slug == "kabul-visit"


def test_restore_skips_links_to_what_was_deleted_since_and_says_so(client, editor, brief_in):
    brief = brief_in(Status.DRAFT, by=editor)
    gone = OrganisationFactory(name="Short-lived front")
    kept = OrganisationFactory(name="Haqqani Network")
    BriefOrganisation.objects.create(brief=brief, organisation=gone)
    BriefOrganisation.objects.create(brief=brief, organisation=kept)
    brief._change_reason = "Linked two organisations"
    brief.save()
    linked = _history_ids(brief)[-1]
    client.force_login(editor)
    response = client.get(f"/admin/briefs/brief/{brief.pk}/change/")
    data = form_data(response)
    links = inline_prefix(response, BriefOrganisation)
    data[f"{links}-0-DELETE"] = data[f"{links}-1-DELETE"] = "on"
    assert client.post(f"/admin/briefs/brief/{brief.pk}/change/", data).status_code == 302
    gone.delete()

    response = client.post(f"/admin/briefs/brief/{brief.pk}/restore/{linked}/")
    assert response.status_code == 302
    assert [o.name for o in brief.organisations.all()] == ["Haqqani Network"]
    assert "Left out, because they were deleted since: Short-lived front." in messages_of(response)
    assert "left out, deleted since: Short-lived front" in (
        brief.history.latest("history_date").history_change_reason
    )


def test_compare_of_a_new_brief_with_one_revision_loads(analyst_client):
    """The change page links to Compare from the first save on."""
    response = analyst_client.post("/admin/briefs/brief/add/", new_brief_data(analyst_client))
    assert response.status_code == 302
    brief = Brief.objects.get()
    assert brief.history.count() == 1
    page = analyst_client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    assert f'href="/admin/briefs/brief/{brief.pk}/compare/"' in page
    response = analyst_client.get(f"/admin/briefs/brief/{brief.pk}/compare/")
    assert response.status_code == 200
    assert not any(row["changed"] for row in response.context["rows"])
