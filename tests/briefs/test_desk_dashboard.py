"""The desk's home page (issue #10, point 6): what each person sees, the lists'
bounds and cost, rescheduling and cancelling, and the brief list's Scheduled state
and queues."""

import datetime

import pytest
from django.utils import timezone

from briefs.desk.dashboard import ROWS
from briefs.models import Brief, Publication, Transition
from briefs.publishing import editing, workflow
from tests import factories

Status = Brief.Status
INDEX = "/admin/"
CHANGELIST = "/admin/briefs/brief/"


@pytest.fixture
def ana(db):
    return factories.analyst(username="ana", first_name="Sana", last_name="Qureshi")


@pytest.fixture
def ed(db):
    return factories.editor(username="ed", first_name="Daniel", last_name="Hartley")


def _panel(page: str, key: str) -> str:
    start = page.index(f'id="desk-{key}"')
    return page[start : page.index("</section>", start)]


def _mine(brief_in, status, *, author, by, title) -> Brief:
    brief = brief_in(Status.DRAFT, by=by, title=title)
    brief.authors.add(author)
    if status != Status.DRAFT:
        workflow.submit_for_review(brief, by=author)
    if status == Status.PUBLISHED:
        workflow.publish(brief, by=by)
    return brief


def test_an_analyst_sees_drafts_returns_with_the_comment_and_briefs_in_review(
    client, ana, ed, brief_in
):
    draft = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="Karachi police office attack")
    returned = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Delegation visits Kabul")
    comment = "Name the ISI chief who went along.\nHe was Lt. Gen. Nadeem Anjum."
    workflow.return_to_draft(returned, by=ed, comment=comment)
    in_review = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="Munich speech")
    workflow.submit_for_review(in_review, by=ana, editor=ed)
    brief_in(Status.DRAFT, by=ed, title="Somebody else's draft")

    client.force_login(ana)
    page = client.get(INDEX).content.decode()
    returned_panel = _panel(page, "returned")
    assert "Delegation visits Kabul" in returned_panel
    assert "Name the ISI chief who went along.<br>He was Lt. Gen. Nadeem Anjum." in returned_panel
    assert "by Daniel Hartley" in returned_panel
    drafts = _panel(page, "drafts")
    assert "Karachi police office attack" in drafts
    assert "Delegation visits Kabul" not in drafts  # listed once, as returned
    assert "Somebody else" not in page
    review = _panel(page, "in_review")
    assert "Munich speech" in review and "Daniel Hartley" in review
    # No editor's lists for an analyst.
    for key in ("waiting", "scheduled", "recent", "revised_facts"):
        assert f'id="desk-{key}"' not in page
    assert draft.pk  # used


def test_an_editor_sees_the_queue_oldest_first_with_the_wait_and_who_is_assigned(
    client, ana, ed, brief_in
):
    other = factories.editor(username="ruth", first_name="Ruth", last_name="Mensah")
    older = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="Older submission")
    workflow.submit_for_review(older, by=ana, editor=other)
    Brief.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2, hours=3)
    )
    _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Newer submission")

    client.force_login(ed)
    waiting = _panel(client.get(INDEX).content.decode(), "waiting")
    assert waiting.index("Older submission") < waiting.index("Newer submission")
    assert "2\xa0days, 3\xa0hours" in waiting
    assert "Ruth Mensah" in waiting and "Any editor" in waiting


def test_an_editor_sees_scheduled_in_the_site_zone_recent_and_revised_facts(
    client, ana, ed, brief_in
):
    live = _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title="Live brief")
    later = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Scheduled brief")
    workflow.publish(later, by=ed, at=datetime.datetime(2999, 7, 1, 8, tzinfo=datetime.UTC))

    client.force_login(ed)
    page = client.get(INDEX).content.decode()
    scheduled = _panel(page, "scheduled")
    assert "Scheduled brief" in scheduled and "Live brief" not in scheduled
    assert "01/07/2999 09:00 BST" in scheduled  # 08:00 UTC, in London's summer time
    assert f'action="/admin/desk/{later.pk}/reschedule/"' in scheduled
    assert f'action="/admin/desk/{later.pk}/cancel-schedule/"' in scheduled
    assert 'value="01/07/2999 09:00"' in scheduled
    recent = _panel(page, "recent")
    assert "Live brief" in recent and "Scheduled brief" not in recent
    assert "Daniel Hartley" in recent
    assert "No live brief has facts revised" in _panel(page, "revised_facts")
    assert live.pk


def test_each_list_shows_ten_and_links_to_all_of_them(client, ana, ed, brief_in):
    for n in range(ROWS + 2):
        _mine(brief_in, Status.DRAFT, author=ana, by=ed, title=f"Draft number {n}")
    client.force_login(ana)
    drafts = _panel(client.get(INDEX).content.decode(), "drafts")
    assert drafts.count("/change/") == ROWS
    assert "Draft number 11" in drafts and "Draft number 1<" not in drafts  # newest first
    assert '<a href="/admin/briefs/brief/?queue=mine">All my drafts</a>' in drafts
    listing = client.get(CHANGELIST, {"queue": "mine"})
    assert listing.context["cl"].result_count == ROWS + 2


# Session, user, the user's permissions (groups, then own), then one query per list:
# an analyst's three (returned with the editor's comment, drafts, in review with the
# assigned editor); an editor's four more (the review queue, scheduled, recently
# published, each with the person named, and the live briefs' revised facts), and the
# admin's own recent actions.
ANALYST_QUERIES = 4 + 3 + 1
EDITOR_QUERIES = 4 + 3 + 4 + 1


@pytest.mark.parametrize("rows", [2, 12])
def test_the_desk_costs_the_same_however_many_briefs(
    client, ana, ed, brief_in, django_assert_num_queries, rows
):
    for n in range(rows):
        returned = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title=f"Returned {n}")
        workflow.return_to_draft(returned, by=ed, comment=f"Fix {n}.")
        _mine(brief_in, Status.DRAFT, author=ana, by=ed, title=f"Draft {n}")
        review = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title=f"In review {n}")
        workflow.submit_for_review(review, by=ana, editor=ed)
        _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title=f"Live {n}")
        later = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title=f"Later {n}")
        workflow.publish(later, by=ed, at=timezone.now() + datetime.timedelta(days=n + 1))
    client.force_login(ana)
    with django_assert_num_queries(ANALYST_QUERIES):
        assert client.get(INDEX).status_code == 200
    client.force_login(ed)
    with django_assert_num_queries(EDITOR_QUERIES):
        page = client.get(INDEX).content.decode()
    assert _panel(page, "scheduled").count("Reschedule</button>") == min(rows, ROWS)


# -- rescheduling and cancelling from the desk -----------------------------------------


def test_rescheduling_a_new_version_moves_it_and_the_end_of_the_live_one(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title="Delegation visits Kabul")
    first = Publication.objects.get(brief=brief)
    brief.title = "Delegation visits Kabul, revised"
    brief.version += 1
    brief.save()
    workflow.submit_for_review(brief, by=ana)
    workflow.publish(brief, by=ed, at=timezone.now() + datetime.timedelta(days=1))

    client.force_login(ed)
    response = client.post(
        f"/admin/desk/{brief.pk}/reschedule/", {"go_live_at": "01/01/2999 10:15", "comment": ""}
    )
    assert response.status_code == 302
    new_time = datetime.datetime(2999, 1, 1, 10, 15, tzinfo=datetime.UTC)
    pending = Publication.objects.current().get(brief=brief)
    assert pending.go_live_at == new_time
    first.refresh_from_db()
    assert first.ends_at == new_time  # readers keep the old version until then
    assert Publication.objects.live().get(brief=brief) == first
    step = Transition.objects.filter(brief=brief).first()
    assert (
        step.by == ed
        and "Rescheduled from" in step.comment
        and "01/01/2999 10:15 GMT" in step.comment
    )
    assert brief.history.first().history_change_reason.startswith("Published: Rescheduled from")


def test_a_bad_or_past_time_reschedules_nothing(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Scheduled brief")
    at = timezone.now() + datetime.timedelta(days=1)
    workflow.publish(brief, by=ed, at=at)
    client.force_login(ed)
    for value, error in [
        ("31/02/2999 10:00", "Enter a valid date/time"),
        ("01/01/2001 10:00", "in the future"),
    ]:
        response = client.post(
            f"/admin/desk/{brief.pk}/reschedule/", {"go_live_at": value}, follow=True
        )
        assert error in response.content.decode()
        assert Publication.objects.current().get(brief=brief).go_live_at == at


def test_cancelling_a_first_publication_sends_the_brief_back_to_review(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Scheduled brief")
    workflow.publish(brief, by=ed, at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(ed)
    response = client.post(f"/admin/desk/{brief.pk}/cancel-schedule/", follow=True)
    assert "scheduled publication cancelled" in response.content.decode()
    brief.refresh_from_db()
    assert brief.status == Status.REVIEW
    assert brief.first_published_at is None
    assert not Publication.objects.current().filter(brief=brief).exists()
    assert not Publication.objects.live().exists()
    step = Transition.objects.filter(brief=brief).first()
    assert (step.from_status, step.to_status, step.by) == (Status.PUBLISHED, Status.REVIEW, ed)
    # It can be published again.
    workflow.publish(brief, by=ed)
    assert Publication.objects.live().get(brief=brief)


def test_cancelling_a_new_version_leaves_the_live_one_live(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title="Delegation visits Kabul")
    first = Publication.objects.get(brief=brief)
    brief.version += 1
    brief.save()
    workflow.submit_for_review(brief, by=ana)
    workflow.publish(brief, by=ed, at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(ed)
    client.post(f"/admin/desk/{brief.pk}/cancel-schedule/")
    first.refresh_from_db()
    assert first.ends_at is None
    assert Publication.objects.current().get(brief=brief) == first
    brief.refresh_from_db()
    assert brief.status == Status.PUBLISHED
    assert workflow.has_unpublished_changes(brief)


def test_an_analyst_can_neither_reschedule_nor_cancel(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Scheduled brief")
    at = timezone.now() + datetime.timedelta(days=1)
    workflow.publish(brief, by=ed, at=at)
    client.force_login(ana)
    response = client.post(f"/admin/desk/{brief.pk}/cancel-schedule/", follow=True)
    assert "You do not have permission" in response.content.decode()
    client.post(f"/admin/desk/{brief.pk}/reschedule/", {"go_live_at": "01/01/2999 10:00"})
    assert Publication.objects.current().get(brief=brief).go_live_at == at
    assert Brief.objects.get(pk=brief.pk).status == Status.PUBLISHED


def test_a_brief_with_nothing_scheduled_cannot_be_cancelled(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title="Live brief")
    client.force_login(ed)
    response = client.post(f"/admin/desk/{brief.pk}/cancel-schedule/", follow=True)
    assert "no publication waiting for its time" in response.content.decode()
    assert Publication.objects.live().get(brief=brief).ends_at is None


# -- the brief list: the Scheduled state, and the queues -------------------------------


def test_the_list_shows_scheduled_briefs_as_scheduled_and_filters_them(client, ana, ed, brief_in):
    later = _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="Scheduled brief")
    workflow.publish(later, by=ed, at=datetime.datetime(2999, 1, 1, 9, tzinfo=datetime.UTC))
    live = _mine(brief_in, Status.PUBLISHED, author=ana, by=ed, title="Live brief")
    client.force_login(ed)
    page = client.get(CHANGELIST).content.decode()
    row = page[page.index("Scheduled brief") :]
    assert 'class="field-state">Scheduled for 01/01/2999 09:00 GMT</td>' in row[:400]
    # Not "live since" a time to come.
    live_since = row[row.index('class="field-live_since') :]
    assert "2999" not in live_since[: live_since.index("</td>")]
    listing = client.get(CHANGELIST, {"queue": "scheduled"})
    assert [b.pk for b in listing.context["cl"].result_list] == [later.pk]
    assert live.pk


def test_assigned_to_me_lists_the_briefs_an_analyst_named_me_for(client, ana, ed, brief_in):
    mine = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="For Daniel")
    workflow.submit_for_review(mine, by=ana, editor=ed)
    _mine(brief_in, Status.REVIEW, author=ana, by=ed, title="For anybody")
    client.force_login(ed)
    listing = client.get(CHANGELIST, {"queue": "assigned"})
    assert [b.pk for b in listing.context["cl"].result_list] == [mine.pk]
    assert "Assigned to me" in listing.content.decode()


def test_only_an_editor_can_be_named_to_review(client, ana, ed, brief_in):
    brief = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="Delegation visits Kabul")
    other = factories.analyst(username="other")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.submit_for_review(brief, by=ana, editor=other)
    client.force_login(ana)
    page = client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    select = page[page.index('name="_editor"') :]
    select = select[: select.index("</select>")]
    assert f'<option value="{ed.pk}">Daniel Hartley</option>' in select
    assert f'<option value="{other.pk}">' not in select


def test_an_edit_from_a_copy_loaded_before_submitting_keeps_the_assignment(ana, ed, brief_in):
    brief = _mine(brief_in, Status.DRAFT, author=ana, by=ed, title="Delegation visits Kabul")
    stale = Brief.objects.get(pk=brief.pk)
    workflow.submit_for_review(brief, by=ana, editor=ed)
    stale.title = "Delegation visits Kabul, edited"
    editing.begin_edit(stale, by=ana)
    editing.finish_edit(stale, by=ana, reason="A late edit")
    brief.refresh_from_db()
    assert brief.title == "Delegation visits Kabul, edited"
    assert (brief.status, brief.assigned_editor) == (Status.REVIEW, ed)
    assert brief.submitted_at is not None
