"""The API's docs page (Swagger UI from ninja's static files) renders every endpoint
under the site's Content-Security-Policy, with no refusal reported."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_docs_render_under_the_policy(live_server, transactional_db, chromium):
    page = chromium.new_context().new_page()
    page.set_default_timeout(20_000)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    other_origins: list[str] = []
    page.on(
        "request",
        lambda r: other_origins.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    assert page.goto(f"{live_server.url}/api/v1/docs").status == 200
    page.wait_for_selector(".opblock-summary-path")  # the schema was fetched and drawn
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/events" in [p.strip() for p in paths]
    assert refused == []
    assert [u for u in other_origins if not u.startswith("data:")] == []
