"""`manage.py load_demo`: the promised content, twice without change, and the accounts."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actors.dates import Precision
from actors.incidents import interaction_of
from actors.models import Actor, Alias, Event, Organisation, Relationship, Role
from briefs import demo
from briefs.models import STANDARD_HEADINGS, Brief, Publication, Transition
from briefs.publishing import editing, workflow
from briefs.roles import ANALYSTS, EDITORS
from tests import factories
from tests.public.panels import person

pytestmark = pytest.mark.django_db

User = get_user_model()
BRIEF_SLUG = "pakistani-delegation-visit-to-kabul"


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model we write, history tables included."""
    labels = {"actors", "briefs", "auth", "taggit"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def test_loads_the_promised_content(settings):
    settings.DEBUG = False
    load_demo()

    with_aliases = Organisation.objects.filter(aliases__isnull=False).distinct()
    assert with_aliases.count() >= 6
    ttp = Organisation.objects.get(abbreviation="TTP")
    assert ttp.kind == Organisation.Kind.MILITANT_GROUP and ttp.country == "PK"
    assert {"Tahrik-e-Taliban-e-Pakistan", "Pakistani Taliban", "Tehrik-e-Taliban"} <= set(
        ttp.names()
    )
    assert "ISKP" in Organisation.objects.get(abbreviation="IS-K").names()
    # Urdu and Pashto names of the sample's groups, with language and script.
    for slug in ["tehrik-i-taliban-pakistan", "islamic-state-khorasan-province", "haqqani-network"]:
        languages = set(
            Alias.objects.filter(organisation__slug=slug, script="Arab").values_list(
                "language", flat=True
            )
        )
        assert {"ur", "ps"} <= languages, slug
    # "Taliban" can mean more than one group: flagged, never linked by itself.
    assert Alias.objects.get(organisation__slug="afghan-taliban", text="Taliban").ambiguous
    assert Alias.objects.get(
        organisation__slug="national-resistance-front", text="Resistance Front"
    ).ambiguous
    assert Organisation.objects.get(abbreviation="ISI").kind == Organisation.Kind.INTELLIGENCE
    assert Organisation.objects.get(name="The Express Tribune").kind == Organisation.Kind.MEDIA

    assert Relationship.objects.filter(
        subject__name="Haqqani Network", kind="affiliate", other__name="Afghan Taliban"
    ).exists()
    assert Relationship.objects.filter(
        subject__abbreviation="IS-K", kind="rival", other__name="Afghan Taliban"
    ).exists()
    assert not Relationship.objects.filter(source="").exists()

    assert Actor.objects.count() >= 10
    assert not Actor.objects.filter(roles__isnull=True).exists()
    # Any script survives: an Urdu alias is stored as written.
    assert "خواجہ محمد آصف" in Actor.objects.get(slug="khawaja-muhammad-asif").names()


def test_events_carry_their_figures_and_unknown_is_not_zero():
    load_demo()

    karachi = Event.objects.get(date=datetime.date(2023, 2, 17))
    assert (karachi.kind, karachi.country, karachi.killed_best, karachi.injured_best) == (
        Event.Kind.ATTACK,
        "PK",
        4,
        14,
    )
    assert karachi.claim == Event.Claim.CLAIMED
    assert karachi.public_id == "PAK-1"
    assert (karachi.location, karachi.admin2, karachi.admin1) == (
        "Karachi",
        "Karachi South",
        "Sindh",
    )
    assert karachi.geo_precision == 1 and karachi.latitude is not None
    assert (karachi.event_type, karachi.sub_event_type) == ("Battles", "Armed clash")
    assert interaction_of(karachi.parties.all()) == 12  # rebel group against state forces
    assert [(p.side, p.name(), p.actor_type) for p in karachi.parties.all()] == [
        (1, "Tehrik-i-Taliban Pakistan", 2),
        (2, "Police Forces of Pakistan", 1),
    ]
    assert [(c.organisation.abbreviation, c.mode) for c in karachi.claims.all()] == [
        ("TTP", "statement")
    ]
    assert karachi.killed_low is None and karachi.killed_victims is None  # not known
    assert set(karachi.tags.names()) == {"TTP", "Karachi"}
    assert set(karachi.sources.values_list("scale", flat=True)) == {"National"}

    ttp = Organisation.objects.get(abbreviation="TTP")
    assert [
        (d.jurisdiction, d.listed.isoformat(), d.listed_precision)
        for d in ttp.designations.order_by("listed", "jurisdiction")
    ] == [
        ("PK", "2008-08-25", "day"),
        ("US-FTO", "2010-09-01", "day"),
        ("US-SDGT", "2010-09-01", "day"),
        ("GB", "2011-01-01", "month"),
        ("UN-1267", "2011-07-29", "day"),
    ]

    munich = Event.objects.get(date=datetime.date(2023, 2, 18))
    assert (munich.kind, munich.country) == (Event.Kind.SPEECH, "DE")
    assert munich.killed_best is None and munich.injured_best is None
    assert munich.public_id == "DEU-1"

    kabul = Event.objects.get(date=datetime.date(2023, 2, 22))
    assert (kabul.kind, kabul.country) == (Event.Kind.MEETING, "AF")
    assert kabul.participants.filter(slug="khawaja-muhammad-asif").exists()
    assert kabul.participants.filter(slug="abdul-ghani-baradar").exists()

    assert Event.objects.count() == 3
    for event in Event.objects.all():
        source = event.sources.first()
        assert source is not None, event
        assert source.outlet and source.title and source.url and source.accessed


def test_the_brief_is_complete_and_live(settings):
    settings.DEBUG = False
    load_demo()

    brief = Brief.objects.get(slug=BRIEF_SLUG)
    assert brief.date == datetime.date(2023, 2, 22)
    assert brief.status == Brief.Status.PUBLISHED
    sections = list(brief.sections.all())
    assert [s.heading for s in sections] == STANDARD_HEADINGS
    for section in sections:
        assert len(section.body.split()) >= 150, section.heading
        assert "viewpoints expressed" not in section.body  # the footer is the site's
    assert {s.outlet for s in brief.sources.all()} >= {"The Express Tribune", "Twitter"}
    assert {t.name for t in brief.tags.all()} >= {"Pakistan", "Afghanistan", "TTP"}
    assert set(brief.countries) == {"AF", "PK"}
    assert brief.actors.filter(slug="abdul-qahhar-balkhi").exists()
    assert brief.organisations.filter(abbreviation="TTP").exists()
    assert brief.events.count() == 3

    live = Publication.objects.live().get(brief=brief)
    assert live.slug == BRIEF_SLUG
    assert [s["heading"] for s in live.content["sections"]] == STANDARD_HEADINGS
    assert live.events.count() == 3


def test_the_first_revision_already_holds_the_sections():
    load_demo()
    brief = Brief.objects.get(slug=BRIEF_SLUG)
    first = brief.history.order_by("history_date", "history_id").first()
    revision = editing.revision(brief, first.history_id)
    assert [s.heading for s in revision.sections] == STANDARD_HEADINGS
    assert len(revision.sources) == brief.sources.count()
    assert revision.event_ids == set(brief.events.values_list("pk", flat=True))


def test_roles_are_shown_as_held_on_the_brief_date():
    load_demo()
    asif = Actor.objects.get(slug="khawaja-muhammad-asif")
    assert asif.roles.count() > 1
    held = list(Role.objects.held_on(datetime.date(2023, 2, 22)).filter(actor=asif))
    assert len(held) == 1
    assert (held[0].title, held[0].start, held[0].start_precision) == (
        "Defence Minister",
        datetime.date(2022, 4, 1),
        Precision.MONTH,
    )
    # Ended in August 2023, known to the month: held until the month's last day.
    assert held[0].end_last_day == datetime.date(2023, 8, 31)

    live = Publication.objects.live().get(brief__slug=BRIEF_SLUG)
    entry = next(a for a in live.content["actors"] if a["slug"] == "khawaja-muhammad-asif")
    assert [r["title"] for r in entry["roles"]] == ["Defence Minister"]


def test_the_demo_brief_shows_every_role_held_on_its_date_leader_first(client):
    load_demo()
    html = client.get(f"/briefs/{BRIEF_SLUG}/").content.decode()
    # Sirajuddin Haqqani in February 2023: both roles, the one leading an organisation first.
    assert person(html, "Sirajuddin Haqqani")["roles"] == [
        "Interior Minister, Ministry of Interior Affairs (Taliban administration)",
        "Deputy Leader, Afghan Taliban",
    ]
    # The Defence Minister's start and end are known to the month, but not this month.
    assert person(html, "Khawaja Muhammad Asif")["roles"] == [
        "Defence Minister, Ministry of Defence (Pakistan)"
    ]


def test_the_demo_registry_shows_both_dg_isi_in_their_handover_month(client):
    """Faiz Hameed handed the ISI to Nadeem Anjum in November 2021, known to the month."""
    load_demo()
    editor = factories.editor()
    brief = factories.BriefFactory(
        title="ISI on 15 November 2021", date=datetime.date(2021, 11, 15)
    )
    factories.SectionFactory(brief=brief)
    brief.actors.set(Actor.objects.filter(slug__in=["faiz-hameed", "nadeem-anjum"]))
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)

    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert person(html, "Faiz Hameed")["roles"] == [
        "Director General, Inter-Services Intelligence (until Nov 2021)"
    ]
    assert person(html, "Nadeem Anjum")["roles"] == [
        "Director General, Inter-Services Intelligence (from Nov 2021)"
    ]


def test_second_run_changes_nothing(settings):
    settings.DEBUG = True
    first = load_demo()
    assert "Demo content loaded" in first
    before = row_counts()
    brief = Brief.objects.get(slug=BRIEF_SLUG)
    revisions = brief.history.count()

    second = load_demo()

    assert row_counts() == before
    assert brief.history.count() == revisions
    assert Brief.objects.filter(slug=BRIEF_SLUG).count() == 1
    assert Publication.objects.filter(brief=brief).count() == 1
    assert "already there" in second and "nothing changed" in second


def test_accounts_are_created_when_debug_is_on(settings, client):
    settings.DEBUG = True
    out = load_demo()

    analyst, editor, admin = (User.objects.get(username=n) for n in ("analyst", "editor", "admin"))
    assert list(analyst.groups.values_list("name", flat=True)) == [ANALYSTS]
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]
    assert analyst.is_staff and editor.is_staff and not editor.is_superuser
    assert admin.is_superuser and admin.is_staff
    for account in demo.ACCOUNTS:
        assert client.login(username=account.username, password=account.password)
        client.logout()
        assert f"{account.username} " in out and account.password in out
    assert "http://127.0.0.1:8000/admin/" in out

    brief = Brief.objects.get(slug=BRIEF_SLUG)
    assert list(brief.authors.all()) == [analyst]
    moves = {(t.to_status, t.by) for t in Transition.objects.filter(brief=brief)}
    assert moves == {(Brief.Status.REVIEW, analyst), (Brief.Status.PUBLISHED, editor)}
    assert Publication.objects.get(brief=brief).published_by == editor


def test_accounts_are_skipped_when_debug_is_off(settings, client):
    settings.DEBUG = False
    out = load_demo()

    assert not User.objects.filter(username__in=["analyst", "editor", "admin"]).exists()
    assert "skipped" in out and "admin-demo" not in out
    system = User.objects.get(username=demo.SYSTEM_USERNAME)
    assert not system.is_staff and not system.is_superuser
    assert not system.has_usable_password()
    brief = Brief.objects.get(slug=BRIEF_SLUG)
    assert list(brief.authors.all()) == [system]
    assert Publication.objects.live().filter(brief=brief).exists()


def test_accounts_flag_creates_them_without_debug(settings, client):
    settings.DEBUG = False
    load_demo("--accounts")
    assert client.login(username="editor", password="editor-demo")


def test_an_existing_user_is_left_alone(settings, client):
    settings.DEBUG = True
    factories.analyst(username="analyst")  # password "pw-for-tests-only"
    out = load_demo()
    assert client.login(username="analyst", password="pw-for-tests-only")
    assert "already there: password left as it was" in out


def test_a_broken_file_writes_nothing(settings, tmp_path):
    settings.DEBUG = True
    broken = tmp_path / "demo.json"
    broken.write_text(
        json.dumps(
            {
                "organisations": [{"slug": "ttp", "name": "Tehrik-i-Taliban Pakistan"}],
                "actors": [
                    {
                        "slug": "someone",
                        "name": "Someone",
                        "roles": [{"title": "Emir", "organisation": "nowhere"}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    before = row_counts()

    with pytest.raises(CommandError, match="actor 'someone'.*'nowhere'"):
        load_demo("--file", str(broken))

    assert row_counts() == before


@pytest.mark.parametrize(
    "alias, message",
    [
        ({"text": "Taliban", "ambigous": True}, "alias 'Taliban': unknown field.*ambigous"),
        ({"text": "TTP", "script": "latin"}, "alias 'TTP'.*ISO 15924"),
    ],
)
def test_a_bad_alias_writes_nothing(alias, message, tmp_path):
    broken = tmp_path / "demo.json"
    broken.write_text(
        json.dumps({"organisations": [{"slug": "ttp", "name": "TTP group", "aliases": [alias]}]}),
        encoding="utf-8",
    )
    before = row_counts()

    with pytest.raises(CommandError, match=message):
        load_demo("--file", str(broken))

    assert row_counts() == before
