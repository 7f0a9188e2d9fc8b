"""Before publishing, the editor is told which linked people held no role on the
brief's date. A warning, never a refusal."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages

from actors.dates import Precision
from briefs.models import Brief, BriefActor
from tests.factories import ActorFactory, OrganisationFactory, RoleFactory

pytestmark = pytest.mark.django_db

D = datetime.date
WARNING = (
    "No role on 22 February 2023 in the registry for: Faiz Hameed (Former Director General, "
    "Inter-Services Intelligence (until Nov 2021)); Unknown Commander (no role at all). "
    "Check the brief's date, the people linked, or their roles."
)


@pytest.fixture
def in_review(brief_in, editor):
    """A brief in review on 22 February 2023 linking a former DG ISI, a person without
    roles and the current DG ISI."""
    brief = brief_in(Brief.Status.REVIEW, by=editor)
    isi = OrganisationFactory(name="Inter-Services Intelligence")
    faiz = ActorFactory(name="Faiz Hameed")
    RoleFactory(
        actor=faiz,
        organisation=isi,
        title="Director General",
        start=D(2019, 6, 1),
        end=D(2021, 11, 1),
        end_precision=Precision.MONTH,
    )
    nadeem = ActorFactory(name="Nadeem Anjum")
    RoleFactory(actor=nadeem, organisation=isi, title="Director General", start=D(2021, 11, 1))
    for actor in [faiz, ActorFactory(name="Unknown Commander"), nadeem]:
        BriefActor.objects.create(brief=brief, actor=actor)
    return brief


def test_the_publish_step_lists_people_without_a_role_on_the_date(editor_client, in_review):
    html = editor_client.get(f"/admin/briefs/brief/{in_review.pk}/change/").content.decode()
    assert "Before you publish:" in html
    assert WARNING.replace("'", "&#x27;") in html
    assert "Nadeem Anjum" not in html[html.index("Before you publish:") :].split("</ul>")[0]


def test_no_warning_when_everyone_held_a_role(editor_client, in_review):
    BriefActor.objects.filter(brief=in_review).exclude(actor__name="Nadeem Anjum").delete()
    html = editor_client.get(f"/admin/briefs/brief/{in_review.pk}/change/").content.decode()
    assert "Before you publish:" not in html


def test_analysts_who_cannot_publish_see_no_publish_warning(analyst_client, in_review):
    html = analyst_client.get(f"/admin/briefs/brief/{in_review.pk}/change/").content.decode()
    assert "Before you publish:" not in html


def test_a_warning_does_not_stop_publishing_and_a_bulk_publish_repeats_it(editor_client, in_review):
    response = editor_client.post(
        "/admin/briefs/brief/",
        {"action": "publish", ACTION_CHECKBOX_NAME: [str(in_review.pk)], "index": "0"},
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == Brief.Status.PUBLISHED
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [f"“{in_review.title}” was published, but: {WARNING}"]
