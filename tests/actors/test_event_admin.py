"""An event recorded to the codebooks' grade through the admin, as an analyst does:
every field saved, and each rule broken answered by a form error that saves nothing."""

import pytest

from actors.incidents import interaction_of
from actors.models import Designation, Event, EventClaim, EventParty, EventSource
from tests.briefs.admin_forms import add_inline_row, form_data
from tests.factories import EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/actors/event/add/"


def new_event(client, **fields):
    """The add form, filled in with the Karachi attack: the page, the data, the ttp."""
    response = client.get(ADD)
    data = form_data(response)
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", abbreviation="TTP")
    data.update(
        title="Attack on the Karachi Police Office",
        slug="karachi-police-office",
        kind="attack",
        date="2023-02-17",
        date_precision="day",
        location="Karachi",
        admin2="Karachi South",
        admin1="Sindh",
        country="PK",
        latitude="24.8608",
        longitude="67.0104",
        geo_precision="1",
        event_type="Battles",
        sub_event_type="Armed clash",
        killed_best="4",
        killed_low="4",
        killed_high="7",
        injured_best="14",
        claim="claimed",
        attribution="confirmed",
        tags="TTP, Karachi",
    )
    add_inline_row(data, response, EventParty, side="1", organisation=str(ttp.pk), order="0")
    data[f"{_prefix(response, EventParty)}-0-actor_type"] = "2"
    add_inline_row(data, response, EventParty, side="2", category="police", order="1")
    add_inline_row(data, response, EventClaim, organisation=str(ttp.pk), mode="statement")
    add_inline_row(
        data, response, EventSource, outlet="Dawn", title="KPO attacked", scale="National"
    )
    data[f"{_prefix(response, EventSource)}-0-order"] = "0"
    data.update(fields)
    return response, data, ttp


def _prefix(response, model):
    from tests.briefs.admin_forms import inline_prefix

    return inline_prefix(response, model)


def errors_of(response) -> list[str]:
    """Every error the admin page shows: the form's and the inlines'."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    found = [m for messages in form.errors.values() for m in messages]
    for inline in response.context["inline_admin_formsets"]:
        found += inline.formset.non_form_errors()
        for errors in inline.formset.errors:
            found += [m for messages in errors.values() for m in messages]
    return found


def test_an_event_is_recorded_with_every_codebook_field(analyst_client):
    _, data, ttp = new_event(analyst_client)
    response = analyst_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)

    event = Event.objects.get()
    assert event.public_id == "PAK-1"
    assert (event.location, event.admin2, event.admin1, str(event.latitude)) == (
        "Karachi",
        "Karachi South",
        "Sindh",
        "24.86080",
    )
    assert (event.killed_best, event.killed_low, event.killed_high) == (4, 4, 7)
    assert event.injured_low is None  # not given: not known, not 0
    parties = list(event.parties.select_related("organisation"))
    assert [(p.side, p.name(), p.actor_type) for p in parties] == [
        (1, "Tehrik-i-Taliban Pakistan", 2),
        (2, "Police Forces of Pakistan", 1),  # the category's actor type, filled in
    ]
    assert interaction_of(parties) == 12
    assert [(c.organisation, c.mode) for c in event.claims.all()] == [(ttp, "statement")]
    assert set(event.tags.names()) == {"TTP", "Karachi"}
    assert event.history.count() == 1 and EventParty.history.count() == 2

    html = analyst_client.get(f"/events/{event.slug}/").content.decode()
    assert "<code>PAK-1</code>" in html
    assert "Karachi, Karachi South, Sindh, Pakistan" in html and "24.86080, 67.01040" in html
    assert "Battles: Armed clash" in html and "(political violence)" in html
    assert "<dt>Interaction</dt><dd>12</dd>" in html
    assert "<dt>Killed</dt><dd>4 (4–7)</dd>" in html
    assert "Police Forces of Pakistan" in html and "(state forces, 1)" in html
    assert "Tehrik-i-Taliban Pakistan</a> (statement)" in html
    assert "Source scale: National" in html


@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"event_type": "Protests", "sub_event_type": "Armed clash"},
            "The sub-event type must be one of the event type's.",
        ),
        ({"event_type": "", "sub_event_type": "Suicide bomb"}, "sub-event type must be one"),
        ({"killed_low": "5"}, "The low figure killed is above the best figure."),
        ({"killed_high": "3"}, "The high figure killed is below the best figure."),
        ({"killed_best": ""}, "A range of the number killed needs its best figure"),
        (
            {"injured_best": "", "injured_low": "0", "injured_high": "2"},
            "A range of the number injured needs its best figure",
        ),
        (
            {"killed_victims": "3", "killed_perpetrators": "3"},
            "Victims and perpetrators killed must add up to the number killed.",
        ),
        (
            {"killed_best": "", "killed_low": "", "killed_high": "", "killed_victims": "0"},
            "an unknown figure has no split",
        ),
        ({"killed_victims": "9"}, "More victims killed than people killed."),
        ({"geo_precision": ""}, "Give latitude, longitude and geo precision together"),
        ({"longitude": ""}, "Give latitude, longitude and geo precision together"),
        ({"latitude": "91"}, "Latitude is between -90 and 90"),
        ({"country": ""}, "This field is required."),
        ({"end_date": "2023-02-16"}, "An event cannot end before it starts."),
        (
            {"end_date": "2023-01-01", "end_date_precision": "month"},
            "An event cannot end before it starts.",
        ),
        ({"date_precision": "week"}, "Select a valid choice."),
    ],
)
def test_each_rule_broken_is_a_form_error_and_saves_nothing(analyst_client, fields, message):
    _, data, _ = new_event(analyst_client, **fields)
    response = analyst_client.post(ADD, data)
    assert any(message in error for error in errors_of(response)), errors_of(response)
    assert not Event.objects.exists() and not EventParty.objects.exists()


@pytest.mark.parametrize(
    "rows, message",
    [
        ({"1-side": "1"}, "Actor 1 is one actor; add the others as associated actors."),
        ({"0-associated": "on"}, "Actor 1's associated actors need Actor 1 itself."),
        ({"0-side": "2", "1-side": "2", "1-associated": "on"}, "needs an actor 1"),
        ({"1-category": "", "1-organisation": ""}, "either an organisation or a category"),
        ({"0-actor_type": ""}, "needs its actor type"),
    ],
)
def test_the_actors_rules_are_form_errors(analyst_client, rows, message):
    response, data, _ = new_event(analyst_client)
    prefix = _prefix(response, EventParty)
    data.update({f"{prefix}-{key}": value for key, value in rows.items()})
    response = analyst_client.post(ADD, data)
    assert any(message in error for error in errors_of(response)), errors_of(response)
    assert not Event.objects.exists()


def test_an_end_known_to_the_month_may_be_the_month_it_began(analyst_client):
    _, data, _ = new_event(analyst_client, end_date="2023-02-01", end_date_precision="month")
    assert analyst_client.post(ADD, data).status_code == 302
    assert Event.objects.get().end_date_display() == "February 2023"


def test_competing_claims_need_two_claims(analyst_client):
    response, data, _ = new_event(analyst_client, competing_claims="on")
    answer = analyst_client.post(ADD, data)
    assert "Competing claims need at least two claims of responsibility." in errors_of(answer)
    assert not Event.objects.exists()

    other = OrganisationFactory(name="Jamaat-ul-Ahrar")
    add_inline_row(data, response, EventClaim, organisation=str(other.pk), mode="social_media")
    assert analyst_client.post(ADD, data).status_code == 302
    assert Event.objects.get().claims.count() == 2


def test_a_public_id_is_never_reused_nor_changed(analyst):
    first = EventFactory(country="PK")
    second = EventFactory(country="PK")
    assert (first.public_id, second.public_id) == ("PAK-1", "PAK-2")
    second.delete()
    assert EventFactory(country="PK").public_id == "PAK-3"  # 2 is gone for good
    assert EventFactory(country="AF").public_id == "AFG-1"
    first.country = "AF"  # a corrected country keeps the id it was given
    first.save()
    first.refresh_from_db()
    assert first.public_id == "PAK-1"


def test_the_public_id_cannot_be_edited_in_the_admin(analyst_client):
    event = EventFactory(country="PK")
    url = f"/admin/actors/event/{event.pk}/change/"
    response = analyst_client.get(url)
    data = form_data(response)
    data["public_id"] = "PAK-99"
    assert analyst_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.public_id == "PAK-1"


def test_designations_are_edited_on_the_organisation_and_shown_on_its_page(analyst_client):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    url = f"/admin/actors/organisation/{ttp.pk}/change/"
    response = analyst_client.get(url)
    data = form_data(response)
    add_inline_row(
        data,
        response,
        Designation,
        jurisdiction="US-FTO",
        listed="2010-09-01",
        listed_precision="day",
        delisted_precision="day",
        source_title="State Department: Foreign Terrorist Organizations",
        source_url="https://www.state.gov/foreign-terrorist-organizations/",
    )
    index = add_inline_row(
        data,
        response,
        Designation,
        jurisdiction="GB",
        listed="2011-01-01",
        listed_precision="month",
        delisted="2010-01-01",
        delisted_precision="day",
    )
    assert any(
        "A listing cannot end before it began." in e
        for e in errors_of(analyst_client.post(url, data))
    )
    assert not Designation.objects.exists()

    data[f"{_prefix(response, Designation)}-{index}-delisted"] = ""
    assert analyst_client.post(url, data).status_code == 302
    assert Designation.history.count() == 2

    html = analyst_client.get(f"/organisations/{ttp.slug}/").content.decode()
    assert "United States: Foreign Terrorist Organization" in html
    assert "since 1 September 2010" in html
    assert "United Kingdom: proscribed organisation" in html and "since January 2011" in html
    assert 'href="https://www.state.gov/foreign-terrorist-organizations/"' in html
