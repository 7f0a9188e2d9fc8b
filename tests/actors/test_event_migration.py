"""The migration to the codebook fields keeps every figure of the events as they were
stored before it (the demo's three events), on the real database."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("actors", "0004_alias_registry"),
    ("briefs", "0015_authors_in_history_tag_changes_transition_versions"),
]

# The demo events as the demo file held them before the migration.
OLD_EVENTS = [
    {
        "slug": "karachi-police-office-attack-2023",
        "title": "Attack on the Karachi Police Office",
        "date": datetime.date(2023, 2, 17),
        "place": "Karachi, Sindh",
        "country": "PK",
        "kind": "attack",
        "killed": 4,
        "injured": 14,
        "claim": "claimed",
        "links": [("ttp", "perpetrator"), ("ttp", "claimant")],
    },
    {
        "slug": "bilawal-munich-security-conference-2023",
        "title": "Bilawal Bhutto Zardari's speech at the Munich Security Conference",
        "date": datetime.date(2023, 2, 18),
        "place": "Munich",
        "country": "DE",
        "kind": "speech",
        "killed": None,
        "injured": None,
        "claim": "unknown",
        "links": [("mofa", "participant")],
    },
    {
        "slug": "pakistani-delegation-kabul-visit-2023",
        "title": "Pakistani delegation's visit to Kabul",
        "date": datetime.date(2023, 2, 22),
        "place": "Kabul",
        "country": "AF",
        "kind": "meeting",
        "killed": None,
        "injured": None,
        "claim": "unknown",
        "links": [("mofa", "participant"), ("isi", "participant")],
    },
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest():
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    yield targets
    migrate(targets)  # whatever happened, the database is left as the other tests need it


# serialized_rollback: the content types, groups and permissions made by migrations
# survive the flush afterwards, under the ids the rest of the suite has cached.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_events_keep_every_figure(latest):
    old = migrate(BEFORE)
    Organisation = old.get_model("actors", "Organisation")
    Event = old.get_model("actors", "Event")
    EventOrganisation = old.get_model("actors", "EventOrganisation")
    orgs = {
        "ttp": Organisation.objects.create(
            name="Tehrik-i-Taliban Pakistan", slug="tehrik-i-taliban-pakistan", kind="militant"
        ),
        "mofa": Organisation.objects.create(
            name="Ministry of Foreign Affairs", slug="mofa", kind="government"
        ),
        "isi": Organisation.objects.create(
            name="Inter-Services Intelligence", slug="isi", kind="intelligence"
        ),
    }
    for item in OLD_EVENTS:
        fields = {k: v for k, v in item.items() if k != "links"}
        event = Event.objects.create(**fields)
        for org, part in item["links"]:
            EventOrganisation.objects.create(event=event, organisation=orgs[org], part=part)

    new = migrate(latest)
    Event = new.get_model("actors", "Event")
    figures = {
        e.slug: (e.location, e.country.code, e.kind, e.killed_best, e.injured_best, e.claim)
        for e in Event.objects.all()
    }
    assert figures == {
        item["slug"]: (
            item["place"],
            item["country"],
            item["kind"],
            item["killed"],
            item["injured"],
            item["claim"],
        )
        for item in OLD_EVENTS
    }
    karachi = Event.objects.get(slug="karachi-police-office-attack-2023")
    # The perpetrator is actor 1, with the type a militant group has; the claim is a claim.
    assert [
        (p.side, p.associated, p.organisation.slug, p.category, p.actor_type)
        for p in karachi.parties.all()
    ] == [(1, False, "tehrik-i-taliban-pakistan", "", 2)]
    assert [(c.organisation.slug, c.mode) for c in karachi.claims.all()] == [
        ("tehrik-i-taliban-pakistan", "")
    ]
    assert not karachi.organisation_links.exists()
    # Nothing was made up: no range, no split, no coordinates, no ACLED type.
    assert (karachi.killed_low, karachi.killed_victims, karachi.latitude) == (None, None, None)
    assert (karachi.event_type, karachi.attribution) == ("", "unknown")
    kabul = Event.objects.get(slug="pakistani-delegation-kabul-visit-2023")
    assert sorted(kabul.organisation_links.values_list("organisation__slug", "part")) == [
        ("isi", "participant"),
        ("mofa", "participant"),
    ]
    assert not kabul.parties.exists()
    # Each event has its id, and the counters carry on after them.
    assert sorted(Event.objects.values_list("public_id", flat=True)) == [
        "AFG-1",
        "DEU-1",
        "PAK-1",
    ]
    EventSequence = new.get_model("actors", "EventSequence")
    assert dict(EventSequence.objects.values_list("prefix", "last")) == {
        "AFG": 1,
        "DEU": 1,
        "PAK": 1,
    }

    from actors.models import Event as CurrentEvent

    later = CurrentEvent.objects.create(
        title="Another attack", date=datetime.date(2023, 3, 1), country="PK"
    )
    assert later.public_id == "PAK-2"
