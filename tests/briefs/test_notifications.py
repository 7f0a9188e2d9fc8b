"""Mails on each workflow step (issue #10, point 7), sent by Django's locmem backend.

Every step is taken as people take it, through the admin's buttons and the desk's
forms. The mails go out when the transaction commits: pytest-django's
`django_capture_on_commit_callbacks(execute=True)` runs them at that moment, since a
test's own transaction never commits.
"""

import datetime
import logging

import pytest
from django.core import mail
from django.utils import timezone

from briefs.models import Brief, MailPreferences, Publication, Transition
from briefs.publishing import workflow
from tests import factories
from tests.briefs.admin_forms import edit_brief

Status = Brief.Status


@pytest.fixture
def people(db):
    """Two analysts writing together, two editors, and an analyst who is not involved."""
    return {
        "ana": factories.analyst(username="ana", first_name="Sana", last_name="Qureshi"),
        "co": factories.analyst(username="co", first_name="Omar", last_name="Farooq"),
        "bystander": factories.analyst(username="bystander"),
        "ed": factories.editor(username="ed", first_name="Daniel", last_name="Hartley"),
        "ed2": factories.editor(username="ed2", first_name="Ruth", last_name="Mensah"),
    }


@pytest.fixture
def brief(people, brief_in):
    brief = brief_in(Status.DRAFT, by=people["ana"])
    brief.authors.set([people["ana"], people["co"]])
    return brief


def _to(messages) -> list[str]:
    return sorted(address for m in messages for address in m.to)


def _step(client, user, brief, django_capture_on_commit_callbacks, **fields):
    client.force_login(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response, _ = edit_brief(client, brief, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return list(mail.outbox)


def test_submitting_mails_the_named_editor_only(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    sent = _step(
        client,
        people["ana"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="submit_for_review",
        _editor=str(people["ed2"].pk),
    )
    assert _to(sent) == ["ed2@example.org"]
    message = sent[0]
    assert message.subject == f"[TAP CMS] Waiting for your review: {brief.title}"
    assert "Sana Qureshi submitted" in message.body
    assert f"/admin/briefs/brief/{brief.pk}/change/" in message.body
    brief.refresh_from_db()
    assert brief.assigned_editor == people["ed2"]


def test_submitting_without_a_name_mails_every_editor(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    sent = _step(
        client,
        people["ana"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="submit_for_review",
    )
    # One mail each: editors do not see each other's addresses. No analyst is told.
    assert [m.to for m in sent] == [["ed@example.org"], ["ed2@example.org"]]
    brief.refresh_from_db()
    assert brief.assigned_editor is None


def test_returning_mails_the_authors_with_the_comment_in_full(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.submit_for_review(brief, by=people["ana"])
    comment = (
        "Name the ISI chief who went along.\n\nAnd give the Karachi figures: 4 killed, 14 injured."
    )
    sent = _step(
        client,
        people["ed"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="return_to_draft",
        _transition_comment=comment,
    )
    assert _to(sent) == ["ana@example.org", "co@example.org"]
    assert sent[0].subject == f"[TAP CMS] Returned to you: {brief.title}"
    assert comment in sent[0].body
    assert "Daniel Hartley returned" in sent[0].body


def test_publishing_now_mails_the_authors_but_not_the_editor_who_did_it(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    brief.authors.add(people["ed"])
    workflow.submit_for_review(brief, by=people["ana"])
    sent = _step(
        client, people["ed"], brief, django_capture_on_commit_callbacks, _transition="publish"
    )
    assert _to(sent) == ["ana@example.org", "co@example.org"]
    assert sent[0].subject == f"[TAP CMS] Published: {brief.title}"


def test_scheduling_mails_the_authors_the_time_in_the_site_zone(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.submit_for_review(brief, by=people["ana"])
    sent = _step(
        client,
        people["ed"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="publish",
        _go_live_at="01/07/2999 09:00",
    )
    assert _to(sent) == ["ana@example.org", "co@example.org"]
    assert sent[0].subject == f"[TAP CMS] Scheduled: {brief.title}"
    assert "It goes live on 01/07/2999 09:00 BST." in sent[0].body


def test_withdrawing_mails_the_authors_with_the_reason(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.submit_for_review(brief, by=people["ana"])
    workflow.publish(brief, by=people["ed"])
    sent = _step(
        client,
        people["ed"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="withdraw",
        _transition_comment="The visit's date was wrong.",
    )
    assert _to(sent) == ["ana@example.org", "co@example.org"]
    assert sent[0].subject == f"[TAP CMS] Withdrawn: {brief.title}"
    assert "The visit's date was wrong." in sent[0].body


def test_rescheduling_and_cancelling_on_the_desk_mail_the_authors(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.submit_for_review(brief, by=people["ana"])
    workflow.publish(brief, by=people["ed"], at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(people["ed"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/desk/{brief.pk}/reschedule/",
            {"go_live_at": "02/01/2999 18:30", "comment": "After the minister's statement."},
        )
    assert [m.subject for m in mail.outbox] == [f"[TAP CMS] Rescheduled: {brief.title}"] * 2
    assert "to 02/01/2999 18:30 GMT: After the minister's statement." in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/desk/{brief.pk}/cancel-schedule/")
    assert _to(mail.outbox) == ["ana@example.org", "co@example.org"]
    assert mail.outbox[0].subject == f"[TAP CMS] Publication cancelled: {brief.title}"


def test_a_kind_turned_off_on_the_profile_page_is_not_sent(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(people["co"])
    data = {f"mail-{kind}": "on" for kind in ("submitted", "published", "scheduled", "withdrawn")}
    response = client.post("/admin/profile/", {**data, "_mail": "Save"})
    assert response.status_code == 302
    preferences = MailPreferences.objects.get(user=people["co"])
    assert not preferences.returned and preferences.published
    page = client.get("/admin/profile/").content.decode()
    assert "errorlist" not in page  # the page, opened, shows no form as sent empty
    assert 'name="mail-returned"' in page and 'name="mail-returned" checked' not in page

    workflow.submit_for_review(brief, by=people["ana"])
    sent = _step(
        client,
        people["ed"],
        brief,
        django_capture_on_commit_callbacks,
        _transition="return_to_draft",
        _transition_comment="Shorter, please.",
    )
    assert _to(sent) == ["ana@example.org"]  # co turned returns off
    workflow.submit_for_review(brief, by=people["ana"])
    sent = _step(
        client, people["ed"], brief, django_capture_on_commit_callbacks, _transition="publish"
    )
    assert _to(sent) == ["ana@example.org", "co@example.org"]  # publications still come


def test_a_mail_server_that_refuses_leaves_the_step_done_and_logs_it(
    client, people, brief, settings, caplog, django_capture_on_commit_callbacks
):
    # A real SMTP backend, pointed at a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    client.force_login(people["ana"])
    with caplog.at_level(logging.ERROR, logger="briefs.publishing.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            response, _ = edit_brief(client, brief, _transition="submit_for_review")
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW
    assert Transition.objects.filter(brief=brief, to_status=Status.REVIEW).count() == 1
    assert f"The submitted mail about brief {brief.pk} was not sent" in caplog.text


def test_a_refused_step_sends_nothing(
    client, people, brief, mailoutbox, django_capture_on_commit_callbacks
):
    # An analyst may not publish: nothing changes, nobody is told.
    workflow.submit_for_review(brief, by=people["ana"])
    mail.outbox.clear()
    client.force_login(people["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        edit_brief(client, brief, _transition="publish")
    assert mail.outbox == []
    assert not Publication.objects.exists()
