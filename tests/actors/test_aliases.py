"""The alias registry: rows with kind, language, script and dates, edited in the
admin, kept in history, read by search and autocomplete, migrated from the lists."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actors.models import Alias, Organisation
from tests.briefs.admin_forms import messages_of
from tests.factories import ActorFactory, OrganisationFactory, analyst

BEFORE = [("actors", "0003_role_seniority")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "actors"]


# serialized_rollback: the content types, groups and permissions made by migrations
# survive the flush afterwards, under the ids the rest of the suite has cached.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_every_alias_list_into_rows_without_loss():
    try:
        old = _migrate(BEFORE)
        OldOrganisation = old.get_model("actors", "Organisation")
        OldActor = old.get_model("actors", "Actor")
        lists = {
            "ttp": [
                "Tahrik-e-Taliban-e-Pakistan",
                "Pakistani Taliban, the",
                "TTP",
                "تحریک طالبان پاکستان",
            ],
            "none": [],
            "twice": ["Haqqanis", "Haqqanis", " "],
        }
        orgs = {
            key: OldOrganisation.objects.create(name=key, slug=key, aliases=aliases)
            for key, aliases in lists.items()
        }
        person = OldActor.objects.create(
            name="Khawaja Muhammad Asif", slug="asif", aliases=["خواجہ محمد آصف", "Khawaja Asif"]
        )
        new = _migrate(_latest())
    except Exception:
        _migrate(_latest())
        raise
    NewAlias = new.get_model("actors", "Alias")
    rows = lambda **owner: list(  # noqa: E731
        NewAlias.objects.filter(**owner).order_by("pk").values_list("text", "kind", "script")
    )
    assert rows(organisation_id=orgs["ttp"].pk) == [
        ("Tahrik-e-Taliban-e-Pakistan", "", "Latn"),
        ("Pakistani Taliban, the", "", "Latn"),  # a comma is no longer a separator
        ("TTP", "abbreviation", "Latn"),
        ("تحریک طالبان پاکستان", "", "Arab"),
    ]
    assert rows(organisation_id=orgs["none"].pk) == []
    assert rows(organisation_id=orgs["twice"].pk) == [("Haqqanis", "", "Latn")]
    assert rows(actor_id=person.pk) == [
        ("خواجہ محمد آصف", "", "Arab"),
        ("Khawaja Asif", "", "Latn"),
    ]
    # Each row has its history, saying where it came from.
    history = new.get_model("actors", "HistoricalAlias").objects.all()
    assert history.count() == NewAlias.objects.count()
    assert {h.history_change_reason for h in history} == {
        "Migrated from the comma-separated alias list"
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_back_writes_the_rows_into_the_lists():
    ttp = OrganisationFactory(name="TTP group", aliases=["Pakistani Taliban", "Tehrik-e-Taliban"])
    try:
        old = _migrate(BEFORE)
        assert old.get_model("actors", "Organisation").objects.get(pk=ttp.pk).aliases == [
            "Pakistani Taliban",
            "Tehrik-e-Taliban",
        ]
    finally:
        _migrate(_latest())
    assert [a.text for a in Organisation.objects.get(pk=ttp.pk).aliases.all()] == [
        "Pakistani Taliban",
        "Tehrik-e-Taliban",
    ]


def _inline(data, prefix, index, **fields):
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value


@pytest.mark.django_db
def test_an_analyst_adds_aliases_in_the_inline_and_they_are_in_history(client):
    client.force_login(analyst())
    org = OrganisationFactory(name="Afghan Taliban", slug="afghan-taliban")
    data = {
        "name": org.name,
        "slug": org.slug,
        "kind": "militant",
        "founded_precision": "day",
        "dissolved_precision": "day",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "relationships_from-TOTAL_FORMS": "0",
        "relationships_from-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "designations-TOTAL_FORMS": "0",
        "designations-INITIAL_FORMS": "0",
    }
    _inline(
        data, "aliases", 0, text="Taliban", kind="", language="en", script="Latn", ambiguous="on"
    )
    _inline(data, "aliases", 1, text="طالبان", kind="translation", language="ps", script="Arab")
    response = client.post(f"/admin/actors/organisation/{org.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert not [m for m in messages_of(response) if "also a name" in m]
    taliban, pashto = org.aliases.order_by("pk")
    assert (taliban.text, taliban.ambiguous, taliban.language) == ("Taliban", True, "en")
    assert (pashto.text, pashto.script, pashto.kind) == ("طالبان", "Arab", "translation")
    assert taliban.history.get().history_type == "+"
    # Search and autocomplete read the rows.
    assert org.name in client.get("/admin/actors/organisation/?q=طالبان").content.decode()
    found = client.get(
        "/admin/autocomplete/",
        {
            "term": "طالبان",
            "app_label": "briefs",
            "model_name": "brieforganisation",
            "field_name": "organisation",
        },
    ).json()
    assert [r["text"] for r in found["results"]] == [str(org)]


@pytest.mark.django_db
def test_a_bad_language_or_script_code_is_refused_with_a_message(client):
    client.force_login(analyst())
    person = ActorFactory(name="Sirajuddin Haqqani", slug="sirajuddin-haqqani")
    data = {
        "name": person.name,
        "slug": person.slug,
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
    }
    _inline(data, "aliases", 0, text="Siraj Haqqani", language="URD", script="arab")
    response = client.post(f"/admin/actors/actor/{person.pk}/change/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "An ISO 639 code" in page and "An ISO 15924 code" in page
    assert not Alias.objects.exists()


@pytest.mark.django_db
def test_the_public_page_lists_the_aliases(client):
    org = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan", aliases=["Pakistani Taliban", "تحریک طالبان پاکستان"]
    )
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Pakistani Taliban · تحریک طالبان پاکستان" in page


@pytest.mark.django_db
def test_saving_a_name_another_entity_has_says_it_is_ambiguous(client):
    client.force_login(analyst())
    OrganisationFactory(name="Afghan Taliban", aliases=["Taliban"])
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", slug="ttp")
    data = {
        "name": ttp.name,
        "slug": ttp.slug,
        "kind": "militant",
        "founded_precision": "day",
        "dissolved_precision": "day",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "relationships_from-TOTAL_FORMS": "0",
        "relationships_from-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "designations-TOTAL_FORMS": "0",
        "designations-INITIAL_FORMS": "0",
    }
    _inline(data, "aliases", 0, text="Taliban")
    response = client.post(f"/admin/actors/organisation/{ttp.pk}/change/", data)
    assert response.status_code == 302
    assert "“Taliban” is also a name of Afghan Taliban: it counts as ambiguous" in " ".join(
        messages_of(response)
    )
