"""Fixtures for the reader's side: live publications made the real way, through the workflow."""

import datetime
import functools

import pytest

from actors.models import EventClaim
from briefs.publishing import workflow
from tests.factories import (
    ActorFactory,
    EventFactory,
    OrganisationFactory,
    RoleFactory,
    edit_working_copy,
)
from tests.public.builders import build_brief


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def publish(editor):
    """Submit for review and publish with an editor; returns the publication."""

    def _publish(brief, *, at=None):
        workflow.submit_for_review(brief, by=editor)
        return workflow.publish(brief, by=editor, at=at)

    return _publish


@pytest.fixture
def edit(editor):
    """Change the working copy as the admin does: fields, and optionally section bodies."""
    return functools.partial(edit_working_copy, by=editor)


@pytest.fixture
def world(db):
    """The sample brief's world: organisations with aliases, a minister, an attack."""
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan",
        abbreviation="TTP",
        aliases=["Pakistani Taliban", "Tahrik-e-Taliban-e-Pakistan"],
        country="PK",
    )
    isi = OrganisationFactory(
        name="Inter-Services Intelligence", abbreviation="ISI", kind="intelligence", country="PK"
    )
    asif = ActorFactory(name="Khawaja Muhammad Asif", aliases=["Khawaja Asif"], nationality="PK")
    RoleFactory(
        actor=asif,
        organisation=isi,
        title="Adviser",
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2019, 12, 31),
    )
    RoleFactory(
        actor=asif,
        organisation=None,
        title="Defence Minister of Pakistan",
        start=datetime.date(2022, 4, 19),
    )
    attack = EventFactory(
        title="Attack on the Karachi police office",
        date=datetime.date(2023, 2, 17),
        killed_best=4,
        injured_best=14,
        claim="claimed",
    )
    EventClaim.objects.create(event=attack, organisation=ttp)
    return {"ttp": ttp, "isi": isi, "asif": asif, "attack": attack}


@pytest.fixture
def live_brief(world, publish, analyst):
    """The sample brief, published."""
    brief = build_brief(
        sections=(
            ("What happened?", "Khawaja Muhammad Asif led the delegation. The TTP was discussed."),
            ("Background", "The Pakistani Taliban claimed the attack in Karachi."),
            ("Assessment", "Pressure on the TTP will grow."),
        ),
        tags=("Pakistan", "Afghanistan"),
        actors=[world["asif"]],
        organisations=[world["ttp"], world["isi"]],
        events=[world["attack"]],
        authors=[analyst],
    )
    publish(brief)
    return brief
