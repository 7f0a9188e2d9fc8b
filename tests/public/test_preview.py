"""render_brief: the page the admin preview shows for an unsaved publication."""

import pytest

from briefs.models import Publication
from briefs.public.views import render_brief
from briefs.publishing import snapshot
from tests.factories import ActorFactory, EventFactory, OrganisationFactory
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def test_preview_renders_an_unsaved_publication_with_a_banner(rf, django_assert_num_queries):
    brief = build_brief(
        title="Draft under review",
        sections=[(f"Section {n}", f"Text {n}.") for n in range(5)],
        actors=[ActorFactory()],
        organisations=[OrganisationFactory()],
        events=[EventFactory()],
    )
    publication = snapshot.take(brief).publication
    assert publication.pk is None
    with django_assert_num_queries(0):  # the footer came with the snapshot; no related rows
        response = render_brief(rf.get("/admin/preview/"), publication, preview=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="preview-banner" role="status">' in html
    assert "<strong>Preview</strong>" in html
    assert '<h1 class="brief__title">Draft under review</h1>' in html
    assert html.count('class="brief__section"') == 5
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert not Publication.objects.exists()  # nothing was saved


def test_the_public_page_has_no_preview_banner(client, live_brief):
    html = client.get("/briefs/delegation-visits-kabul/").content.decode()
    assert "preview-banner" not in html
