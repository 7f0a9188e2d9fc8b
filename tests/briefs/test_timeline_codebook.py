"""What a brief's timeline says of an event recorded to the codebooks' grade: actor 1
is a perpetrator only of violence, a suspected one says so, and a range is shown."""

import pytest

from actors.models import EventClaim, EventParty
from briefs.publishing import timeline
from tests.factories import EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def lines(event) -> dict[str, str]:
    return timeline.fact_lines(timeline.entry(event))


def test_actor_1_of_an_attack_is_its_perpetrator_suspected_or_not():
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    attack = EventFactory(killed_best=4, killed_low=3, killed_high=6, injured_best=14)
    EventParty.objects.create(event=attack, organisation=ttp, actor_type=2)
    EventParty.objects.create(event=attack, side=2, category="police", actor_type=1)
    assert lines(attack)["Casualties"] == "Killed: 4 (3–6), injured: 14"
    assert lines(attack)["Claim"] == "Perpetrator: Tehrik-i-Taliban Pakistan"
    attack.attribution = "suspected"
    assert lines(attack)["Claim"] == "Suspected perpetrator: Tehrik-i-Taliban Pakistan"
    EventClaim.objects.create(event=attack, organisation=ttp, mode="video")
    assert lines(attack)["Claim"] == "Claimed by Tehrik-i-Taliban Pakistan"


def test_actor_1_of_a_meeting_is_no_perpetrator():
    meeting = EventFactory(kind="meeting")
    EventParty.objects.create(event=meeting, organisation=OrganisationFactory(), actor_type=1)
    assert lines(meeting)["Claim"] == ""
    meeting.event_type, meeting.sub_event_type = "Explosions/Remote violence", "Suicide bomb"
    assert lines(meeting)["Claim"].startswith("Perpetrator: ")


def test_an_entry_frozen_before_the_codebook_fields_reads_as_it_did():
    frozen = {
        "date_display": "17 February 2023",
        "place": "Karachi",
        "country": "Pakistan",
        "kind": "Attack",
        "killed": 4,
        "injured": 14,
        "claim": "Claimed",
        "perpetrators": [],
        "claimants": [{"name": "TTP", "slug": "ttp"}],
    }
    assert timeline.fact_lines(frozen) == {
        "Date": "17 February 2023",
        "Place": "Karachi, Pakistan",
        "Casualties": "Killed: 4, injured: 14",
        "Claim": "Claimed by TTP",
    }
