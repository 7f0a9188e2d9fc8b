"""The reference entities: their constraints, slugs, fuzzy dates and history."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from actors.dates import Precision, format_date
from actors.models import (
    Actor,
    Alias,
    Designation,
    Event,
    EventActor,
    EventClaim,
    EventOrganisation,
    EventParty,
    EventSource,
    Organisation,
    Relationship,
    Role,
)
from briefs.models import (
    Author,
    Brief,
    BriefActor,
    BriefEvent,
    BriefOrganisation,
    Section,
    SiteSettings,
    Source,
)
from tests.factories import (
    ActorFactory,
    AliasFactory,
    AuthorFactory,
    BriefFactory,
    EventFactory,
    EventSourceFactory,
    OrganisationFactory,
    RelationshipFactory,
    RoleFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


# -- constraints the database enforces ----------------------------------------------------


def _refused_by_the_database(make, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make()


def test_a_role_cannot_end_before_it_starts():
    _refused_by_the_database(
        lambda: RoleFactory(start=D(2023, 5, 1), end=D(2023, 1, 1)), "role_ends_after_start"
    )
    assert not Role.objects.exists()
    RoleFactory(start=D(2023, 5, 1), end=D(2023, 5, 1))  # one day is fine


def test_a_relationship_needs_two_organisations():
    ttp = OrganisationFactory()
    _refused_by_the_database(
        lambda: RelationshipFactory(subject=ttp, other=ttp),
        "relationship_between_two_organisations",
    )
    assert not Relationship.objects.exists()


def test_a_relationship_cannot_end_before_it_starts():
    _refused_by_the_database(
        lambda: RelationshipFactory(start=D(2020, 1, 1), end=D(2019, 1, 1)),
        "relationship_ends_after_start",
    )


def test_an_event_cannot_end_before_it_starts():
    _refused_by_the_database(
        lambda: EventFactory(date=D(2023, 2, 17), end_date=D(2023, 2, 16)), "event_ends_after_start"
    )
    assert not Event.objects.exists()


def test_an_organisation_cannot_be_dissolved_before_it_was_founded():
    _refused_by_the_database(
        lambda: OrganisationFactory(founded=D(2007, 12, 1), dissolved=D(2001, 1, 1)),
        "organisation_dissolved_after_founded",
    )


def test_an_organisation_cannot_be_its_own_parent():
    org = OrganisationFactory()
    org.parent = org
    _refused_by_the_database(org.save, "organisation_not_own_parent")


def test_unknown_casualties_are_not_zero():
    event = EventFactory(killed_best=None, injured_best=0)
    event.refresh_from_db()
    assert event.killed_best is None
    assert event.injured_best == 0


# -- slugs ---------------------------------------------------------------------------------


def test_slugs_are_filled_from_the_name_and_unique():
    first = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    second = OrganisationFactory(name="Tehrik-i-Taliban Pakistan")
    assert first.slug == "tehrik-i-taliban-pakistan"
    assert second.slug == "tehrik-i-taliban-pakistan-2"
    assert EventFactory(title="Attack in Karachi").slug == "attack-in-karachi"
    assert BriefFactory(title="Delegation visits Kabul").slug == "delegation-visits-kabul"
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Copy", slug=ActorFactory(name="Original").slug)


def test_a_slug_does_not_change_when_the_name_does():
    actor = ActorFactory(name="Sirajuddin Haqqani")
    actor.name = "Sirajuddin Haqqani (Khalifa)"
    actor.save()
    actor.refresh_from_db()
    assert actor.slug == "sirajuddin-haqqani"
    brief = BriefFactory(title="First title")
    brief.title = "A better title"
    brief.save()
    assert Brief.objects.get(pk=brief.pk).slug == "first-title"


@pytest.mark.parametrize(
    "name",
    [
        "تحریک طالبان پاکستان",  # Urdu
        "د پاکستان طالبان",  # Pashto
    ],
)
def test_a_name_in_another_script_gets_a_slug_that_keeps_its_letters(name):
    org = OrganisationFactory(name=name)
    assert org.slug
    assert org.slug != "item"
    assert any(ch in org.slug for ch in name if ch.isalpha())
    assert OrganisationFactory(name=name).slug != org.slug


# -- fuzzy dates ------------------------------------------------------------------------------


def test_a_role_ending_in_a_year_is_held_through_that_year():
    role = RoleFactory(
        start=D(2021, 1, 1),
        start_precision=Precision.YEAR,
        end=D(2023, 1, 1),
        end_precision=Precision.YEAR,
    )
    held = Role.objects.held_on
    assert list(held(D(2023, 6, 1))) == [role]
    assert list(held(D(2023, 12, 31))) == [role]
    assert not held(D(2024, 1, 1)).exists()
    assert not held(D(2020, 12, 31)).exists()


def test_a_role_ending_in_a_month_is_held_through_that_month():
    role = RoleFactory(start=D(2022, 4, 19), end=D(2023, 6, 1), end_precision=Precision.MONTH)
    assert list(Role.objects.held_on(D(2023, 6, 30))) == [role]
    assert not Role.objects.held_on(D(2023, 7, 1)).exists()
    february = RoleFactory(start=D(2022, 1, 1), end=D(2024, 2, 10), end_precision=Precision.MONTH)
    assert february.end_last_day == D(2024, 2, 29)


def test_an_open_role_is_held_from_its_start():
    role = RoleFactory(start=D(2022, 4, 19), end=None)
    assert list(Role.objects.held_on(D(2030, 1, 1))) == [role]
    assert not Role.objects.held_on(D(2022, 4, 18)).exists()


def test_fuzzy_dates_are_stored_as_the_first_day_of_their_period():
    role = RoleFactory(start=D(2021, 8, 15), start_precision=Precision.MONTH)
    assert role.start == D(2021, 8, 1)
    event = EventFactory(date=D(2023, 2, 17), date_precision=Precision.YEAR)
    assert event.date == D(2023, 1, 1)


def test_format_date_is_only_as_precise_as_the_date_is_known():
    day = D(2023, 2, 17)
    assert format_date(day, Precision.DAY) == "17 February 2023"
    assert format_date(day, Precision.MONTH) == "February 2023"
    assert format_date(day, Precision.YEAR) == "2023"
    assert format_date(None, Precision.DAY) == ""
    role = RoleFactory(
        start=D(2021, 8, 15), start_precision=Precision.MONTH, end=None, end_precision=Precision.DAY
    )
    assert role.period() == "August 2021 – present"
    assert str(EventFactory(title="Speech", date=D(2023, 2, 18))) == "Speech (18 February 2023)"


# -- history ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "factory, field, value",
    [
        (OrganisationFactory, "description", "Umbrella of militant groups."),
        (AliasFactory, "text", "Pakistani Taliban"),
        (ActorFactory, "biography", "Defence minister."),
        (RoleFactory, "title", "Interior Minister"),
        (RelationshipFactory, "source", "A report"),
        (EventFactory, "location", "Kabul"),
        (EventSourceFactory, "title", "Another report"),
        (BriefFactory, "summary", "Changed summary."),
        (SectionFactory, "body", "Changed body."),
        (SourceFactory, "title", "Changed title"),
        (AuthorFactory, "display_name", "Ayesha Khan"),
    ],
)
def test_every_content_model_keeps_one_history_row_per_save(factory, field, value):
    obj = factory()
    assert obj.history.count() == 1
    setattr(obj, field, value)
    obj._change_reason = "Corrected"
    obj.save()
    assert obj.history.count() == 2
    latest = obj.history.latest("history_date")
    assert getattr(latest, field) == value
    assert latest.history_change_reason == "Corrected"
    assert latest.history_type == "~"


def _links():
    brief, event = BriefFactory(), EventFactory()
    org, actor = OrganisationFactory(), ActorFactory()
    return [
        EventOrganisation(event=event, organisation=org, part="target"),
        EventParty(event=event, organisation=org, actor_type=2),
        EventClaim(event=event, organisation=org),
        Designation(organisation=org, jurisdiction=Designation.List.UN_1267),
        EventActor(event=event, actor=actor),
        BriefActor(brief=brief, actor=actor),
        BriefOrganisation(brief=brief, organisation=org),
        BriefEvent(brief=brief, event=event),
    ]


def test_every_link_keeps_history_of_its_creation_and_removal():
    for link in _links():
        link.save()
        assert link.history.filter(history_type="+").count() == 1, type(link).__name__
        pk = link.pk
        link.delete()
        assert type(link).history.filter(id=pk, history_type="-").count() == 1


HISTORY_TESTED = {
    Author,
    Alias,
    Organisation,
    Actor,
    Role,
    Relationship,
    Event,
    EventSource,
    Brief,
    Section,
    Source,
    EventOrganisation,
    EventParty,
    EventClaim,
    Designation,
    EventActor,
    BriefActor,
    BriefOrganisation,
    BriefEvent,
}


def test_every_content_model_is_in_the_history_tests():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    with_history = {
        m
        for app in ("actors", "briefs")
        for m in apps.get_app_config(app).get_models()
        # Not the history of a brief's authors itself (its rows point at their revision).
        if hasattr(m, "history") and not issubclass(m, HistoricalChanges)
    }
    assert with_history - {SiteSettings} == HISTORY_TESTED
