"""The editorial round trip in a real browser: Debian's chromium driven by Playwright.

An analyst drafts and submits, an editor returns the brief with a comment, the analyst
fixes and resubmits, the editor publishes. Everything goes through the admin pages as
people use them: the login form, the add form, the buttons. A screenshot of the last
admin page is kept in test-artifacts/ (git-ignored).
"""

from pathlib import Path

import pytest

from briefs.models import Brief, Publication, Transition
from tests import factories

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-for-tests-only"  # what tests/factories.py sets

# serialized_rollback: the groups made by the migrations survive the flush afterwards.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(browser, live_server, username):
    """A browser of one's own, logged in through the admin's login form."""
    page = browser.new_context().new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _state(page) -> str:
    return page.inner_text(".workflow-state")


def test_draft_review_return_fix_resubmit_publish(live_server, transactional_db, chromium):
    browser = chromium
    factories.analyst(username="ana", first_name="Ana", last_name="Lyst")
    factories.editor(username="eddie", first_name="Eddie", last_name="Tor")
    analyst = _log_in(browser, live_server, "ana")
    editor = _log_in(browser, live_server, "eddie")

    # The analyst drafts the brief in the add form and submits it.
    analyst.goto(f"{live_server.url}/admin/briefs/brief/add/")
    analyst.fill("#id_title", "Pakistani delegation visits Kabul")
    headings = [analyst.input_value(f"#id_sections-{i}-heading") for i in range(3)]
    assert headings == ["What happened?", "Background", "Assessment"]
    analyst.fill("#id_sections-0-body", "A delegation led by the defence minister went to Kabul.")
    analyst.fill("#id_sections-1-body", "Attacks by the TTP rose after the ceasefire ended.")
    analyst.fill("#id_sections-2-body", "The talks are unlikely to curb attacks soon.")
    analyst.click("button[name=_transition][value=submit_for_review]")
    analyst.wait_for_url("**/admin/briefs/brief/")
    brief = Brief.objects.get()
    assert brief.slug == "pakistani-delegation-visits-kabul"  # filled in by the page's script
    assert brief.status == Brief.Status.REVIEW
    change = f"{live_server.url}/admin/briefs/brief/{brief.pk}/change/"

    # The editor returns it with a comment.
    editor.goto(change)
    assert _state(editor) == "In review"
    editor.fill("#id__transition_comment", "Name the ISI chief who went along.")
    editor.click("text=Save and return to draft")
    editor.wait_for_url("**/admin/briefs/brief/")
    brief.refresh_from_db()
    assert brief.status == Brief.Status.DRAFT

    # The analyst reads the comment, fixes the text and saves with Enter, as people do:
    # that only saves. Then resubmits.
    analyst.goto(change)
    assert _state(analyst) == "Draft"
    assert "Name the ISI chief who went along." in analyst.inner_text(".workflow-log")
    assert analyst.is_visible("text=Name the ISI chief who went along.")
    analyst.fill(
        "#id_sections-0-body",
        "A delegation led by the defence minister and the ISI chief, Lt. Gen. Nadeem Anjum, "
        "went to Kabul.",
    )
    with analyst.expect_navigation():
        analyst.press("#id_title", "Enter")
    assert analyst.url == change  # a plain "save and continue editing", not a workflow step
    brief.refresh_from_db()
    assert brief.status == Brief.Status.DRAFT
    assert "Nadeem Anjum" in brief.sections.first().body
    assert _state(analyst) == "Draft"
    analyst.click("button[name=_transition][value=submit_for_review]")
    analyst.wait_for_url("**/admin/briefs/brief/")
    brief.refresh_from_db()
    assert brief.status == Brief.Status.REVIEW

    # The editor publishes.
    editor.goto(change)
    editor.click("text=Save and publish")
    editor.wait_for_url("**/admin/briefs/brief/")
    editor.goto(change)
    assert _state(editor) == "Published"
    ARTIFACTS.mkdir(exist_ok=True)
    editor.screenshot(path=str(ARTIFACTS / "workflow-published.png"), full_page=True)

    live = Publication.objects.live().get()
    assert "Nadeem Anjum" in live.content["sections"][0]["html"]
    steps = list(Transition.objects.order_by("at", "pk").values_list("to_status", "by__username"))
    assert steps == [
        ("review", "ana"),
        ("draft", "eddie"),
        ("review", "ana"),
        ("published", "eddie"),
    ]
    reader = browser.new_context().new_page()
    response = reader.goto(f"{live_server.url}/briefs/{live.slug}/")
    assert response.status == 200
    assert "Nadeem Anjum" in reader.content()
