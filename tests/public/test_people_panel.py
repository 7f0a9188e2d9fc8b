"""The people panel: every role held on the brief's date, senior first, as precise as
the registry knows it, and "former" for a role that had ended."""

import datetime

import pytest
from django.test import Client

from actors.dates import Precision
from actors.models import Role
from tests.factories import ActorFactory, OrganisationFactory, RoleFactory
from tests.public.builders import build_brief
from tests.public.panels import person

pytestmark = pytest.mark.django_db

D = datetime.date
NOTE = "A month or a year in brackets is as precisely as the registry knows"


def published_page(publish, *, date, actors) -> str:
    brief = build_brief(title="People on a day", date=date, actors=actors)
    publish(brief)
    response = Client().get(f"/briefs/{brief.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def isi(db):
    return OrganisationFactory(name="Inter-Services Intelligence", kind="intelligence")


def test_a_handover_known_to_the_month_shows_both_holders_with_their_bounds(publish, isi):
    """Faiz Hameed and Nadeem Anjum, DG ISI, on 15 November 2021: the registry knows the
    handover only to the month, so both may have held the office that day."""
    faiz, nadeem = ActorFactory(name="Faiz Hameed"), ActorFactory(name="Nadeem Anjum")
    for actor, start, end in [
        (faiz, D(2019, 6, 1), D(2021, 11, 1)),
        (nadeem, D(2021, 11, 1), D(2024, 9, 1)),
    ]:
        RoleFactory(
            actor=actor,
            organisation=isi,
            title="Director General",
            rank=Role.Rank.LEADER,
            start=start,
            start_precision=Precision.MONTH,
            end=end,
            end_precision=Precision.MONTH,
        )

    html = published_page(publish, date=D(2021, 11, 15), actors=[faiz, nadeem])

    assert person(html, "Faiz Hameed")["roles"] == [
        "Director General, Inter-Services Intelligence (until Nov 2021)"
    ]
    assert person(html, "Nadeem Anjum")["roles"] == [
        "Director General, Inter-Services Intelligence (from Nov 2021)"
    ]
    assert NOTE in html


def test_a_day_inside_the_known_period_needs_no_bound(publish, isi):
    nadeem = ActorFactory(name="Nadeem Anjum")
    RoleFactory(
        actor=nadeem,
        organisation=isi,
        title="Director General",
        start=D(2021, 11, 1),
        start_precision=Precision.MONTH,
        end=D(2024, 9, 1),
        end_precision=Precision.MONTH,
    )
    html = published_page(publish, date=D(2023, 2, 22), actors=[nadeem])
    assert person(html, "Nadeem Anjum")["roles"] == [
        "Director General, Inter-Services Intelligence"
    ]
    assert NOTE not in html


def test_a_year_bound_is_shown_as_a_year(publish):
    taliban = OrganisationFactory(name="Afghan Taliban")
    haqqani = ActorFactory(name="Sirajuddin Haqqani")
    RoleFactory(
        actor=haqqani,
        organisation=taliban,
        title="Deputy Leader",
        start=D(2015, 1, 1),
        start_precision=Precision.YEAR,
    )
    html = published_page(publish, date=D(2015, 7, 31), actors=[haqqani])
    assert person(html, "Sirajuddin Haqqani")["roles"] == [
        "Deputy Leader, Afghan Taliban (from 2015)"
    ]


def test_every_role_held_most_senior_first_and_at_most_three(publish):
    taliban = OrganisationFactory(name="Afghan Taliban")
    interior = OrganisationFactory(name="Ministry of Interior Affairs")
    network = OrganisationFactory(name="Haqqani Network")
    haqqani = ActorFactory(name="Sirajuddin Haqqani")
    for title, organisation, rank, start in [
        ("Deputy Leader", taliban, Role.Rank.DEPUTY, D(2015, 1, 1)),
        ("Interior Minister", interior, Role.Rank.LEADER, D(2021, 9, 7)),
        ("Head", network, Role.Rank.LEADER, D(2018, 9, 3)),
        ("Member of the Leadership Council", taliban, Role.Rank.OTHER, D(2010, 1, 1)),
        ("Commander", network, Role.Rank.SENIOR, D(2008, 1, 1)),
        ("Spokesperson", taliban, Role.Rank.SENIOR, D(2030, 1, 1)),  # not yet
    ]:
        RoleFactory(actor=haqqani, organisation=organisation, title=title, rank=rank, start=start)

    html = published_page(publish, date=D(2023, 2, 22), actors=[haqqani])

    shown = person(html, "Sirajuddin Haqqani")
    # Leaders first, the latest begun first among them; then the deputy.
    assert shown["roles"] == [
        "Interior Minister, Ministry of Interior Affairs",
        "Head, Haqqani Network",
        "Deputy Leader, Afghan Taliban",
    ]
    assert shown["more"] == ["and 2 more roles"]


def test_a_person_whose_roles_had_ended_is_shown_as_former(publish, isi):
    retired = ActorFactory(name="Asad Durrani")
    RoleFactory(
        actor=retired,
        organisation=isi,
        title="Director General",
        start=D(1990, 8, 1),
        end=D(1992, 3, 1),
        end_precision=Precision.MONTH,
    )
    RoleFactory(
        actor=retired,
        organisation=None,
        title="Ambassador",
        start=D(1994, 1, 1),
        end=D(1997, 6, 30),
    )
    newcomer = ActorFactory(name="Someone Later")
    RoleFactory(actor=newcomer, organisation=isi, title="Director General", start=D(2030, 1, 1))

    html = published_page(publish, date=D(2023, 2, 22), actors=[retired, newcomer])

    # The role that ended last, with its end as precise as it is known.
    assert person(html, "Asad Durrani")["roles"] == ["Former Ambassador (until 30 Jun 1997)"]
    # A role that begins after the brief's date is no role on that date, and not "former".
    assert person(html, "Someone Later")["roles"] == []
