"""The desk in a real browser (Debian's chromium driven by Playwright), for an analyst
and an editor: each logs in through the login form and works from the home page.

The screenshots are kept in the repository, in tests/browser/screenshots/, to show
what each role sees: `analyst-desk.png`, `editor-desk.png`, and
`return-without-comment.png` (a step refused before anything was saved).
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from briefs.models import Brief, Publication
from briefs.publishing import workflow
from tests import factories
from tests.briefs.conftest import _brief_in

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PASSWORD = "pw-for-tests-only"  # what tests/factories.py sets

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(browser, live_server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _brief(title, *, author, by, status=Brief.Status.DRAFT):
    brief = _brief_in(Brief.Status.DRAFT, by=by, title=title)
    brief.authors.add(author)
    if status != Brief.Status.DRAFT:
        workflow.submit_for_review(brief, by=author)
    return brief


def test_the_desk_of_an_analyst_and_of_an_editor(live_server, transactional_db, chromium):
    ana = factories.analyst(username="ana", first_name="Sana", last_name="Qureshi")
    ed = factories.editor(username="ed", first_name="Daniel", last_name="Hartley")
    review = Brief.Status.REVIEW
    returned = _brief("Pakistani delegation visits Kabul", author=ana, by=ed, status=review)
    workflow.return_to_draft(
        returned,
        by=ed,
        comment="Name the ISI chief who went along, and say who received the delegation "
        "in Kabul.\nThe Express Tribune report has both.",
    )
    _brief("Attack on the Karachi police office", author=ana, by=ed)
    live = _brief("Bilawal Bhutto Zardari at the Munich Security Conference", author=ana, by=ed)
    workflow.submit_for_review(live, by=ana)
    workflow.publish(live, by=ed)
    moved = _brief("TTP claims the Karachi attack", author=ana, by=ed, status=review)
    workflow.publish(moved, by=ed, at=timezone.now() + datetime.timedelta(days=2))
    cancelled = _brief("IS-K after the Kabul visit", author=ana, by=ed, status=review)
    workflow.publish(cancelled, by=ed, at=timezone.now() + datetime.timedelta(days=3))
    _brief("Haqqani Network and the ceasefire", author=factories.analyst(username="o"), by=ed)

    # The analyst: greeted by name, the return with the editor's comment in full.
    analyst = _log_in(chromium, live_server, "ana")
    assert analyst.inner_text("#user-tools strong") == "Sana Qureshi"
    panel = analyst.locator("#desk-returned")
    assert "The Express Tribune report has both." in panel.inner_text()
    assert "Attack on the Karachi police office" in analyst.inner_text("#desk-drafts")
    assert "Haqqani" not in analyst.content()
    assert analyst.locator("#desk-waiting").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    analyst.screenshot(path=str(SCREENSHOTS / "analyst-desk.png"), full_page=True)

    # From the desk to the brief; leaving it with a change asks first.
    panel.locator("a", has_text="Pakistani delegation visits Kabul").click()
    analyst.wait_for_url(f"**/admin/briefs/brief/{returned.pk}/change/")
    analyst.fill("#id_sections-0-body", "The ISI chief, Lt. Gen. Nadeem Anjum, went along.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    analyst.on("dialog", stay)
    analyst.click("#site-name a")  # "TAP CMS": home
    analyst.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert analyst.url.endswith(f"/admin/briefs/brief/{returned.pk}/change/")
    analyst.remove_listener("dialog", stay)
    # Submitting is not leaving: it names the editor and goes without a question.
    analyst.select_option("#id__editor", label="Daniel Hartley")
    analyst.click("button[name=_transition][value=submit_for_review]")
    analyst.wait_for_url("**/admin/briefs/brief/")
    returned.refresh_from_db()
    assert (returned.status, returned.assigned_editor) == (review, ed)
    analyst.goto(f"{live_server.url}/admin/")
    assert "Pakistani delegation visits Kabul" in analyst.inner_text("#desk-in_review")

    # The editor: the queue with who is assigned, what is scheduled and what went live.
    editor = _log_in(chromium, live_server, "ed")
    waiting = editor.inner_text("#desk-waiting")
    assert "Pakistani delegation visits Kabul" in waiting and "Daniel Hartley" in waiting
    go_live = timezone.localtime(Publication.objects.current().get(brief=moved).go_live_at)
    scheduled = editor.inner_text("#desk-scheduled")
    assert f"{go_live:%d/%m/%Y %H:%M %Z}" in scheduled
    assert "Munich Security Conference" in editor.inner_text("#desk-recent")
    editor.screenshot(path=str(SCREENSHOTS / "editor-desk.png"), full_page=True)

    # Reschedule one, cancel the other, from the desk.
    row = editor.locator("#desk-scheduled tr", has_text="TTP claims the Karachi attack")
    row.locator("input.go-live").fill("24/12/2999 07:30")
    row.locator("button", has_text="Reschedule").click()
    editor.wait_for_selector("text=rescheduled.")
    assert "24/12/2999 07:30 GMT" in editor.inner_text("#desk-scheduled")
    row = editor.locator("#desk-scheduled tr", has_text="IS-K after the Kabul visit")
    row.locator("button", has_text="Cancel publication").click()
    editor.wait_for_selector("text=scheduled publication cancelled.")
    assert "IS-K after the Kabul visit" not in editor.inner_text("#desk-scheduled")
    assert "IS-K after the Kabul visit" in editor.inner_text("#desk-waiting")
    assert Publication.objects.current().get(brief=moved).go_live_at == datetime.datetime(
        2999, 12, 24, 7, 30, tzinfo=datetime.UTC
    )

    # Returning without a comment: nothing saved, the error and the typed text shown.
    editor.locator("#desk-waiting a", has_text="Pakistani delegation visits Kabul").click()
    editor.fill("#id_summary", "A summary typed before the mistake.")
    editor.click("text=Save and return to draft")
    editor.wait_for_selector(".errornote")
    assert "a comment is required" in editor.inner_text(".errorlist.nonfield")
    assert editor.input_value("#id_summary") == "A summary typed before the mistake."
    editor.screenshot(path=str(SCREENSHOTS / "return-without-comment.png"), full_page=True)
    returned.refresh_from_db()
    assert returned.status == review
    assert returned.summary != "A summary typed before the mistake."
