import datetime

import pytest

from actors.models import EventActor, EventParty
from briefs.models import Brief, BriefActor, BriefEvent, BriefOrganisation
from briefs.publishing import workflow
from tests.factories import (
    ActorFactory,
    BriefFactory,
    EventFactory,
    EventSourceFactory,
    OrganisationFactory,
    RelationshipFactory,
    RoleFactory,
    SectionFactory,
    SourceFactory,
)


@pytest.fixture
def content(db):
    """A small world: organisations, a person with a role, an event, and a brief on them."""
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan",
        abbreviation="TTP",
        aliases=["Pakistani Taliban", "Tahrik-e-Taliban-e-Pakistan"],
    )
    isi = OrganisationFactory(
        name="Inter-Services Intelligence", abbreviation="ISI", kind="intelligence", country="PK"
    )
    relationship = RelationshipFactory(subject=ttp, other=isi, kind="rival")
    actor = ActorFactory(name="Khawaja Muhammad Asif", aliases=["Khawaja Asif"], nationality="PK")
    role = RoleFactory(
        actor=actor, organisation=isi, title="Defence Minister", start=datetime.date(2022, 4, 19)
    )
    event = EventFactory(
        title="Attack on the Karachi police office", killed_best=4, injured_best=14
    )
    EventParty.objects.create(event=event, organisation=ttp, actor_type=2)
    EventActor.objects.create(event=event, actor=actor, part="commented")
    EventSourceFactory(event=event)
    brief = BriefFactory(title="Delegation visits Kabul")
    for order, (heading, body) in enumerate(
        [
            ("What happened?", "The delegation met officials in Kabul."),
            ("Background", "Attacks had risen since the ceasefire ended."),
            ("Assessment", "Talks are unlikely to stop the attacks."),
        ]
    ):
        SectionFactory(brief=brief, heading=heading, body=body, order=order)
    SourceFactory(brief=brief, outlet="The Express Tribune", title="Delegation in Kabul")
    BriefOrganisation.objects.create(brief=brief, organisation=ttp)
    BriefActor.objects.create(brief=brief, actor=actor)
    BriefEvent.objects.create(brief=brief, event=event)
    return {
        "organisation": ttp,
        "other_organisation": isi,
        "relationship": relationship,
        "actor": actor,
        "role": role,
        "event": event,
        "brief": brief,
    }


@pytest.fixture
def brief_in(db):
    """Make a brief with three sections in a given state: `brief_in(status, by=editor)`."""
    return _brief_in


def _brief_in(
    status, *, by, title="Delegation visits Kabul", body="The delegation met officials in Kabul."
) -> Brief:
    """A brief with three sections, moved to `status` through the workflow by `by`."""
    brief = BriefFactory(title=title)
    for order, heading in enumerate(["What happened?", "Background", "Assessment"]):
        SectionFactory(
            brief=brief,
            heading=heading,
            order=order,
            body=body if order == 0 else f"{heading} text.",
        )
    # A first revision that includes the sections, as the admin writes one.
    brief._change_reason = "Created"
    brief.save()
    if status == Brief.Status.DRAFT:
        return brief
    workflow.submit_for_review(brief, by=by)
    if status in {Brief.Status.PUBLISHED, Brief.Status.WITHDRAWN}:
        workflow.publish(brief, by=by)
    if status == Brief.Status.WITHDRAWN:
        workflow.withdraw(brief, by=by, comment="Withdrawn in a test")
    brief.refresh_from_db()
    assert brief.status == status
    return brief
