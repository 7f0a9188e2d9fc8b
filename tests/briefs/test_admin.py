"""The editorial desk as analysts and editors use it: through the admin, on the real database."""

import datetime
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from PIL import Image

from actors.models import Actor, Organisation
from briefs.models import (
    STANDARD_HEADINGS,
    Brief,
    BriefOrganisation,
    Publication,
    Section,
    Transition,
)
from briefs.publishing import editing, workflow
from tests import factories
from tests.briefs.admin_forms import (
    edit_brief,
    form_data,
    inline_prefix,
    messages_of,
    new_brief_data,
)
from tests.factories import OrganisationFactory

Status = Brief.Status
CHANGELIST = "/admin/briefs/brief/"


def change_url(brief) -> str:
    return f"/admin/briefs/brief/{brief.pk}/change/"


def live_text(brief) -> str:
    return " ".join(
        s["html"] for s in Publication.objects.live().get(brief=brief).content["sections"]
    )


# -- every page loads ------------------------------------------------------------------


def _pages(c):
    brief, org = c["brief"], c["organisation"]
    hid = brief.history.latest("history_date").history_id
    pages = ["/admin/"]
    for app, model, obj in [
        ("actors", "organisation", org),
        ("actors", "actor", c["actor"]),
        ("actors", "role", c["role"]),
        ("actors", "relationship", c["relationship"]),
        ("actors", "event", c["event"]),
        ("briefs", "brief", brief),
    ]:
        base = f"/admin/{app}/{model}/"
        pages += [base, f"{base}add/", f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/"]
    pages += [
        "/admin/actors/organisation/?q=ttp",  # name, abbreviation and aliases
        "/admin/actors/organisation/?q=pakistani+taliban",
        "/admin/actors/actor/?q=asif",
        "/admin/actors/event/?q=karachi",
        "/admin/briefs/brief/?q=kabul",
        "/admin/briefs/brief/?status__exact=draft",
        "/admin/briefs/brief/?queue=mine",
        f"/admin/actors/organisation/{org.pk}/history/"
        f"{org.history.latest('history_date').history_id}/",
        f"/admin/briefs/brief/{brief.pk}/compare/",
        f"/admin/briefs/brief/{brief.pk}/preview/",
        f"/admin/briefs/brief/{brief.pk}/compare/?a={hid}&b={hid}",
    ]
    for model, field, term in [
        ("brieforganisation", "organisation", "ttp"),
        ("brieforganisation", "organisation", "pakistani"),
        ("briefactor", "actor", "asif"),
        ("briefevent", "event", "karachi"),
    ]:
        pages.append(
            f"/admin/autocomplete/?app_label=briefs&model_name={model}"
            f"&field_name={field}&term={term}"
        )
    for model, field, term in [
        ("organisation", "parent", "ttp"),
        ("role", "actor", "asif"),
        ("role", "organisation", "isi"),
        ("relationship", "other", "isi"),
        ("eventorganisation", "organisation", "ttp"),
        ("eventactor", "actor", "asif"),
    ]:
        pages.append(
            f"/admin/autocomplete/?app_label=actors&model_name={model}"
            f"&field_name={field}&term={term}"
        )
    return pages


def test_every_admin_page_loads_for_an_analyst(analyst_client, content):
    # Two revisions, so that the history and compare pages have something to show.
    content["brief"]._change_reason = "Second revision"
    content["brief"].save()
    failures = {}
    for url in _pages(content):
        response = analyst_client.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}


def test_autocomplete_finds_organisations_by_abbreviation_and_alias(analyst_client, content):
    base = (
        "/admin/autocomplete/?app_label=briefs&model_name=brieforganisation"
        "&field_name=organisation&term="
    )
    for term in ["ttp", "Pakistani Taliban", "tehrik"]:
        results = analyst_client.get(base + term).json()["results"]
        assert [r["id"] for r in results] == [str(content["organisation"].pk)], term


def test_pages_analysts_may_not_use_are_refused(analyst_client, content):
    brief = content["brief"]
    for url in [
        "/admin/briefs/sitesettings/",
        "/admin/briefs/sitesettings/add/",
        f"/admin/briefs/brief/{brief.pk}/delete/",
        f"/admin/actors/organisation/{content['organisation'].pk}/delete/",
        "/admin/auth/user/",
    ]:
        assert analyst_client.get(url).status_code == 403, url
    assert (
        analyst_client.post(f"/admin/briefs/brief/{brief.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Brief.objects.filter(pk=brief.pk).exists()


# -- the add form ----------------------------------------------------------------------


def test_add_form_offers_the_three_house_headings_first_and_in_order(analyst_client):
    response = analyst_client.get("/admin/briefs/brief/add/")
    assert response.status_code == 200
    prefix = inline_prefix(response, Section)
    data = form_data(response)
    assert [data[f"{prefix}-{i}-heading"] for i in range(3)] == STANDARD_HEADINGS
    assert [data[f"{prefix}-{i}-order"] for i in range(3)] == ["0", "1", "2"]
    html = response.content.decode()
    datalist = html[html.index('<datalist id="house-headings">') :]
    datalist = datalist[: datalist.index("</datalist>")]
    assert datalist.count("<option") == 3
    positions = [datalist.index(f'value="{h}"') for h in STANDARD_HEADINGS]
    assert positions == sorted(positions)
    assert f'name="{prefix}-0-heading"' in html and 'list="house-headings"' in html


def test_creating_a_brief_stores_it_with_one_revision_including_its_sections(analyst_client):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    colleague = factories.analyst(username="colleague")
    data = new_brief_data(analyst_client, organisation=ttp, authors=[colleague])
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 302, response.context["errors"]
    brief = Brief.objects.get()
    assert brief.status == Status.DRAFT
    assert brief.slug == "pakistani-delegation-visits-kabul"
    assert list(brief.sections.values_list("heading", flat=True)) == STANDARD_HEADINGS
    assert "defence minister met officials" in brief.sections.first().body
    assert list(brief.sources.values_list("outlet", flat=True)) == ["The Express Tribune"]
    assert list(brief.organisations.all()) == [ttp]
    assert list(brief.authors.all()) == [colleague]
    assert sorted(brief.tags.names()) == ["Pakistan", "TTP"]
    assert brief.created_by.username == "analyst"

    assert brief.history.count() == 1
    record = brief.history.get()
    assert record.history_user.username == "analyst"
    revision = editing.revision(brief, record.history_id)
    assert [s.heading for s in revision.sections] == STANDARD_HEADINGS
    assert [s.title for s in revision.sources] == ["Delegation meets Taliban leaders"]
    assert revision.organisation_ids == {ttp.pk}


# -- editing a published brief, and publishing it again ---------------------------------


def test_editing_a_published_brief_makes_a_working_copy_until_an_editor_publishes(
    client, analyst, editor, brief_in
):
    brief = brief_in(Status.PUBLISHED, by=editor, body="The delegation met officials in Kabul.")
    client.force_login(analyst)
    response, _ = edit_brief(
        client, brief, section_0="The delegation met Taliban ministers in Kabul."
    )
    assert response.status_code == 302
    assert brief.sections.first().body == "The delegation met Taliban ministers in Kabul."
    brief.refresh_from_db()
    assert brief.status == Status.PUBLISHED
    # Readers still see the approved text.
    assert "met officials in Kabul" in live_text(brief)
    assert "Taliban ministers" not in live_text(brief)
    # The list says so.
    listing = client.get(CHANGELIST).content.decode()
    assert "Unpublished changes" in listing
    row = listing[listing.index(f'href="{change_url(brief)}"') :]
    cell = row[row.index('class="field-unpublished_changes"') :][:120]
    # Written as a state, not as a tick or a red cross.
    assert 'class="field-unpublished_changes">Unpublished changes</td>' in cell
    # The change page too.
    page = client.get(change_url(brief)).content.decode()
    assert "Has unpublished changes" in page

    client.force_login(editor)
    response, _ = edit_brief(client, brief, _transition="publish")
    assert response.status_code == 302
    assert any("publish done" in m for m in messages_of(response))
    assert "Taliban ministers" in live_text(brief)
    assert Publication.objects.live().filter(brief=brief).count() == 1
    listing = client.get(CHANGELIST).content.decode()
    row = listing[listing.index(f'href="{change_url(brief)}"') :]
    assert 'class="field-unpublished_changes">None</td>' in row


def test_an_analyst_can_remove_a_section_and_a_link_from_a_draft(analyst_client, analyst, content):
    brief = content["brief"]
    response = analyst_client.get(change_url(brief))
    data = form_data(response)
    data[f"{inline_prefix(response, Section)}-2-DELETE"] = "on"
    data[f"{inline_prefix(response, BriefOrganisation)}-0-DELETE"] = "on"
    assert analyst_client.post(change_url(brief), data).status_code == 302
    assert list(brief.sections.values_list("heading", flat=True)) == STANDARD_HEADINGS[:2]
    assert not brief.organisations.exists()
    latest = brief.history.latest("history_date")
    assert len(editing.revision(brief, latest.history_id).sections) == 2


def test_an_unchanged_form_writes_no_revision(editor_client, editor, brief_in):
    brief = brief_in(Status.DRAFT, by=editor)
    before = brief.history.count()
    response, _ = edit_brief(editor_client, brief)
    assert response.status_code == 302
    assert brief.history.count() == before


# -- an analyst cannot publish or withdraw by any route (issue 3, point 2) ---------------


def test_a_status_field_in_the_form_changes_nothing(analyst_client, analyst, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst)
    response, _ = edit_brief(
        analyst_client,
        brief,
        status="published",
        first_published_at="2023-02-22 10:00",
        section_0="New first paragraph.",
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.status == Status.DRAFT
    assert brief.first_published_at is None
    assert brief.sections.first().body == "New first paragraph."  # the edit itself is kept
    assert not Publication.objects.exists()
    assert not Transition.objects.exists()
    assert any("state" in m.lower() and "ignored" in m.lower() for m in messages_of(response))


@pytest.mark.parametrize(
    "action, start",
    [
        ("publish", Status.DRAFT),
        ("publish", Status.REVIEW),
        ("withdraw", Status.PUBLISHED),
        ("return_to_draft", Status.REVIEW),
    ],
)
def test_workflow_buttons_are_refused_to_an_analyst(
    client, analyst, editor, brief_in, action, start
):
    brief = brief_in(start, by=editor)
    publications = list(Publication.objects.values_list("pk", "ends_at"))
    client.force_login(analyst)
    page = client.get(change_url(brief)).content.decode()
    assert f'value="{action}"' not in page
    response, _ = edit_brief(
        client, brief, _transition=action, _transition_comment="Crafted by hand"
    )
    brief.refresh_from_db()
    assert brief.status == start
    assert list(Publication.objects.values_list("pk", "ends_at")) == publications
    assert not Transition.objects.filter(by=analyst).exists()
    label = workflow.LABELS[action].lower()
    assert any(f"permission to {label}" in m for m in messages_of(response)), messages_of(response)


@pytest.mark.parametrize(
    "action, start", [("publish", Status.REVIEW), ("withdraw", Status.PUBLISHED)]
)
def test_bulk_publish_and_withdraw_are_refused_to_an_analyst(
    client, analyst, editor, brief_in, action, start
):
    brief = brief_in(start, by=editor)
    live_before = list(Publication.objects.live())
    client.force_login(analyst)
    listing = client.get(CHANGELIST)
    offered = [value for value, _ in listing.context["action_form"].fields["action"].choices]
    assert action not in offered
    assert "submit_for_review" in offered
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(brief.pk)], "index": "0"}
    response = client.post(CHANGELIST, data)
    assert response.status_code == 302
    # The comment step of withdraw is refused too.
    response2 = client.post(CHANGELIST, {**data, "apply": "1", "comment": "Mine now"})
    brief.refresh_from_db()
    assert brief.status == start
    assert list(Publication.objects.live()) == live_before
    assert Transition.objects.filter(by=analyst).count() == 0
    for r in (response, response2):
        assert any(f"permission to {action}" in m for m in messages_of(r)), messages_of(r)


def test_restoring_a_published_revision_does_not_republish(client, analyst, editor, brief_in):
    brief = brief_in(Status.WITHDRAWN, by=editor)
    published = brief.history.filter(status=Status.PUBLISHED).latest("history_date")
    client.force_login(analyst)
    response = client.post(f"/admin/briefs/brief/{brief.pk}/restore/{published.history_id}/")
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.status == Status.WITHDRAWN
    assert not Publication.objects.live().exists()
    assert brief.history.latest("history_date").status == Status.WITHDRAWN
    assert any("working copy" in m for m in messages_of(response))


def test_save_as_new_is_refused(analyst_client, analyst, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    response, _ = edit_brief(
        analyst_client,
        brief,
        _saveasnew="Save as new",
        title="A copy",
        slug="a-copy",
        _transition="publish",
    )
    assert Brief.objects.count() == 1
    assert Publication.objects.count() == 1
    assert not Publication.objects.filter(title="A copy").exists()
    assert any("save as new" in m.lower() for m in messages_of(response)), messages_of(response)


def test_the_old_version_form_of_simple_history_saves_nothing(client, analyst, editor, brief_in):
    """simple-history's per-revision page must not be a way round restore and review."""
    brief = brief_in(Status.WITHDRAWN, by=editor, body="Approved text.")
    client.force_login(editor)
    edit_brief(client, brief, section_0="Later text.")
    published = brief.history.filter(status=Status.PUBLISHED).latest("history_date")
    url = f"/admin/briefs/brief/{brief.pk}/history/{published.history_id}/"
    client.force_login(analyst)
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    version = Brief.objects.get(pk=brief.pk).version
    # A crafted POST can carry the current version and so pass the edit-conflict check.
    data.update(
        title="Changed on the old-version page", _transition="publish", loaded_version=str(version)
    )
    response = client.post(url, data)
    brief.refresh_from_db()
    assert brief.title != "Changed on the old-version page"
    assert (brief.status, brief.version) == (Status.WITHDRAWN, version)
    assert not Publication.objects.live().exists()
    assert messages_of(response)


def test_the_old_version_page_of_an_organisation_saves_nothing(analyst_client, content):
    org = content["organisation"]
    first = org.history.earliest("history_date")
    org.name = "Tehreek-e-Taliban Pakistan"
    org.save()
    url = f"/admin/actors/organisation/{org.pk}/history/{first.history_id}/"
    data = form_data(analyst_client.get(url))
    assert data["name"] == "Tehrik-i-Taliban Pakistan"
    response = analyst_client.post(url, data)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Tehreek-e-Taliban Pakistan"
    assert org.history.count() == 2
    assert any("nothing was changed" in m for m in messages_of(response))


# -- bulk actions ------------------------------------------------------------------------


def _bulk(client, action, briefs, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(b.pk) for b in briefs], "index": "0"}
    return client.post(CHANGELIST, {**data, **extra})


def test_bulk_submit_and_publish_by_an_editor(editor_client, editor, analyst, brief_in):
    drafts = [brief_in(Status.DRAFT, by=analyst, title=f"Draft {i}") for i in range(2)]
    untouched = brief_in(Status.DRAFT, by=analyst, title="Not selected")
    response = _bulk(editor_client, "submit_for_review", drafts)
    assert response.status_code == 302
    assert any("Submit for review: 2 of 2" in m for m in messages_of(response))
    assert {b.status for b in Brief.objects.filter(pk__in=[d.pk for d in drafts])} == {
        Status.REVIEW
    }
    untouched.refresh_from_db()
    assert untouched.status == Status.DRAFT

    response = _bulk(editor_client, "publish", drafts)
    assert response.status_code == 302
    assert set(Publication.objects.live().values_list("brief_id", flat=True)) == {
        d.pk for d in drafts
    }
    assert Transition.objects.filter(to_status=Status.PUBLISHED, by=editor).count() == 2


def test_bulk_publish_reports_the_briefs_it_cannot_move(editor_client, analyst, brief_in):
    ready = brief_in(Status.REVIEW, by=analyst, title="Ready")
    draft = brief_in(Status.DRAFT, by=analyst, title="Not ready")
    response = _bulk(editor_client, "publish", [ready, draft])
    found = messages_of(response)
    assert any("Publish: 1 of 2" in m for m in found)
    assert any("Not ready" in m and "draft" in m for m in found)
    assert list(Publication.objects.values_list("brief_id", flat=True)) == [ready.pk]


@pytest.mark.parametrize(
    "action, start, end",
    [
        ("return_to_draft", Status.REVIEW, Status.DRAFT),
        ("withdraw", Status.PUBLISHED, Status.WITHDRAWN),
    ],
)
def test_bulk_actions_that_need_a_comment_ask_for_it_first(
    editor_client, editor, brief_in, action, start, end
):
    briefs = [brief_in(start, by=editor, title=f"Brief {i}") for i in range(2)]
    page = _bulk(editor_client, action, briefs)
    assert page.status_code == 200
    assert "needs a comment" in page.content.decode()
    assert all(b.title in page.content.decode() for b in briefs)
    assert {b.status for b in Brief.objects.all()} == {start}

    # Confirming without a comment asks again and changes nothing.
    again = _bulk(editor_client, action, briefs, apply="1", comment="  ")
    assert again.status_code == 200
    assert "Write a comment." in again.content.decode()
    assert {b.status for b in Brief.objects.all()} == {start}

    done = _bulk(editor_client, action, briefs, apply="1", comment="Sources disputed.")
    assert done.status_code == 302
    assert {b.status for b in Brief.objects.all()} == {end}
    comments = Transition.objects.filter(to_status=end).values_list("comment", flat=True)
    assert list(comments) == ["Sources disputed."] * 2
    if action == "withdraw":
        assert not Publication.objects.live().exists()


# -- list filters -------------------------------------------------------------------------


def _listed(client, query) -> list[str]:
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200
    return sorted(b.title for b in response.context["cl"].result_list)


def test_filter_by_state(editor_client, editor, brief_in):
    brief_in(Status.DRAFT, by=editor, title="A draft")
    brief_in(Status.REVIEW, by=editor, title="In review")
    brief_in(Status.PUBLISHED, by=editor, title="Published")
    assert _listed(editor_client, "?status__exact=review") == ["In review"]
    assert _listed(editor_client, "?status__exact=published") == ["Published"]
    assert len(_listed(editor_client, "")) == 3


def test_my_drafts_for_an_analyst(analyst_client, analyst, brief_in):
    other = factories.analyst(username="other")
    mine = brief_in(Status.DRAFT, by=analyst, title="Mine, created")
    mine.created_by = analyst
    mine.save()
    coauthored = brief_in(Status.DRAFT, by=analyst, title="Mine, as author")
    coauthored.authors.set([analyst, other])
    both = brief_in(Status.DRAFT, by=analyst, title="Mine, both ways")
    both.created_by = analyst
    both.save()
    both.authors.set([analyst, other])
    theirs = brief_in(Status.DRAFT, by=analyst, title="Theirs")
    theirs.authors.set([other])
    submitted = brief_in(Status.REVIEW, by=analyst, title="Mine, submitted")
    submitted.authors.set([analyst])
    page = analyst_client.get(CHANGELIST)
    assert "My drafts" in page.content.decode()
    assert "Waiting for review" not in page.content.decode()
    assert _listed(analyst_client, "?queue=mine") == [
        "Mine, as author",
        "Mine, both ways",
        "Mine, created",
    ]


def test_waiting_for_review_for_an_editor(editor_client, editor, analyst, brief_in):
    brief_in(Status.DRAFT, by=analyst, title="A draft")
    brief_in(Status.REVIEW, by=analyst, title="Waiting one")
    brief_in(Status.REVIEW, by=analyst, title="Waiting two")
    assert "Waiting for review" in editor_client.get(CHANGELIST).content.decode()
    assert _listed(editor_client, "?queue=review") == ["Waiting one", "Waiting two"]


# -- the brief's page: state, buttons, log ---------------------------------------------


def _workflow_buttons(response) -> list[str]:
    html = response.content.decode()
    return [part.split(">", 1)[1].split("<", 1)[0] for part in html.split('name="_transition"')[1:]]


def test_an_analyst_on_a_draft_may_only_submit_it(analyst_client, analyst, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst)
    response = analyst_client.get(change_url(brief))
    assert response.context["original"].get_status_display() == "Draft"
    assert 'data-status="draft"' in response.content.decode()
    assert _workflow_buttons(response) == ["Save and submit for review"]


def test_an_editor_on_a_brief_in_review_may_return_or_publish_it(editor_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    response = editor_client.get(change_url(brief))
    assert "In review" in response.content.decode()
    assert _workflow_buttons(response) == ["Save and return to draft", "Save and publish"]


def test_an_analyst_on_a_brief_in_review_has_no_buttons(analyst_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    assert _workflow_buttons(analyst_client.get(change_url(brief))) == []


def test_the_add_form_offers_save_and_submit(analyst_client):
    response = analyst_client.get("/admin/briefs/brief/add/")
    assert _workflow_buttons(response) == ["Save and submit for review"]


def test_save_and_submit_from_the_add_form(analyst_client):
    data = new_brief_data(analyst_client)
    response = analyst_client.post(
        "/admin/briefs/brief/add/", {**data, "_transition": "submit_for_review"}
    )
    assert response.status_code == 302
    brief = Brief.objects.get()
    assert brief.status == Status.REVIEW
    assert brief.sections.count() == 3


def test_the_page_shows_the_log_with_comments(client, analyst, editor, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    client.force_login(editor)
    response, _ = edit_brief(
        client,
        brief,
        _transition="return_to_draft",
        _transition_comment="Add the casualty figures from Karachi.",
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.status == Status.DRAFT

    client.force_login(analyst)
    page = client.get(change_url(brief)).content.decode()
    log = page[page.index('class="workflow-log"') :]
    assert "Add the casualty figures from Karachi." in log
    assert "editor" in log and "In review → Draft" in log
    assert "Draft → In review" in log
    # The latest comment is open for the author to read.
    assert "<details open>" in page or "<details open" in page


def test_returning_to_draft_without_a_comment_is_refused_with_a_message(
    editor_client, analyst, brief_in
):
    brief = brief_in(Status.REVIEW, by=analyst)
    version = brief.version
    response, _ = edit_brief(
        editor_client, brief, _transition="return_to_draft", section_0="Edited, not saved."
    )
    # The form comes back with the error and the text as typed; nothing was saved.
    assert response.status_code == 200
    page = response.content.decode()
    assert "comment is required" in page
    assert "Edited, not saved." in page
    assert "changed successfully" not in page
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW
    assert brief.version == version
    assert brief.sections.first().body == "The delegation met officials in Kabul."


def test_scheduling_from_the_change_form(editor_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    response, _ = edit_brief(
        editor_client, brief, _transition="publish", _go_live_at="01/01/2999 09:00"
    )
    assert response.status_code == 302
    assert not Publication.objects.live().exists()
    # dd/mm/yyyy in the site's zone (Europe/London: GMT in January).
    go_live_at = Publication.objects.scheduled().get().go_live_at
    assert go_live_at == datetime.datetime(2999, 1, 1, 9, tzinfo=datetime.UTC)
    page = editor_client.get(change_url(brief)).content.decode()
    assert "Scheduled to go live on 01/01/2999 09:00 GMT" in page
    assert 'data-status="published">Scheduled</span>' in page


def test_a_go_live_time_is_read_in_the_site_time_zone(editor_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    edit_brief(editor_client, brief, _transition="publish", _go_live_at="01/07/2999 09:00")
    # British Summer Time: 09:00 in London is 08:00 UTC.
    go_live_at = Publication.objects.scheduled().get().go_live_at
    assert go_live_at == datetime.datetime(2999, 7, 1, 8, tzinfo=datetime.UTC)
    page = editor_client.get(change_url(brief)).content.decode()
    assert "Scheduled to go live on 01/07/2999 09:00 BST" in page


def test_a_go_live_time_in_the_past_is_refused(editor_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    response, _ = edit_brief(
        editor_client, brief, _transition="publish", _go_live_at="01/01/2001 09:00"
    )
    assert not Publication.objects.exists()
    assert response.status_code == 200
    assert "must be in the future" in response.content.decode()


# -- deleting what briefs and events link to ---------------------------------------------


@pytest.mark.parametrize("kind", ["organisation", "actor"])
def test_deleting_a_linked_organisation_or_actor_is_refused_naming_the_links(
    editor_client, content, kind
):
    obj = content[kind]
    model = Organisation if kind == "organisation" else Actor
    url = f"/admin/actors/{kind}/{obj.pk}/delete/"
    page = editor_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "protected" in html
    protected = [str(o) for o in page.context["protected"]]
    assert any("Delegation visits Kabul" in p for p in protected), protected
    assert any("Attack on the Karachi police office" in p for p in protected), protected
    response = editor_client.post(url, {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()
    assert response.status_code == 200  # the same refusal page, nothing deleted

    with pytest.raises(ProtectedError) as refused:
        model.objects.get(pk=obj.pk).delete()
    linked = {str(o) for o in refused.value.protected_objects}
    assert any("Delegation visits Kabul" in p for p in linked)
    assert model.objects.filter(pk=obj.pk).exists()


def test_an_unlinked_organisation_can_be_deleted_by_an_editor(editor_client):
    org = OrganisationFactory(name="Short-lived front")
    response = editor_client.post(f"/admin/actors/organisation/{org.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=org.pk).exists()


# -- image uploads ------------------------------------------------------------------------


def _png(width=40, height=40) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _upload_cover(client, brief, upload):
    response = client.get(change_url(brief))
    data = form_data(response)
    data["cover"] = upload
    data["cover_alt"] = "A meeting room"
    return client.post(change_url(brief), data)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_real_image_is_accepted(analyst_client, analyst, brief_in, media):
    brief = brief_in(Status.DRAFT, by=analyst)
    response = _upload_cover(
        analyst_client, brief, SimpleUploadedFile("meeting.png", _png(), "image/png")
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.cover.name.endswith(".png")
    assert (media / "private" / brief.cover.name).exists()


def _refused(response, brief, media, fragment):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["cover"]
    assert any(fragment in e for e in errors), errors
    assert fragment in response.content.decode()
    stored = Brief.objects.get(pk=brief.pk)
    assert not stored.cover and stored.cover_alt == ""
    assert not any(p.is_file() for p in media.rglob("*"))


def test_a_fake_image_is_refused(analyst_client, analyst, brief_in, media):
    brief = brief_in(Status.DRAFT, by=analyst)
    fake = SimpleUploadedFile("photo.jpg", b"this is plain text, not a JPEG\n" * 20, "image/jpeg")
    _refused(_upload_cover(analyst_client, brief, fake), brief, media, "valid image")


def test_an_image_too_large_in_bytes_is_refused(analyst_client, analyst, brief_in, media, settings):
    settings.MAX_IMAGE_BYTES = 200
    brief = brief_in(Status.DRAFT, by=analyst)
    big = SimpleUploadedFile("big.png", _png(200, 200) + b"\0" * 500, "image/png")
    _refused(_upload_cover(analyst_client, brief, big), brief, media, "the largest allowed is")


def test_an_image_too_large_in_pixels_is_refused(
    analyst_client, analyst, brief_in, media, settings
):
    settings.MAX_IMAGE_PIXELS = 1000
    brief = brief_in(Status.DRAFT, by=analyst)
    wide = SimpleUploadedFile("wide.png", _png(100, 20), "image/png")
    _refused(_upload_cover(analyst_client, brief, wide), brief, media, "100×20 pixels")


# -- preview ----------------------------------------------------------------------------


def test_preview_shows_the_working_copy_never_cached(client, analyst, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor, body="The delegation met officials in Kabul.")
    client.force_login(analyst)
    edit_brief(
        client,
        brief,
        title="Delegation returns from Kabul",
        section_0="The delegation returned with no agreement.",
    )
    response = client.get(f"/admin/briefs/brief/{brief.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The delegation returned with no agreement." in html
    assert "Delegation returns from Kabul" in html
    assert "met officials in Kabul" not in html
    assert "met officials in Kabul" in live_text(brief)  # readers still get the approved text
    assert response["Cache-Control"] == "private, no-store"


def test_preview_of_a_draft_for_an_editor(editor_client, analyst, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst, body="Not yet reviewed text.")
    response = editor_client.get(f"/admin/briefs/brief/{brief.pk}/preview/")
    assert response.status_code == 200
    assert "Not yet reviewed text." in response.content.decode()
    assert not Publication.objects.exists()


def test_preview_is_for_staff_only(client, analyst, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst, body="Secret draft text.")
    url = f"/admin/briefs/brief/{brief.pk}/preview/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Secret draft text." not in response.content.decode()
    reader = factories.UserFactory(username="reader", is_staff=False)
    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_view_on_site_goes_to_the_public_page_once_live(editor_client, editor, brief_in):
    draft = brief_in(Status.DRAFT, by=editor, title="Still a draft")
    page = editor_client.get(change_url(draft)).content.decode()
    assert "viewsitelink" not in page
    brief = brief_in(Status.PUBLISHED, by=editor, title="Delegation visits Kabul")
    html = editor_client.get(change_url(brief)).content.decode()
    assert '<a href="/briefs/delegation-visits-kabul/" class="viewsitelink">' in html
    assert editor_client.get("/briefs/delegation-visits-kabul/").status_code == 200
