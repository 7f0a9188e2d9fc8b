""" "Check names" in a real browser, under the site's Content-Security-Policy: the
panel is redrawn from the text typed in the form, and nothing is saved."""

import pytest

from briefs.models import Brief, BriefOrganisation
from tests import factories
from tests.factories import OrganisationFactory
from tests.public.builders import build_brief

PASSWORD = "pw-for-tests-only"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_check_names_redraws_the_panel_without_saving(live_server, transactional_db, chromium):
    factories.editor(username="eddie")
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan", abbreviation="TTP", aliases=["Tehrik-e-Taliban"]
    )
    OrganisationFactory(name="Afghan Taliban", aliases=[{"text": "Taliban", "ambiguous": True}])
    brief = build_brief(sections=(("What happened?", "The TTP attacked a post."),))
    BriefOrganisation.objects.create(brief=brief, organisation=ttp)
    version = brief.version
    page = chromium.new_context().new_page()
    page.set_default_timeout(20_000)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/briefs/brief/{brief.pk}/change/")
    assert "mentioned 1 time" in page.inner_text("#names-panel")
    page.fill("#id_sections-0-body", "Pakistan blamed the Taliban; Tehrik-e-Taliban denied it.")
    page.click("#check-names")
    page.wait_for_selector("#names-panel mark")

    panel = page.inner_text("#names-panel")
    assert "not saved yet" in panel
    assert "Taliban" in page.inner_text("#names-panel mark")
    assert page.locator("#names-panel select").count() == 1
    assert refused == []
    assert Brief.objects.get(pk=brief.pk).version == version
    # The panel's button works again after it was redrawn.
    page.click("#check-names")
    page.wait_for_selector("#names-panel mark")
    assert refused == []
