"""Two people edit the same brief: the later save over the earlier one is refused."""

from django.test import Client
from django.utils import timezone

from briefs.models import Brief, Section
from tests import factories
from tests.briefs.admin_forms import form_data, inline_prefix, messages_of

Status = Brief.Status


def _open(client, brief):
    response = client.get(f"/admin/briefs/brief/{brief.pk}/change/")
    assert response.status_code == 200
    return form_data(response), inline_prefix(response, Section)


def test_a_stale_save_is_refused_and_keeps_what_was_typed(analyst, editor, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst, body="The delegation met officials in Kabul.")
    a = Client()
    a.force_login(editor)
    b = Client()
    b.force_login(analyst)
    url = f"/admin/briefs/brief/{brief.pk}/change/"

    a_data, sections = _open(a, brief)
    b_data, _ = _open(b, brief)
    assert a_data["loaded_version"] == b_data["loaded_version"]

    a_data[f"{sections}-0-body"] = "A's text: the delegation met the Taliban's ministers."
    a_data["title"] = "Talks in Kabul"
    response = a.post(url, a_data)
    assert response.status_code == 302
    revisions = brief.history.count()

    b_data[f"{sections}-0-body"] = "B's text: a long paragraph B typed carefully."
    b_data["summary"] = "B's summary."
    response = b.post(url, b_data)
    assert response.status_code == 200  # the form again, not a redirect

    # The message names who saved, and when.
    form = response.context["adminform"].form
    errors = " ".join(form.non_field_errors())
    assert editor.get_full_name() in errors
    assert f"{timezone.localtime(brief.history.latest('history_date').history_date):%H:%M}" in (
        errors
    )
    html = response.content.decode()
    assert editor.get_full_name() in html
    # What B typed is in the form shown back: nothing typed is lost.
    assert "B&#x27;s text: a long paragraph B typed carefully." in html
    assert "B&#x27;s summary." in html
    # A's save stands, and B wrote nothing.
    brief.refresh_from_db()
    assert brief.title == "Talks in Kabul"
    assert brief.summary != "B's summary."
    assert brief.sections.first().body.startswith("A's text")
    assert brief.history.count() == revisions
    assert not any("successfully" in m for m in messages_of(response))


def test_reopening_after_a_conflict_saves(analyst, editor, brief_in):
    brief = brief_in(Status.DRAFT, by=analyst)
    a, b = Client(), Client()
    a.force_login(editor)
    b.force_login(analyst)
    url = f"/admin/briefs/brief/{brief.pk}/change/"
    a_data, sections = _open(a, brief)
    b_data, _ = _open(b, brief)
    a_data["title"] = "First"
    assert a.post(url, a_data).status_code == 302
    b_data["title"] = "Second"
    assert b.post(url, b_data).status_code == 200
    fresh, _ = _open(b, brief)
    fresh["title"] = "Second"
    assert b.post(url, fresh).status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Second"


def test_a_transition_in_between_is_not_a_conflict(analyst, editor, brief_in):
    """Submitting for review does not change the text, so an open form still saves."""
    brief = brief_in(Status.DRAFT, by=analyst)
    other = factories.analyst(username="second-analyst")
    a, b = Client(), Client()
    a.force_login(other)
    b.force_login(analyst)
    url = f"/admin/briefs/brief/{brief.pk}/change/"
    b_data, sections = _open(b, brief)
    a_data, _ = _open(a, brief)
    a.post(url, {**a_data, "_transition": "submit_for_review"})
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW
    b_data[f"{sections}-0-body"] = "Still editing."
    assert b.post(url, b_data).status_code == 302
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW  # the old form did not put it back to draft
    assert brief.sections.first().body == "Still editing."
