"""The editor's choices in the admin: withdraw with notice or take down; update,
correction or minor edit on re-publishing."""

import pytest

from briefs.models import Brief, Notice, Publication, Transition
from tests.briefs.admin_forms import edit_brief, messages_of
from tests.briefs.test_admin import _bulk

Status = Brief.Status
CORRECTION = "The visit took place on 22 February, not 21 February."


def test_withdrawing_offers_notice_by_default_and_take_down(editor_client, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    page = editor_client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    assert 'name="_withdraw_mode" value="notice" checked' in page
    assert 'name="_withdraw_mode" value="takedown"' in page
    edit_brief(
        editor_client,
        brief,
        _transition="withdraw",
        _transition_comment="Legal: court order.",
        _withdraw_mode="takedown",
    )
    brief.refresh_from_db()
    assert brief.status == Status.WITHDRAWN
    assert not Notice.objects.exists()
    assert Transition.objects.filter(to_status=Status.WITHDRAWN).get().comment == (
        "Taken down: Legal: court order."
    )
    assert editor_client.get(f"/briefs/{brief.slug}/").status_code == 404


def test_withdrawing_with_notice_through_the_form_answers_410(editor_client, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    edit_brief(
        editor_client, brief, _transition="withdraw", _transition_comment="Source retracted."
    )
    assert Notice.objects.get().text == "Source retracted."
    editor_client.logout()
    assert editor_client.get(f"/briefs/{brief.slug}/").status_code == 410


def test_bulk_withdraw_asks_how(editor_client, editor, brief_in):
    briefs = [brief_in(Status.PUBLISHED, by=editor, title=f"Brief {i}") for i in range(2)]
    page = _bulk(editor_client, "withdraw", briefs).content.decode()
    assert 'value="takedown"' in page
    _bulk(
        editor_client,
        "withdraw",
        briefs,
        apply="1",
        comment="Legal.",
        withdraw_mode="takedown",
    )
    assert not Notice.objects.exists()
    assert set(Brief.objects.values_list("status", flat=True)) == {Status.WITHDRAWN}


def test_republishing_with_a_correction_through_the_form(editor_client, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    response, _ = edit_brief(editor_client, brief, section_0="The visit was on 22 February.")
    brief.refresh_from_db()
    page = editor_client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    assert 'name="_change" value="correction"' in page
    edit_brief(editor_client, brief, _transition="submit_for_review")
    refused, _ = edit_brief(
        editor_client, brief, _transition="publish", _change="correction", _correction=""
    )
    assert any("Write the correction" in m for m in messages_of(refused))
    assert Publication.objects.filter(brief=brief).count() == 1
    edit_brief(
        editor_client, brief, _transition="publish", _change="correction", _correction=CORRECTION
    )
    current = Publication.objects.current().get(brief=brief)
    assert current.corrections[0]["text"] == CORRECTION
    editor_client.logout()
    assert CORRECTION in editor_client.get(f"/briefs/{brief.slug}/").content.decode()
    assert CORRECTION in editor_client.get("/corrections/").content.decode()


def test_a_first_publication_offers_no_correction(editor_client, editor, brief_in):
    brief = brief_in(Status.REVIEW, by=editor)
    page = editor_client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    assert 'name="_change"' not in page


@pytest.mark.parametrize("change", ["minor", "update"])
def test_republishing_as_minor_or_update(editor_client, editor, brief_in, change):
    brief = brief_in(Status.PUBLISHED, by=editor)
    edit_brief(editor_client, brief, section_0="Typo fixed.")
    edit_brief(editor_client, brief, _transition="submit_for_review")
    edit_brief(editor_client, brief, _transition="publish", _change=change)
    current = Publication.objects.current().get(brief=brief)
    assert (current.updated_on is None) == (change == "minor")
