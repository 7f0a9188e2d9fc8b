"""The brief change form's panel "Names in the text", on the demo registry, through
the admin as analysts and editors use it."""

import pytest

from briefs import mentions
from briefs.models import Brief, BriefOrganisation
from briefs.publishing import editing, workflow
from tests.briefs.admin_forms import edit_brief, form_data, inline_prefix, messages_of
from tests.factories import BriefFactory, SectionFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Pakistan blamed the Taliban for the raid. Tehrik-e-Taliban fighters crossed; "
    "the TTP said so twice, and the TTP's men left. Sirājuddīn Ḥaqqānī was silent. "
    "Noor Wali Mehsud spoke for the Jamaat Ul Ahrar, and نامعلوم گروہ too."
)


def change_url(brief):
    return f"/admin/briefs/brief/{brief.pk}/change/"


@pytest.fixture
def brief(demo_registry, analyst):
    brief = BriefFactory(title="Raid on the border", created_by=analyst)
    SectionFactory(brief=brief, heading="What happened?", body=TEXT, order=0)
    BriefOrganisation.objects.create(
        brief=brief, organisation=demo_registry["tehrik-i-taliban-pakistan"]
    )
    return brief


def panel_of(response) -> str:
    html = response.content.decode()
    return html[
        html.index('id="names-panel"') : html.index("</section>", html.index('id="names-panel"'))
    ]


def test_the_panel_lists_linked_unlinked_ambiguous_and_unknown_names(analyst_client, brief):
    panel = panel_of(analyst_client.get(change_url(brief)))
    # Linked, with its mentions: the alias, the abbreviation twice (one possessive).
    assert "Tehrik-i-Taliban Pakistan</a>: mentioned 3 times" in panel
    # Mentioned, not linked: found under its accents.
    assert "Sirajuddin Haqqani: mentioned 1 time" in panel
    assert 'name="_link_mentioned"' in panel
    # The ambiguous "Taliban", in its context; "Taliban" inside Tehrik-e-Taliban is not one.
    assert panel.count("<mark>") == 1
    assert "…Pakistan blamed the <mark>Taliban</mark> for the raid." in panel
    # Names the registry does not know, each with prefilled add forms.
    assert "Noor Wali Mehsud: mentioned 1 time" in panel
    assert "Noor Wali Mehsud</bdi>" not in panel  # known to the registry
    assert "Jamaat Ul Ahrar</bdi>" in panel
    assert "/admin/actors/organisation/add/?name=Jamaat+Ul+Ahrar" in panel
    assert "نامعلوم گروہ</bdi>" in panel
    assert "/admin/actors/actor/add/?name=" in panel


def test_the_prefilled_add_form_opens_with_the_name(analyst_client):
    response = analyst_client.get("/admin/actors/organisation/add/?name=Jamaat+Ul+Ahrar")
    assert 'value="Jamaat Ul Ahrar"' in response.content.decode()


def test_check_names_reads_the_unsaved_form_and_saves_nothing(analyst_client, brief):
    response = analyst_client.get(change_url(brief))
    data = form_data(response)
    sections = inline_prefix(response, brief.sections.model)
    data[f"{sections}-0-body"] = "Only the Haqqani Network is named now, and the Resistance Front."
    version, revisions = brief.version, brief.history.count()

    checked = analyst_client.post(f"/admin/briefs/brief/{brief.pk}/names/", data)

    assert checked.status_code == 200
    fragment = checked.content.decode()
    assert 'id="names-panel"' in fragment and "<html" not in fragment
    assert "not saved yet" in fragment
    assert "Tehrik-i-Taliban Pakistan</a>: <strong>not mentioned</strong>" in fragment
    assert "Haqqani Network: mentioned 1 time" in fragment
    assert "<mark>Resistance Front</mark>" in fragment
    brief.refresh_from_db()
    assert (brief.version, brief.history.count()) == (version, revisions)
    assert brief.sections.get().body == TEXT


def test_check_names_is_a_staff_only_post(client, analyst_client, brief):
    assert analyst_client.get(f"/admin/briefs/brief/{brief.pk}/names/").status_code == 405
    client.logout()
    response = client.post(f"/admin/briefs/brief/{brief.pk}/names/", {})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_change_form_loads_the_check_script_from_the_site_only(analyst_client, brief):
    html = analyst_client.get(change_url(brief)).content.decode()
    assert '<script src="/static/tap/names.js" defer></script>' in html
    assert 'id="check-names"' in html
    assert "onclick" not in html


def test_save_and_link_links_the_entities_mentioned(analyst_client, brief, demo_registry):
    response = analyst_client.get(change_url(brief))
    data = form_data(response)
    data["_link_mentioned"] = mentions.ref_id(("actor", demo_registry["sirajuddin-haqqani"].pk))
    saved = analyst_client.post(change_url(brief), data)
    assert saved.status_code == 302 and saved["Location"].endswith(change_url(brief))
    assert list(brief.actors.all()) == [demo_registry["sirajuddin-haqqani"]]
    assert brief.history.count() == 2  # one revision, with the new link in it


def _choose(client, brief, value):
    response = client.get(change_url(brief))
    data = form_data(response)
    (select,) = [
        n for n in response.content.decode().split('name="')[1:] if n.startswith("_mention:")
    ]
    field = select.split('"')[0].replace("&#x27;", "'")
    data[field] = value
    data["change_note"] = "Chose the Taliban"
    return client.post(change_url(brief), data), field


def test_a_choice_is_saved_in_history_links_the_entity_and_the_page_follows_it(
    client, analyst_client, editor, brief, demo_registry
):
    ttp = demo_registry["tehrik-i-taliban-pakistan"]
    afghan = demo_registry["afghan-taliban"]
    response, field = _choose(analyst_client, brief, f"organisation:{afghan.pk}")
    assert response.status_code == 302
    brief.refresh_from_db()
    mention_id = field.removeprefix("_mention:")
    assert brief.mention_choices == {mention_id: f"organisation:{afghan.pk}"}
    assert brief.history.first().mention_choices == brief.mention_choices
    assert afghan in brief.organisations.all()  # choosing it links it
    # The editor is no longer warned; the page links the mention as chosen.
    assert "Before publishing" not in analyst_client.get(change_url(brief)).content.decode()
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    page = client.get(f"/briefs/{brief.slug}/").content.decode()
    assert f'blamed the <a href="{afghan.get_absolute_url()}" class="mention">Taliban</a>' in page
    assert f'<a href="{ttp.get_absolute_url()}" class="mention">Tehrik-e-Taliban</a>' in page


def test_compare_shows_the_choice_and_restore_brings_it_back(
    analyst_client, analyst, brief, demo_registry
):
    afghan = demo_registry["afghan-taliban"]
    first = brief.history.first()
    _choose(analyst_client, brief, "none")
    brief.refresh_from_db()
    chosen = brief.history.first()
    compare = analyst_client.get(
        f"/admin/briefs/brief/{brief.pk}/compare/?a={first.history_id}&b={chosen.history_id}"
    ).content.decode()
    assert "Ambiguous names" in compare and "not a mention" in compare
    _choose(analyst_client, brief, f"organisation:{afghan.pk}")
    editing.restore_revision(brief, chosen.history_id, by=analyst)
    brief.refresh_from_db()
    assert list(brief.mention_choices.values()) == ["none"]


def test_an_unresolved_mention_is_a_warning_before_and_at_publishing(editor_client, editor, brief):
    workflow.submit_for_review(brief, by=editor)
    page = editor_client.get(change_url(brief)).content.decode()
    assert "Before you publish:" in page
    assert "1 ambiguous mention not resolved, so not linked: “Taliban”" in page
    response, _ = edit_brief(editor_client, brief, _transition="publish")
    assert any(
        "was published, but: 1 ambiguous mention not resolved" in m for m in messages_of(response)
    )
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.PUBLISHED


def test_a_choice_lapses_when_the_words_around_it_change(analyst_client, brief, demo_registry):
    afghan = demo_registry["afghan-taliban"]
    _choose(analyst_client, brief, f"organisation:{afghan.pk}")
    brief.refresh_from_db()
    assert len(brief.mention_choices) == 1
    edit_brief(analyst_client, brief, section_0="Islamabad now blames the Taliban alone.")
    brief.refresh_from_db()
    assert brief.mention_choices == {}  # unresolved again: not linked, a warning
    assert len(brief.history.all()[1].mention_choices) == 1  # the history keeps it


def test_choices_for_mentions_not_in_the_text_are_not_kept(analyst_client, brief):
    response, _ = edit_brief(analyst_client, brief, **{"_mention:made|up|id": "none"})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.mention_choices == {}
