"""Search: by word, by alias, across accents and case, ranked, highlighted, on the index."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection

from briefs.models import Publication
from briefs.public.search import MAX_LENGTH, Search
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def found(client, q, **params) -> list[str]:
    """The titles of the results, in order."""
    html = client.get("/search/", {"q": q, **params}).content.decode()
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_search_by_word_in_title_summary_body(client, publish):
    publish(
        build_brief(
            title="Delegation visits Kabul",
            summary="Talks on security.",
            sections=(("What happened?", "Ministers discussed the border."),),
        )
    )
    publish(
        build_brief(
            title="Unrelated",
            summary="Nothing here.",
            sections=(("What happened?", "A quiet week."),),
        )
    )
    assert found(client, "Kabul") == ["Delegation visits Kabul"]
    assert found(client, "security") == ["Delegation visits Kabul"]
    assert found(client, "border") == ["Delegation visits Kabul"]
    assert found(client, "discussing borders") == ["Delegation visits Kabul"]  # stemmed
    assert found(client, "KABUL") == ["Delegation visits Kabul"]
    assert found(client, "Baghdad") == []


def test_search_by_alias_finds_briefs_on_the_organisation(client, publish, world):
    publish(
        build_brief(
            title="Talks with Islamabad",
            organisations=[world["ttp"]],
            sections=(("What happened?", "The group's demands were heard."),),
        )
    )
    assert found(client, "Pakistani Taliban") == ["Talks with Islamabad"]
    assert found(client, "Tahrik-e-Taliban-e-Pakistan") == ["Talks with Islamabad"]
    assert found(client, "TTP") == ["Talks with Islamabad"]


def test_search_across_accents(client, publish):
    publish(build_brief(title="Bombing in Peshāwar", summary="A blast near the Qissa Khwāni."))
    publish(build_brief(title="Plain title", sections=(("Background", "Events in Peshawar."),)))
    assert set(found(client, "peshawar")) == {"Bombing in Peshāwar", "Plain title"}
    assert found(client, "Qissa Khwani") == ["Bombing in Peshāwar"]
    assert set(found(client, "PESHĀWAR")) == {"Bombing in Peshāwar", "Plain title"}


def test_title_match_ranks_above_summary_above_body(client, publish):
    publish(
        build_brief(
            title="Body mention",
            summary="Nothing.",
            sections=(("Background", "Something about Quetta."),),
        )
    )
    publish(build_brief(title="Quetta shura meets", summary="Nothing."))
    publish(
        build_brief(
            title="Summary mention",
            summary="Leaders met in Quetta.",
            sections=(("Background", "Nothing."),),
        )
    )
    assert found(client, "quetta") == ["Quetta shura meets", "Summary mention", "Body mention"]


def test_results_have_highlighted_excerpts(client, publish):
    publish(
        build_brief(
            title="Border talks",
            sections=(("What happened?", "Officials met at Torkham to discuss the crossing."),),
        )
    )
    html = client.get("/search/", {"q": "torkham"}).content.decode()
    assert "<mark>Torkham</mark>" in html


def test_search_uses_the_list_filters(client, publish, world):
    publish(build_brief(title="Kabul one", tags=("Diplomacy",), countries=("AF",)))
    publish(build_brief(title="Kabul two", tags=("Security",), organisations=[world["ttp"]]))
    assert set(found(client, "kabul")) == {"Kabul one", "Kabul two"}
    assert found(client, "kabul", tag="diplomacy") == ["Kabul one"]
    assert found(client, "kabul", country="AF") == ["Kabul one"]
    assert found(client, "kabul", organisation=world["ttp"].slug) == ["Kabul two"]


def test_search_is_paginated(client, publish):
    for n in range(14):
        publish(build_brief(title=f"Kandahar report {n}"))
    first = client.get("/search/", {"q": "kandahar"}).content.decode()
    assert "14 briefs found" in first
    assert first.count('class="card"') == 12
    assert "page=2" in first and "q=kandahar" in first
    second = client.get("/search/", {"q": "kandahar", "page": 2}).content.decode()
    assert second.count('class="card"') == 2


def test_empty_and_too_long_queries_get_a_clear_message(client, live_brief):
    assert "Type a word or a phrase" in client.get("/search/", {"q": "   "}).content.decode()
    html = client.get("/search/", {"q": "x" * (MAX_LENGTH + 1)}).content.decode()
    assert "That search is too long" in html
    assert 'class="card"' not in html
    # Opening the search page without a query is not an error.
    assert 'role="alert"' not in client.get("/search/").content.decode()


def test_stop_words_and_operators_do_not_break_search(client, live_brief):
    for q in ["the", '"unterminated', "kabul -delegation", "or or", "!!! ???", "a & b | c"]:
        assert client.get("/search/", {"q": q}).status_code == 200, q


def test_search_runs_on_the_gin_index(publish, world):
    """With a realistic number of publications, the match is a GIN index lookup."""
    publish(build_brief(title="Talks with Islamabad", organisations=[world["ttp"]]))
    table = Publication._meta.db_table
    with connection.cursor() as cursor:
        # Five thousand more live publications, copies of that one with other words;
        # then what autovacuum would do: flush the GIN pending list, gather statistics.
        cursor.execute(
            f"""INSERT INTO {table} (brief_id, brief_version, title, slug, summary, date,
                    content, card, cover, cover_alt, cover_credit, countries, tag_ids,
                    organisation_ids, search, go_live_at,
                    first_published_at, created_at, changed_at, article_head, article_html,
                    article_fingerprint,
                    disclaimer, copyright, corrections)
                SELECT p.brief_id, p.brief_version, 'Filler ' || n, 'filler-' || n, '', p.date,
                    '{{}}', '{{}}', '', '', '', '', '{{}}', '{{}}',
                    to_tsvector('tap', 'filler report number ' || n),
                    p.go_live_at, p.first_published_at, p.created_at, p.changed_at, '', '', '',
                    p.disclaimer, p.copyright, p.corrections
                FROM {table} p, generate_series(1, 5000) n"""
        )
        cursor.execute("SELECT gin_clean_pending_list('publication_search_gin')")
        cursor.execute(f"ANALYZE {table}")
    query = Search.from_text("Pakistani Taliban")
    plan = query.candidates(Publication.objects.live()).explain()
    assert "publication_search_gin" in plan
    assert "Seq Scan" not in plan


def test_excerpt_escapes_everything_but_its_own_marks():
    query = Search.from_text("kabul")
    headline = f"<script>x</script> & {query._start}Kabul{query._stop} <mark>"
    excerpt = query.excerpt(SimpleNamespace(headline=headline, summary=""))
    assert excerpt == "&lt;script&gt;x&lt;/script&gt; &amp; <mark>Kabul</mark> &lt;mark&gt;"
    summary_only = query.excerpt(SimpleNamespace(headline="no match", summary="<b>s</b>"))
    assert summary_only == "&lt;b&gt;s&lt;/b&gt;"
