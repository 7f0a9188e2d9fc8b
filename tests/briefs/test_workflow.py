"""Every transition: the allowed move, a wrong state, a missing permission, the record."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from briefs.models import Brief, Publication, Transition
from briefs.publishing import workflow
from tests.factories import BriefFactory, SectionFactory, analyst, edit_working_copy, editor

Status = Brief.Status


def in_state(status, **kwargs):
    brief = BriefFactory(status=status, **kwargs)
    SectionFactory(brief=brief, body="The delegation met officials in Kabul.")
    return brief


def publish_now(brief, by):
    if brief.status == Status.DRAFT:
        workflow.submit_for_review(brief, by=by)
    return workflow.publish(brief, by=by)


# -- submit_for_review -------------------------------------------------------------


@pytest.mark.parametrize("start", [Status.DRAFT, Status.WITHDRAWN])
def test_submit_for_review_moves_to_review(db, analyst, start):
    brief = in_state(start)
    workflow.submit_for_review(brief, by=analyst)
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW
    log = Transition.objects.get(brief=brief)
    assert (log.from_status, log.to_status, log.by) == (start, Status.REVIEW, analyst)


def test_submit_for_review_writes_exactly_one_history_row_with_reason(db, analyst):
    brief = in_state(Status.DRAFT)
    before = brief.history.count()
    workflow.submit_for_review(brief, by=analyst, comment="Ready for a look")
    assert brief.history.count() == before + 1
    latest = brief.history.latest("history_date")
    assert latest.history_change_reason == "In review: Ready for a look"
    assert latest.history_user == analyst


def test_submit_for_review_refused_from_review(db, analyst):
    brief = in_state(Status.REVIEW)
    with pytest.raises(workflow.TransitionNotAllowed, match="in review"):
        workflow.submit_for_review(brief, by=analyst)
    assert not Transition.objects.exists()


def test_submit_for_review_needs_change_permission(db):
    reader = analyst(username="nobody")
    reader.groups.clear()
    brief = in_state(Status.DRAFT)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(brief, by=reader)
    brief.refresh_from_db()
    assert brief.status == Status.DRAFT


def test_published_brief_without_changes_cannot_be_resubmitted(db, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="no unpublished changes"):
        workflow.submit_for_review(brief, by=editor)


# -- return_to_draft ---------------------------------------------------------------


def test_return_to_draft_keeps_the_comment(db, editor):
    brief = in_state(Status.REVIEW)
    workflow.return_to_draft(brief, by=editor, comment="Add the casualty figures.")
    brief.refresh_from_db()
    assert brief.status == Status.DRAFT
    assert Transition.objects.get(brief=brief).comment == "Add the casualty figures."


def test_return_to_draft_needs_a_comment(db, editor):
    brief = in_state(Status.REVIEW)
    with pytest.raises(workflow.TransitionNotAllowed, match="comment is required"):
        workflow.return_to_draft(brief, by=editor, comment="  ")
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW


def test_return_to_draft_refused_from_draft(db, editor):
    brief = in_state(Status.DRAFT)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.return_to_draft(brief, by=editor, comment="No.")


def test_analyst_cannot_return_to_draft(db, analyst):
    brief = in_state(Status.REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.return_to_draft(brief, by=analyst, comment="Self-approval")


# -- publish -----------------------------------------------------------------------


def test_publish_makes_a_live_publication_of_the_working_copy(db, editor):
    brief = in_state(Status.REVIEW, title="Delegation visits Kabul")
    publication = workflow.publish(brief, by=editor)
    brief.refresh_from_db()
    assert brief.status == Status.PUBLISHED
    assert brief.first_published_at == publication.go_live_at
    assert list(Publication.objects.live()) == [publication]
    assert publication.title == "Delegation visits Kabul"
    assert publication.revision is not None and publication.revision.title == brief.title
    log = Transition.objects.get(brief=brief)
    assert (log.from_status, log.to_status, log.by) == (Status.REVIEW, Status.PUBLISHED, editor)


def test_publish_writes_exactly_one_history_row(db, editor):
    brief = in_state(Status.REVIEW)
    before = brief.history.count()
    workflow.publish(brief, by=editor, comment="Approved")
    assert brief.history.count() == before + 1
    assert brief.history.latest("history_date").history_change_reason == "Published: Approved"


def test_publish_refused_from_draft(db, editor):
    brief = in_state(Status.DRAFT)
    with pytest.raises(workflow.TransitionNotAllowed, match="draft"):
        workflow.publish(brief, by=editor)
    assert not Publication.objects.exists()


def test_analyst_cannot_publish(db, analyst):
    brief = in_state(Status.REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.publish(brief, by=analyst)
    assert not Publication.objects.exists()


def test_edits_after_publishing_stay_unpublished_until_published_again(db, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    edit_working_copy(brief, body="A later, unapproved paragraph.")
    assert workflow.has_unpublished_changes(brief)
    live = Publication.objects.live().get()
    assert "unapproved" not in live.content["sections"][0]["html"]
    assert "met officials" in live.content["sections"][0]["html"]

    second = workflow.publish(brief, by=editor)
    live = Publication.objects.live().get()
    assert live == second
    assert "unapproved" in live.content["sections"][0]["html"]
    assert not workflow.has_unpublished_changes(brief)
    assert live.is_update()


def test_republish_without_changes_is_refused(db, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="already published"):
        workflow.publish(brief, by=editor)
    assert Publication.objects.count() == 1


# -- scheduling --------------------------------------------------------------------


def test_scheduled_publication_is_invisible_until_its_time_then_live(db, editor):
    brief = in_state(Status.REVIEW)
    at = timezone.now() + datetime.timedelta(hours=2)
    publication = workflow.publish(brief, by=editor, at=at)
    assert not Publication.objects.live().exists()
    assert Publication.objects.live(at - datetime.timedelta(seconds=1)).count() == 0
    assert list(Publication.objects.live(at)) == [publication]
    assert list(Publication.objects.live(at + datetime.timedelta(days=30))) == [publication]


def test_rescheduled_republish_keeps_the_old_version_live_until_the_new_time(db, editor):
    brief = in_state(Status.DRAFT)
    first = publish_now(brief, editor)
    edit_working_copy(brief, body="Revised text.")
    at = timezone.now() + datetime.timedelta(hours=1)
    second = workflow.publish(brief, by=editor, at=at)
    assert list(Publication.objects.live()) == [first]
    assert list(Publication.objects.live(at)) == [second]


def test_a_new_schedule_replaces_a_pending_one(db, editor):
    brief = in_state(Status.REVIEW)
    soon = timezone.now() + datetime.timedelta(hours=1)
    first = workflow.publish(brief, by=editor, at=soon + datetime.timedelta(hours=5))
    edit_working_copy(brief, body="Better text.")
    second = workflow.publish(brief, by=editor, at=soon)
    for moment in [soon, soon + datetime.timedelta(hours=6)]:
        assert list(Publication.objects.live(moment)) == [second]
    first.refresh_from_db()
    assert first.ends_at == first.go_live_at


# -- withdraw ----------------------------------------------------------------------


def test_withdraw_ends_the_live_publication(db, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    workflow.withdraw(brief, by=editor, comment="Facts disputed")
    brief.refresh_from_db()
    assert brief.status == Status.WITHDRAWN
    assert not Publication.objects.live().exists()
    assert brief.transitions.first().comment == "Facts disputed"


def test_withdraw_cancels_a_scheduled_publication(db, editor):
    brief = in_state(Status.REVIEW)
    at = timezone.now() + datetime.timedelta(hours=1)
    workflow.publish(brief, by=editor, at=at)
    workflow.withdraw(brief, by=editor, comment="Not yet")
    assert not Publication.objects.live(at + datetime.timedelta(days=1)).exists()


def test_withdraw_needs_a_reason(db, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="reason"):
        workflow.withdraw(brief, by=editor, comment="")
    assert Publication.objects.live().exists()


def test_withdraw_refused_for_a_draft(db, editor):
    brief = in_state(Status.DRAFT)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.withdraw(brief, by=editor, comment="Why")


def test_withdraw_refused_for_review_without_a_live_version(db, editor):
    brief = in_state(Status.REVIEW)
    with pytest.raises(workflow.TransitionNotAllowed, match="readers can see"):
        workflow.withdraw(brief, by=editor, comment="Why")


def test_analyst_cannot_withdraw(db, analyst, editor):
    brief = in_state(Status.DRAFT)
    publish_now(brief, editor)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(brief, by=analyst, comment="Mine")
    assert Publication.objects.live().exists()


# -- concurrency -------------------------------------------------------------------


# serialized_rollback: otherwise the flush after this test makes new content types under
# new ids, and the browser tests, which restore the database as migrated, collide with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_publishing_at_once_give_one_publication():
    first, second = editor(username="ed1"), editor(username="ed2")
    brief = in_state(Status.REVIEW)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(user):
        barrier.wait()
        try:
            workflow.publish(brief, by=user)
            outcomes.append("published")
        except workflow.TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert Publication.objects.filter(brief=brief).count() == 1
    assert Transition.objects.filter(brief=brief, to_status=Status.PUBLISHED).count() == 1
