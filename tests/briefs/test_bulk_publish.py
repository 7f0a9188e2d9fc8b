"""Publishing from the brief list approves the version submitted for review (issue #10).

The list shows no text: a brief edited after its submission is refused there, named in
the message, and left for its own page, where the editor sees what they publish.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from briefs.models import Brief, Publication, Transition
from briefs.publishing import workflow
from tests.briefs.admin_forms import edit_brief, messages_of

pytestmark = pytest.mark.django_db

Status = Brief.Status
CHANGELIST = "/admin/briefs/brief/"


def _bulk_publish(client, briefs):
    data = {"action": "publish", ACTION_CHECKBOX_NAME: [str(b.pk) for b in briefs], "index": "0"}
    return client.post(CHANGELIST, data)


def test_bulk_publish_refuses_a_brief_edited_after_submission_and_names_it(
    client, analyst, editor, brief_in
):
    ready = brief_in(Status.REVIEW, by=analyst, title="Delegation visits Kabul")
    edited = brief_in(Status.REVIEW, by=analyst, title="Karachi police office attack")
    client.force_login(analyst)
    response, _ = edit_brief(client, edited, section_0="Four were killed and 14 injured.")
    assert response.status_code == 302

    client.force_login(editor)
    response = _bulk_publish(client, [ready, edited])

    assert response.status_code == 302
    assert list(Publication.objects.values_list("brief__title", flat=True)) == [ready.title]
    edited.refresh_from_db()
    assert edited.status == Status.REVIEW
    said = messages_of(response)
    assert "Publish: 1 of 2 briefs." in said
    refusal = [m for m in said if m.startswith("“Karachi police office attack”")]
    assert refusal and "changed after it was submitted for review" in refusal[0], said


def test_a_brief_edited_after_submission_is_published_from_its_own_page(
    client, analyst, editor, brief_in
):
    brief = brief_in(Status.REVIEW, by=analyst)
    client.force_login(analyst)
    edit_brief(client, brief, section_0="The delegation met the Taliban's deputy prime minister.")
    client.force_login(editor)
    assert not Publication.objects.exists()
    _bulk_publish(client, [brief])
    assert not Publication.objects.exists()

    response, _ = edit_brief(client, brief, _transition="publish")

    assert response.status_code == 302
    publication = Publication.objects.live().get()
    assert "deputy prime minister" in publication.content["text"]


def test_resubmitting_the_edited_brief_lets_the_list_publish_it(client, analyst, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    client.force_login(analyst)
    edit_brief(client, brief, section_0="Revised: the delegation met ministers in Kabul.")
    brief.refresh_from_db()
    client.force_login(editor)
    _bulk_publish(client, [brief])
    assert Publication.objects.count() == 1  # a re-publish of an unreviewed edit: refused

    workflow.submit_for_review(brief, by=analyst)
    _bulk_publish(client, [brief])

    assert Publication.objects.count() == 2
    assert "Revised" in Publication.objects.live().get().content["text"]
    submitted = Transition.objects.filter(brief=brief, to_status=Status.REVIEW).first()
    assert submitted.brief_version == Publication.objects.live().get().brief_version


def test_the_change_form_publish_keeps_its_version_check(client, analyst, editor, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    client.force_login(editor)
    page = client.get(f"/admin/briefs/brief/{brief.pk}/change/")
    opened = page.context["adminform"].form["loaded_version"].value()
    client.force_login(analyst)
    edit_brief(client, brief, section_0="Saved by the analyst while the editor read.")

    client.force_login(editor)
    response, _ = edit_brief(client, brief, _transition="publish", loaded_version=str(opened))

    assert response.status_code == 200  # the form comes back with the conflict
    assert not Publication.objects.exists()
    assert "after you opened it" in response.content.decode()
