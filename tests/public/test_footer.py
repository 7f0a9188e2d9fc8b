"""Disclaimer versions: each publication keeps the footer it went out with."""

import pytest

from briefs.models import DEFAULT_DISCLAIMER, Publication
from tests import factories
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

NEW = "*The views expressed are those of the authors, not of Terrorism Analysis Platform."


@pytest.fixture
def site_admin_client(client):
    client.force_login(factories.UserFactory(username="siteadmin", is_superuser=True))
    return client


def save_settings(client, **extra):
    data = {
        "disclaimer": NEW,
        "copyright": "© 2024 Terrorism Analysis Platform",
        "data_licence": "CC BY 4.0",
        "data_licence_url": "https://creativecommons.org/licenses/by/4.0/",
        **extra,
    }
    response = client.post("/admin/briefs/sitesettings/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def footer_of(client, slug) -> str:
    html = client.get(f"/briefs/{slug}/").content.decode()
    return html[html.index('class="brief__footer') :]


def test_a_changed_disclaimer_applies_to_briefs_published_after_it(
    client, site_admin_client, live_brief, publish, world
):
    save_settings(site_admin_client)
    site_admin_client.logout()
    assert DEFAULT_DISCLAIMER in footer_of(client, live_brief.slug)
    assert NEW not in footer_of(client, live_brief.slug)
    later = build_brief(title="A later brief")
    publish(later)
    assert NEW in footer_of(client, later.slug)
    assert "© 2024 Terrorism Analysis Platform" in footer_of(client, later.slug)
    old, new = Publication.objects.order_by("go_live_at")
    assert (old.disclaimer, new.disclaimer) == (DEFAULT_DISCLAIMER, NEW)


def test_the_site_admin_can_apply_it_to_every_live_brief(client, site_admin_client, live_brief):
    save_settings(site_admin_client, apply_to_live="on")
    site_admin_client.logout()
    footer = footer_of(client, live_brief.slug)
    assert NEW in footer and DEFAULT_DISCLAIMER not in footer


def test_the_brief_page_is_still_one_query(client, live_brief, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(f"/briefs/{live_brief.slug}/")
