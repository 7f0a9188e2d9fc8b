"""A registry fact corrected after a brief was published: flagged on the page and in
the admin, never silently frozen, and the approved text untouched."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as date_format

from actors.models import EventClaim, EventParty, Role
from briefs.models import Publication, RevisedFact
from tests.briefs.admin_forms import form_data, inline_prefix
from tests.factories import EventFactory, OrganisationFactory
from tests.public.builders import build_brief
from tests.public.panels import event, person

pytestmark = pytest.mark.django_db

PAGE = "/briefs/delegation-visits-kabul/"
ATTACK = "Attack on the Karachi police office"
REVISED_LIST = "/admin/briefs/revisedfact/"


def today() -> str:
    return date_format(timezone.localdate(), "j F Y")


def page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def change_event(client, attack, **fields):
    """Correct the event on its admin page, as an analyst does."""
    url = f"/admin/actors/event/{attack.pk}/change/"
    data = form_data(client.get(url))
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def desk(editor):
    """The editors' admin, in a browser of its own."""
    browser = Client()
    browser.force_login(editor)
    return browser


def test_4_killed_corrected_to_5_shows_on_the_live_brief_and_in_the_editors_list(
    analyst_client, desk, live_brief, world, django_assert_num_queries
):
    publication = Publication.objects.live().get(brief=live_brief)
    text_before = [s["html"] for s in publication.content["sections"]]

    change_event(analyst_client, world["attack"], killed_best="5")

    with django_assert_num_queries(1):  # still the one row
        html = page(Client())
    shown = event(html, ATTACK)
    assert shown["details"] == [
        "Karachi, Pakistan",
        "Killed: 5, injured: 14",
        "Claimed by Tehrik-i-Taliban Pakistan",
    ]
    assert shown["revised"] == [f"Revised on {today()}. At publication: Killed: 4, injured: 14."]
    # The approved text is as approved.
    publication.refresh_from_db()
    assert [s["html"] for s in publication.content["sections"]] == text_before
    assert publication.content["events"][0]["killed"] == 4  # what was approved, kept

    listed = desk.get(REVISED_LIST)
    assert listed.status_code == 200
    rows = list(listed.context["cl"].result_list)
    assert [(r.publication_id, r.event_id, r.what, r.published, r.current) for r in rows] == [
        (
            publication.pk,
            world["attack"].pk,
            "Casualties",
            "Killed: 4, injured: 14",
            "Killed: 5, injured: 14",
        )
    ]
    body = listed.content.decode()
    assert "Delegation visits Kabul" in body and ATTACK in body
    assert f'href="/admin/briefs/brief/{live_brief.pk}/change/"' in body
    # And on the brief's own page in the admin, where the correction is made.
    form = desk.get(f"/admin/briefs/brief/{live_brief.pk}/change/").content.decode()
    assert "Corrected in the registry since publication" in form
    assert f"{ATTACK}, casualties: “Killed: 4, injured: 14” → “Killed: 5, injured: 14”" in form
    # And on the editor's desk, the admin's home page.
    home = desk.get("/admin/").content.decode()
    revised = home[home.index('id="desk-revised_facts"') :]
    revised = revised[: revised.index("</section>")]
    assert "Delegation visits Kabul" in revised
    assert f"{ATTACK}: casualties" in revised
    assert "“Killed: 4, injured: 14” → “Killed: 5, injured: 14”" in revised
    assert 'href="/admin/briefs/revisedfact/"' in revised


def test_analysts_see_the_list_but_nobody_edits_it(analyst_client, live_brief, world):
    world["attack"].killed_best = 5
    world["attack"].save()
    assert analyst_client.get(REVISED_LIST).status_code == 200
    row = RevisedFact.objects.get()
    assert analyst_client.get(f"{REVISED_LIST}{row.pk}/delete/").status_code == 403
    assert analyst_client.post(f"{REVISED_LIST}{row.pk}/change/", {}).status_code == 403
    assert RevisedFact.objects.count() == 1


def test_a_correction_undone_takes_the_mark_and_the_row_away(analyst_client, live_brief, world):
    change_event(analyst_client, world["attack"], killed_best="5")
    change_event(analyst_client, world["attack"], killed_best="4")

    shown = event(page(Client()), ATTACK)
    assert "Killed: 4, injured: 14" in shown["details"]
    assert shown["revised"] == []
    assert not RevisedFact.objects.exists()


def test_a_second_correction_still_says_what_the_brief_said_at_publication(live_brief, world):
    attack = world["attack"]
    attack.killed_best = 5
    attack.save()
    attack.killed_best, attack.injured_best = 6, None
    attack.save()

    shown = event(page(Client()), ATTACK)
    assert "Killed: 6, injured: unknown" in shown["details"]
    assert shown["revised"] == [f"Revised on {today()}. At publication: Killed: 4, injured: 14."]
    row = RevisedFact.objects.get()
    assert (row.published, row.current) == ("Killed: 4, injured: 14", "Killed: 6, injured: unknown")


def test_date_place_perpetrator_and_claim_corrected_on_the_event_page(
    analyst_client, live_brief, world
):
    attack = world["attack"]
    other = OrganisationFactory(name="Lashkar-e-Jhangvi")
    url = f"/admin/actors/event/{attack.pk}/change/"
    response = analyst_client.get(url)
    data = form_data(response)
    data.update(date="2023-02-16", location="Karachi Saddar", claim="denied")
    claims = inline_prefix(response, EventClaim)
    data[f"{claims}-0-DELETE"] = "on"  # the TTP's claim, withdrawn
    actors = inline_prefix(response, EventParty)
    data[f"{actors}-TOTAL_FORMS"] = "1"
    data[f"{actors}-0-side"] = "1"
    data[f"{actors}-0-organisation"] = str(other.pk)
    data[f"{actors}-0-actor_type"] = "3"
    data[f"{actors}-0-order"] = "0"
    posted = analyst_client.post(url, data)
    assert posted.status_code == 302, [
        posted.context["adminform"].form.errors,
        *(f.formset.errors for f in posted.context["inline_admin_formsets"]),
    ]

    shown = event(page(Client()), ATTACK)
    assert shown["date"] == ["16 February 2023"]
    assert shown["details"] == [
        "Karachi Saddar, Pakistan",
        "Killed: 4, injured: 14",
        "Perpetrator: Lashkar-e-Jhangvi; responsibility denied",
    ]
    assert shown["revised"] == [
        f"Revised on {today()}. At publication: 17 February 2023; Karachi, Pakistan; "
        "Claimed by Tehrik-i-Taliban Pakistan."
    ]
    assert sorted(RevisedFact.objects.values_list("what", flat=True)) == [
        "Claim",
        "Date",
        "Place",
    ]


def test_an_edit_readers_do_not_see_revises_nothing(analyst_client, live_brief, world):
    publication = Publication.objects.live().get(brief=live_brief)
    change_event(analyst_client, world["attack"], summary="A longer account of the attack.")
    stored = Publication.objects.get(pk=publication.pk)
    assert stored.article_html == publication.article_html
    assert not RevisedFact.objects.exists()


def test_publishing_the_correction_clears_the_mark_and_the_list(
    live_brief, world, edit, publish, desk
):
    world["attack"].killed_best = 5
    world["attack"].save()
    old = Publication.objects.live().get(brief=live_brief)

    edit(live_brief, body="Five people were killed in the attack in Karachi.")
    publish(live_brief)

    shown = event(page(Client()), ATTACK)
    assert "Killed: 5, injured: 14" in shown["details"] and shown["revised"] == []
    assert list(desk.get(REVISED_LIST).context["cl"].result_list) == []
    # The replaced version is history: it is not revised again.
    world["attack"].killed_best = 7
    world["attack"].save()
    assert Publication.objects.get(pk=old.pk).article_html == old.article_html


def test_a_corrected_role_marks_the_people_panel(analyst_client, desk, live_brief, world):
    asif = world["asif"]
    url = f"/admin/actors/actor/{asif.pk}/change/"
    response = analyst_client.get(url)
    data = form_data(response)
    roles = inline_prefix(response, Role)
    index = next(
        i
        for i in range(int(data[f"{roles}-TOTAL_FORMS"]))
        if data[f"{roles}-{i}-title"] == "Defence Minister of Pakistan"
    )
    data[f"{roles}-{index}-title"] = "Minister of Defence"
    assert analyst_client.post(url, data).status_code == 302

    shown = person(page(Client()), "Khawaja Muhammad Asif")
    assert shown["roles"] == ["Minister of Defence"]
    assert shown["revised"] == [
        f"Revised on {today()}. At publication: Defence Minister of Pakistan."
    ]
    row = RevisedFact.objects.get()
    assert (row.actor_id, row.what, row.published, row.current) == (
        asif.pk,
        "Roles",
        "Defence Minister of Pakistan",
        "Minister of Defence",
    )
    assert "Khawaja Muhammad Asif" in desk.get(f"{REVISED_LIST}?of=person").content.decode()
    assert list(desk.get(f"{REVISED_LIST}?of=event").context["cl"].result_list) == []


def test_a_scheduled_brief_is_revised_too_and_listed_as_scheduled(world, publish, desk):
    brief = build_brief(title="Later brief", events=[world["attack"]])
    publish(brief, at=timezone.now() + datetime.timedelta(days=1))
    world["attack"].killed_best = 5
    world["attack"].save()
    assert "Scheduled for" in desk.get(REVISED_LIST).content.decode()


def test_a_brief_frozen_before_entries_had_ids_is_found_by_its_slugs(live_brief, world):
    """Publications made before this change hold the old entries: no ids, one role."""
    publication = Publication.objects.live().get(brief=live_brief)
    content = publication.content
    for entry in content["events"]:
        del entry["id"]
    content["actors"] = [
        {
            "name": "Khawaja Muhammad Asif",
            "slug": world["asif"].slug,
            "url": world["asif"].get_absolute_url(),
            "role": "Defence Minister of Pakistan",
            "organisation": "",
            "organisation_slug": "",
            "organisation_url": "",
        }
    ]
    Publication.objects.filter(pk=publication.pk).update(content=content)
    world["attack"].slug = "karachi-police-office-attack"
    world["attack"].save()  # a new slug: the old one is in its history

    world["attack"].killed_best = 5
    world["attack"].save()
    Role.objects.filter(title="Defence Minister of Pakistan").get().save()  # nothing changed

    html = page(Client())
    assert event(html, ATTACK)["revised"] == [
        f"Revised on {today()}. At publication: Killed: 4, injured: 14."
    ]
    assert person(html, "Khawaja Muhammad Asif") == {
        "roles": ["Defence Minister of Pakistan"],
        "more": [],
        "revised": [],
    }


@pytest.mark.parametrize("briefs", [1, 6])
def test_a_correction_costs_the_same_for_one_brief_and_for_six(world, publish, briefs):
    """Reads, one UPDATE, one DELETE, one INSERT: not a statement a brief."""
    attack = EventFactory(title="Bombing in Peshawar", killed_best=10)
    for n in range(briefs):
        publish(build_brief(title=f"Brief {n}", events=[attack]))
    attack.killed_best = 11
    with CaptureQueriesContext(connection) as queries:
        attack.save()
    statements = [q["sql"].split()[0] for q in queries]
    writes = [s for s in statements if s in {"UPDATE", "INSERT", "DELETE"}]
    # The event and its history; the publications; their revised facts, out and in.
    assert writes == ["UPDATE", "INSERT", "UPDATE", "DELETE", "INSERT"]
    # Reads: the event, its actors, its claims, its former slugs, the publications
    # (locked); and a savepoint around the revision.
    assert statements == [
        "UPDATE",
        "INSERT",
        "SELECT",
        "SELECT",
        "SELECT",
        "SELECT",
        "SAVEPOINT",
        "SELECT",
        "UPDATE",
        "DELETE",
        "INSERT",
        "RELEASE",
    ]
    assert RevisedFact.objects.count() == briefs
