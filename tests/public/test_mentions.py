"""Mentions: the first mention of each linked actor and organisation links to its page."""

import pytest

from briefs.publishing.markdown import Mentionable, link_mentions, render_markdown
from tests.factories import ActorFactory, OrganisationFactory
from tests.public.builders import build_brief

TTP = Mentionable(("Tehrik-i-Taliban Pakistan", "TTP", "Pakistani Taliban"), "/organisations/ttp/")
ASIF = Mentionable(("Khawaja Muhammad Asif", "Khawaja Asif"), "/actors/asif/")


def mentions(*bodies, entities=(TTP, ASIF)):
    return link_mentions([render_markdown(b) for b in bodies], list(entities))


def test_first_mention_in_the_whole_brief_is_linked_once():
    first, second = mentions("The TTP grew. The TTP struck.", "Again the TTP and Khawaja Asif.")
    assert first.count('href="/organisations/ttp/"') == 1
    assert '<a href="/organisations/ttp/" class="mention">TTP</a> grew' in first
    assert "/organisations/ttp/" not in second
    assert '<a href="/actors/asif/" class="mention">Khawaja Asif</a>' in second


def test_alias_counts_as_a_mention_and_longest_name_wins():
    (html,) = mentions("The Pakistani Taliban, also Tehrik-i-Taliban Pakistan.")
    assert '<a href="/organisations/ttp/" class="mention">Pakistani Taliban</a>' in html
    assert html.count("<a ") == 1


def test_whole_words_only_and_abbreviations_match_case():
    (html,) = mentions("TTPX and xTTP and ttp are not mentions; TTP's is.")
    assert '<a href="/organisations/ttp/" class="mention">TTP</a>\'s is.' in html
    assert html.count("<a ") == 1


def test_names_match_regardless_of_case_and_line_breaks():
    (html,) = mentions("Then khawaja muhammad\nasif spoke.")
    assert 'class="mention">khawaja muhammad\nasif</a>' in html


def test_never_inside_links_code_or_headings():
    (html,) = mentions(
        "### TTP in a heading\n\n[the TTP site](https://example.org) and `TTP` and\n\n"
        "    TTP in a code block\n\nFinally the TTP."
    )
    assert html.count('class="mention"') == 1
    assert '<a href="/organisations/ttp/" class="mention">TTP</a>.' in html
    assert "<h3>TTP in a heading</h3>" in html
    assert "<code>TTP</code>" in html


def test_ambiguous_names_link_nothing():
    afghan = Mentionable(("Afghan Taliban", "Taliban"), "/organisations/afghan-taliban/")
    pakistani = Mentionable(("Pakistani Taliban", "Taliban"), "/organisations/ttp/")
    (html,) = mentions("The Taliban met. The Afghan Taliban agreed.", entities=(afghan, pakistani))
    assert html.count('class="mention"') == 1
    assert 'class="mention">Afghan Taliban</a>' in html


def test_hostile_names_are_escaped_and_text_stays_escaped():
    hostile = Mentionable(("<b>Group</b>",), "/organisations/x/")
    (html,) = mentions("A &lt;b&gt;Group&lt;/b&gt; and <b>Group</b> & more.", entities=(hostile,))
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
