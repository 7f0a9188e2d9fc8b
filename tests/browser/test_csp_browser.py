"""Under the Content-Security-Policy, public pages and the admin work in a real browser.

Chromium reports every resource the policy refuses (an inline style, a script, an
image from elsewhere) on the console; this walks the public pages and the editor's
admin pages and expects no such report, and that the admin's own scripts still run.
"""

import pytest

from briefs.publishing import workflow
from tests import factories
from tests.public.builders import build_brief

PASSWORD = "pw-for-tests-only"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _refusals(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def test_public_and_admin_pages_run_under_the_policy(live_server, transactional_db, chromium):
    editor = factories.editor(username="eddie", first_name="Eddie", last_name="Tor")
    brief = build_brief(tags=("Pakistan",), authors=[editor])
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    page = chromium.new_context().new_page()
    page.set_default_timeout(20_000)
    refused = _refusals(page)

    for path in ["/", "/briefs/", f"/briefs/{brief.slug}/", "/search/?q=kabul", "/tags/pakistan/"]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in [
        "/admin/briefs/brief/",
        f"/admin/briefs/brief/{brief.pk}/change/",
        f"/admin/briefs/brief/{brief.pk}/history/",
        f"/admin/briefs/brief/{brief.pk}/compare/",
        f"/admin/briefs/brief/{brief.pk}/preview/",
        "/admin/briefs/brief/add/",
        "/admin/actors/organisation/add/",
    ]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
    assert refused == []
    # The admin's scripts ran: the date field got its "Today" shortcut and calendar.
    page.goto(f"{live_server.url}/admin/briefs/brief/add/")
    page.wait_for_selector(".datetimeshortcuts a")
    page.click(".datetimeshortcuts a")  # "Today"
    assert page.input_value("#id_date")
    assert refused == []
