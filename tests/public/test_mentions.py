"""Mentions: the first mention of each linked entity links to its page, by the one
matcher's rules (`actors.matching`), ambiguous names only as an analyst chose."""

import pytest

from actors.matching import Matcher, Name
from briefs import mentions
from briefs.publishing.markdown import render_markdown
from tests.factories import ActorFactory, OrganisationFactory
from tests.public.builders import build_brief

TTP, ASIF, AFGHAN, NRF = ("organisation", 1), ("actor", 2), ("organisation", 3), ("organisation", 4)
URLS = {
    TTP: "/organisations/ttp/",
    ASIF: "/actors/asif/",
    AFGHAN: "/organisations/afghan-taliban/",
    NRF: "/organisations/nrf/",
}
REGISTRY = [
    Name("Tehrik-i-Taliban Pakistan", TTP),
    Name("Tehrik-e-Taliban", TTP),
    Name("TTP", TTP),
    Name("Pakistani Taliban", TTP),
    Name("Khawaja Muhammad Asif", ASIF),
    Name("Khawaja Asif", ASIF),
    Name("Afghan Taliban", AFGHAN),
    Name("Taliban", AFGHAN, ambiguous=True),
    Name("National Resistance Front", NRF),
    Name("Resistance Front", NRF, ambiguous=True),
]


def linked(*bodies, registry=REGISTRY, urls=URLS, choices=None):
    return mentions.link(
        [render_markdown(b) for b in bodies], Matcher(registry), urls, choices or {}
    )


def test_first_mention_in_the_whole_brief_is_linked_once():
    first, second = linked("The TTP grew. The TTP struck.", "Again the TTP and Khawaja Asif.")
    assert first.count('href="/organisations/ttp/"') == 1
    assert '<a href="/organisations/ttp/" class="mention">TTP</a> grew' in first
    assert "/organisations/ttp/" not in second
    assert '<a href="/actors/asif/" class="mention">Khawaja Asif</a>' in second


def test_alias_counts_as_a_mention_and_longest_name_wins():
    (html,) = linked("The Pakistani Taliban, also Tehrik-i-Taliban Pakistan.")
    assert '<a href="/organisations/ttp/" class="mention">Pakistani Taliban</a>' in html
    assert html.count("<a ") == 1


def test_whole_words_only_and_abbreviations_match_case():
    (html,) = linked("TTPX and xTTP and ttp are not mentions; TTP's is.")
    assert '<a href="/organisations/ttp/" class="mention">TTP</a>\'s is.' in html
    assert html.count("<a ") == 1


def test_names_match_regardless_of_case_and_line_breaks():
    (html,) = linked("Then khawaja muhammad\nasif spoke.")
    assert 'class="mention">khawaja muhammad\nasif</a>' in html


def test_never_inside_links_code_or_headings():
    (html,) = linked(
        "### TTP in a heading\n\n[the TTP site](https://example.org) and `TTP` and\n\n"
        "    TTP in a code block\n\nFinally the TTP."
    )
    assert html.count('class="mention"') == 1
    assert '<a href="/organisations/ttp/" class="mention">TTP</a>.' in html
    assert "<h3>TTP in a heading</h3>" in html
    assert "<code>TTP</code>" in html


@pytest.mark.parametrize(
    "text",
    [
        "Tehrik-e-Taliban fighters crossed.",
        "An anti-Taliban militia formed.",
        "The Taliban-led government spoke.",
    ],
)
def test_a_hyphen_joins_words_at_the_edges_of_a_match(text):
    (html,) = linked(text, choices={})
    assert "afghan-taliban" not in html


def test_the_taliban_inside_a_longer_name_do_not_use_up_the_first_mention():
    (html,) = linked("Tehrik-e-Taliban fighters attacked. Later the Afghan Taliban spoke.")
    assert '<a href="/organisations/ttp/" class="mention">Tehrik-e-Taliban</a>' in html
    assert 'class="mention">Afghan Taliban</a>' in html


def test_ambiguous_names_are_never_linked_by_themselves():
    (html,) = linked("Pakistan blamed the Taliban. The resistance front line held.")
    assert "<a " not in html


def test_an_ambiguous_mention_links_as_the_analyst_chose():
    body = "Pakistan blamed the Taliban. Then the Taliban denied it."
    found = mentions.find(mentions.flats([body]), Matcher(REGISTRY))
    first, second = found
    assert first.ambiguous and second.ambiguous and first.id != second.id
    choices = {first.id: "organisation:1", second.id: "organisation:3"}
    (html,) = linked(body, choices=choices)
    assert 'blamed the <a href="/organisations/ttp/" class="mention">Taliban</a>' in html
    assert 'Then the <a href="/organisations/afghan-taliban/" class="mention">Taliban</a>' in html
    (html,) = linked(body, choices={first.id: mentions.NOT_A_MENTION})
    assert "<a " not in html


def test_a_choice_stays_with_its_mention_when_text_elsewhere_changes():
    body = "Pakistan blamed the Taliban for the attack."
    (mention,) = mentions.find(mentions.flats([body]), Matcher(REGISTRY))
    (html,) = linked("A new first paragraph.", body, choices={mention.id: "organisation:1"})[1:]
    assert 'class="mention">Taliban</a>' in html
    # The words around it changed: the choice lapses; nothing is guessed.
    (html,) = linked("Islamabad blamed the Taliban loudly.", choices={mention.id: "organisation:1"})
    assert "<a " not in html


@pytest.mark.parametrize(
    "text,written",
    [
        ("Sirājuddīn Ḥaqqānī", "Sirājuddīn Ḥaqqānī"),  # composed accents
        (
            "Sira\u0304juddi\u0304n Haqqa\u0304ni\u0304",
            "Sira\u0304juddi\u0304n Haqqa\u0304ni\u0304",
        ),
        ("Khawaja\u00a0Muhammad Asif", "Khawaja\u00a0Muhammad Asif"),
        ("Khawaja\u200bMuhammad Asif", None),  # a zero-width space is no space
        ("Kha\u00adwaja Mu\u200chammad Asif", "Kha\u00adwaja Mu\u200chammad Asif"),
    ],
)
def test_unicode_variants_match_and_links_wrap_the_characters_as_written(text, written):
    registry = [*REGISTRY, Name("Sirajuddin Haqqani", ("actor", 9))]
    urls = {**URLS, ("actor", 9): "/actors/haqqani/"}
    (html,) = linked(f"Then {text} spoke.", registry=registry, urls=urls)
    if written is None:
        assert "<a " not in html
    else:
        assert f'class="mention">{written}</a> spoke' in html


def test_urdu_typed_with_arabic_letters_matches_the_urdu_alias():
    registry = [*REGISTRY, Name("تحریک طالبان پاکستان", TTP)]
    (html,) = linked("بیان تحريك طالبان پاكستان کا", registry=registry)  # Arabic yeh and kaf
    assert 'class="mention">تحريك طالبان پاكستان</a>' in html


def test_dashes_and_a_line_break_after_a_hyphen_are_equivalent_inside_a_name():
    registry = [*REGISTRY, Name("Islamic State – Khorasan", ("organisation", 7))]
    urls = {**URLS, ("organisation", 7): "/organisations/isk/"}
    (html,) = linked("Islamic State–Khorasan struck.", registry=registry, urls=urls)
    assert 'class="mention">Islamic State–Khorasan</a>' in html
    (html,) = linked("The Tehrik-i-\nTaliban Pakistan claimed it.")
    assert 'class="mention">Tehrik-i-\nTaliban Pakistan</a>' in html


def test_emphasis_or_a_link_inside_a_name_does_not_break_it():
    (html,) = linked("The **Tehrik-i-Taliban** Pakistan claimed it, then the TTP.")
    assert (
        '<a href="/organisations/ttp/" class="mention"><strong>Tehrik-i-Taliban</strong> '
        "Pakistan</a> claimed" in html
    )
    (html,) = linked("Tehrik-e-*Taliban* fighters, said the Afghan Taliban.")
    assert '<a href="/organisations/ttp/" class="mention">Tehrik-e-<em>Taliban</em></a>' in html
    # A name partly inside the author's own link: taken, not linked again.
    (html,) = linked("[Tehrik-i-Taliban](https://example.org) Pakistan, and the TTP.")
    assert "afghan-taliban" not in html
    assert '<a href="/organisations/ttp/" class="mention">TTP</a>' in html


def test_hostile_names_are_escaped_and_text_stays_escaped():
    hostile = [Name("<b>Group</b>", ("organisation", 8))]
    (html,) = linked(
        "A &lt;b&gt;Group&lt;/b&gt; and <b>Group</b> & more.",
        registry=hostile,
        urls={("organisation", 8): "/organisations/x/"},
    )
    assert "<b>" not in html
    assert "&amp; more" in html


@pytest.mark.django_db
def test_published_brief_links_mentions_of_its_linked_entities(client, publish):
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan", abbreviation="TTP", aliases=["Pakistani Taliban"]
    )
    unlinked = OrganisationFactory(name="Haqqani Network")
    asif = ActorFactory(name="Khawaja Muhammad Asif")
    brief = build_brief(
        sections=(
            ("What happened?", "Khawaja Muhammad Asif met the Haqqani Network."),
            ("Background", "The Pakistani Taliban attacked. The TTP claimed it."),
        ),
        actors=[asif],
        organisations=[ttp],
    )
    publish(brief)
    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    body = html[html.index('class="brief__body') : html.index("brief__sources")]
    assert f'<a href="{asif.get_absolute_url()}" class="mention">Khawaja Muhammad Asif</a>' in body
    assert f'<a href="{ttp.get_absolute_url()}" class="mention">Pakistani Taliban</a>' in body
    assert body.count(ttp.get_absolute_url()) == 1
    assert unlinked.get_absolute_url() not in body  # not linked to the brief: no mention
