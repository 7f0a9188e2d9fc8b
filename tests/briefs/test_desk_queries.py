"""What the desk's list, search and history pages cost: a fixed number of queries,
whatever the number of briefs, matches or revisions (issue #8)."""

import pytest
from django.contrib import admin
from taggit.models import Tag

from briefs.desk.admin import BriefAdmin
from briefs.desk.views import REVISIONS_PER_PAGE
from briefs.models import Brief, BriefActor, BriefEvent, BriefOrganisation, Section, Source
from briefs.publishing import editing, workflow
from tests.factories import (
    ActorFactory,
    AuthorFactory,
    BriefFactory,
    EventFactory,
    OrganisationFactory,
    SectionFactory,
    SourceFactory,
)

CHANGELIST = "/admin/briefs/brief/"

# Session, user, the user's permissions (groups, then own), tags for the filter,
# the count, the page of briefs (with their live version and date as subqueries), the
# date bar's first and last date and its years.
LIST_QUERIES = 9
# The search's matches, read once (BriefAdmin.get_search_results).
SEARCH_QUERIES = LIST_QUERIES + 1
# Session, user, permissions, the brief, the count of revisions, a page of them with
# who made each, the history of sections, sources and the three kinds of link, the
# authors recorded with the revisions, and the names of the authors, people,
# organisations and events named (authors: two more since they are in history).
HISTORY_QUERIES = 17


def _brief(n: int, **fields) -> Brief:
    """A brief with three sections, an author and two revisions (the factory's and the
    admin's)."""
    brief = BriefFactory(**fields)
    for order, heading in enumerate(["What happened?", "Background", "Assessment"]):
        SectionFactory(brief=brief, heading=heading, order=order, body=f"{heading} {n}.")
    brief.skip_history_when_saving = True  # the author is recorded with the next revision
    brief.authors.set([AuthorFactory().user])
    del brief.skip_history_when_saving
    brief._change_reason = "Created"
    brief.save()
    return brief


def _revise(brief: Brief, *, by, times: int) -> None:
    """Edit the brief `times` times as the admin saves it: text, sources, links."""
    organisation = OrganisationFactory()
    for i in range(times):
        editing.begin_edit(brief, by=by)
        section = brief.sections.order_by("order").first()
        section.body = f"Revised text {i}."
        section.save()
        if i == 0:
            BriefActor.objects.create(brief=brief, actor=ActorFactory())
            BriefEvent.objects.create(brief=brief, event=EventFactory())
        if i % 3 == 0:
            SourceFactory(brief=brief, title=f"Report of edit {i}", order=i)
        if i % 5 == 4:
            brief.sources.order_by("pk").first().delete()
        if i % 4 in (0, 1):
            BriefOrganisation.objects.get_or_create(brief=brief, organisation=organisation)
        if i % 4 == 3:
            BriefOrganisation.objects.filter(brief=brief).delete()
        if i % 7 == 6:
            brief.title = f"{brief.title} (edit {i})"
        if i % 6 == 1:
            brief.authors.set([by] if i % 12 == 1 else [])
        editing.finish_edit(brief, by=by, reason=f"Edit {i}")


def _shape(revision: editing.Revision) -> dict:
    return {
        model.__name__: [
            (row.pk, *(getattr(row, field) for field in fields)) for row in revision.rows[model]
        ]
        for model, fields in editing.CHILDREN
    } | {"authors": sorted(revision.author_ids)}


def test_revisions_at_once_are_the_revisions_one_at_a_time(editor, brief_in):
    brief = brief_in(Brief.Status.PUBLISHED, by=editor)
    _revise(brief, by=editor, times=12)
    oldest = brief.history.order_by("history_date", "history_id")[2]
    editing.restore_revision(brief, oldest.history_id, by=editor)
    _revise(brief, by=editor, times=3)
    records = list(brief.history.order_by("-history_date", "-history_id"))

    together = editing.revisions(brief, records)

    assert [r.record for r in together] == records
    for record, revision in zip(records, together, strict=True):
        assert _shape(revision) == _shape(editing.revision(brief, record.history_id))
    assert editing.revisions(brief, []) == []


@pytest.mark.parametrize("revisions", [3, REVISIONS_PER_PAGE])
def test_the_history_page_costs_the_same_for_3_and_50_revisions(
    editor_client, editor, django_assert_num_queries, revisions
):
    brief = _brief(1)
    _revise(brief, by=editor, times=revisions - 2)
    with django_assert_num_queries(HISTORY_QUERIES):
        response = editor_client.get(f"/admin/briefs/brief/{brief.pk}/history/")
    assert response.status_code == 200
    entries = response.context["entries"]
    assert [e["number"] for e in entries] == list(range(revisions, 0, -1))
    assert entries[-1]["changes"] == ["created"]
    assert entries[0]["record"].history_change_reason == f"Edit {revisions - 3}"
    assert "Section: What happened?" in entries[0]["changes"]
    assert "older</a>" not in response.content.decode()


def test_the_history_page_shows_50_revisions_a_page(
    editor_client, editor, django_assert_num_queries
):
    brief = _brief(1)
    _revise(brief, by=editor, times=REVISIONS_PER_PAGE + 10 - 2)  # 60 revisions
    url = f"/admin/briefs/brief/{brief.pk}/history/"

    first = editor_client.get(url)
    numbers = [e["number"] for e in first.context["entries"]]
    assert numbers == list(range(60, 10, -1))
    # The page's last revision is compared with the one before it, on the next page.
    assert first.context["entries"][-1]["changes"] == ["Section: What happened?", "Organisations"]
    assert '<a href="?page=2">older</a>' in first.content.decode()
    assert "Revisions 60–11 of 60" in first.content.decode()

    with django_assert_num_queries(HISTORY_QUERIES):
        second = editor_client.get(f"{url}?page=2")
    entries = second.context["entries"]
    assert [e["number"] for e in entries] == list(range(10, 0, -1))
    assert entries[-1]["changes"] == ["created"]
    # Every revision on an older page may be restored, the first one shown included.
    html = second.content.decode()
    assert f'form="restore-{entries[0]["record"].history_id}"' in html
    assert '<a href="?page=1">newer</a>' in html


@pytest.mark.parametrize("briefs", [3, 30])
def test_the_list_costs_the_same_for_3_and_30_briefs(
    editor_client, editor, django_assert_num_queries, briefs
):
    for n in range(briefs):
        brief = _brief(n)
        brief.tags.add("Pakistan")
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count == briefs
    assert changelist.full_result_count is None  # not counted twice
    html = response.content.decode()
    # The live version's columns: live since, and no unpublished changes.
    assert 'class="field-live_since nowrap"' in html or "field-live_since" in html
    assert 'class="field-unpublished_changes">None</td>' in html
    assert f"{briefs} briefs" in html


def test_the_tag_filter_offers_the_tags_of_briefs_only(editor_client):
    _brief(1).tags.add("Pakistan", "TTP")
    Tag.objects.create(name="Unused", slug="unused")
    response = editor_client.get(CHANGELIST)
    tag_filter = next(f for f in response.context["cl"].filter_specs if f.title.lower() == "tags")
    assert [label for _, label in tag_filter.lookup_choices] == ["Pakistan", "TTP"]
    chosen = Tag.objects.get(name="TTP")
    filtered = editor_client.get(f"{CHANGELIST}?tags__id__exact={chosen.pk}")
    assert filtered.context["cl"].result_count == 1


def _found(client, q: str) -> list[str]:
    response = client.get(CHANGELIST, {"q": q})
    assert response.status_code == 200
    return sorted(b.title for b in response.context["cl"].result_list)


def test_search_looks_in_title_summary_slug_and_sections(editor_client):
    by_title = _brief(1, title="Khdubaba raid")
    by_summary = _brief(2, title="Second", summary="After operation KHDUBABA, arrests.")
    by_slug = _brief(3, title="Third", slug="op-khdubaba-third")
    by_section = _brief(4, title="Fourth")
    for order in (5, 6):  # two matching sections: still one row in the list
        SectionFactory(brief=by_section, heading=f"More {order}", order=order, body="khdubaba")
    _brief(5, title="Unrelated")

    assert _found(editor_client, "khdubaba") == sorted(
        b.title for b in [by_title, by_summary, by_slug, by_section]
    )
    # Every word must match, each anywhere; a quoted phrase is one word.
    assert _found(editor_client, "khdubaba raid") == ["Khdubaba raid"]
    assert _found(editor_client, "khdubaba Assessment") == sorted(
        b.title for b in [by_title, by_summary, by_slug, by_section]
    )
    assert _found(editor_client, '"operation khdubaba"') == ["Second"]
    assert _found(editor_client, "xylophone") == []


@pytest.mark.parametrize("matches", [1, 20])
@pytest.mark.parametrize("ids_at_most", [500, 20])
def test_search_costs_the_same_for_few_and_many_matches(
    editor_client, django_assert_num_queries, monkeypatch, matches, ids_at_most
):
    """Up to `search_ids_at_most` places (the limit itself included), the search runs
    once and the list reads the ids: one query more than the plain list."""
    monkeypatch.setattr(BriefAdmin, "search_ids_at_most", ids_at_most)
    for n in range(matches):
        brief = _brief(n)
        Section.objects.filter(brief=brief, order=0).update(body="The khdubaba cell.")
    _brief(99, title="Unrelated")
    with django_assert_num_queries(SEARCH_QUERIES):
        response = editor_client.get(CHANGELIST, {"q": "khdubaba"})
    changelist = response.context["cl"]
    assert changelist.result_count == matches
    assert "Unrelated" not in {b.title for b in changelist.result_list}
    assert len(changelist.result_list) == matches
    assert "left out" not in response.content.decode()


def _common_border(texts: int, titles: int) -> None:
    """`texts` briefs with "border" in a section only, `titles` with it in the title."""
    for n in range(texts):
        brief = _brief(n, title=f"Text only {n}")
        Section.objects.filter(brief=brief, order=0).update(body="Near the border post.")
    for n in range(titles):
        _brief(100 + n, title=f"Border crossing {n}")


def test_common_words_in_a_long_list_are_looked_for_in_titles_and_the_page_says_so(
    editor_client, django_assert_num_queries, monkeypatch
):
    """Every word in more places than the limit, and more briefs listed than the
    limit: the words are matched in title, summary and slug only (no section is
    read), and the page tells the editor which briefs are left out and what to do."""
    monkeypatch.setattr(BriefAdmin, "search_ids_at_most", 3)
    _common_border(texts=4, titles=2)
    # The plain list, the word's places (stopped at 4) and the listed briefs (at 4).
    with django_assert_num_queries(LIST_QUERIES + 2):
        response = editor_client.get(CHANGELIST, {"q": "border"})
    assert sorted(b.title for b in response.context["cl"].result_list) == [
        "Border crossing 0",
        "Border crossing 1",
    ]
    html = response.content.decode()
    assert "more than 3 places" in html and "only in the text are left out" in html
    assert "only titles, summaries and slugs are searched" in html  # under the box, always
    # After a list action, the page the editor is sent back to says it once.
    crossing = Brief.objects.get(title="Border crossing 0")
    done = editor_client.post(
        f"{CHANGELIST}?q=border",
        {"action": "submit_for_review", "_selected_action": [crossing.pk], "index": 0},
        follow=True,
    )
    crossing.refresh_from_db()
    assert crossing.status == Brief.Status.REVIEW
    assert done.content.decode().count("only in the text are left out") == 1
    # Two common words ("post" is in four sections): both in a title, summary or slug.
    _brief(200, title="Torkham", summary="The border post reopened.")
    assert _found(editor_client, "border post") == ["Torkham"]


def test_common_words_in_a_short_list_are_looked_for_everywhere(
    editor_client, django_assert_num_queries, monkeypatch
):
    """When the filters leave no more briefs than the limit, a common word is matched
    in their sections too: the search is complete, and the page says nothing."""
    monkeypatch.setattr(BriefAdmin, "search_ids_at_most", 3)
    _common_border(texts=4, titles=2)
    Brief.objects.filter(title__in=["Text only 0", "Border crossing 1"]).update(
        status=Brief.Status.REVIEW
    )
    # The word's places (stopped at 4), the listed briefs (2), the word among them.
    with django_assert_num_queries(LIST_QUERIES + 3):
        response = editor_client.get(CHANGELIST, {"q": "border", "status__exact": "review"})
    assert sorted(b.title for b in response.context["cl"].result_list) == [
        "Border crossing 1",
        "Text only 0",
    ]
    assert "left out" not in response.content.decode()
    assert [
        b.title
        for b in editor_client.get(CHANGELIST, {"q": "border near", "status__exact": "review"})
        .context["cl"]
        .result_list
    ] == ["Text only 0"]


def test_the_list_offers_no_facet_counts(editor_client, django_assert_num_queries):
    """Counts per filter would run the list and its search again for each filter."""
    _brief(1).tags.add("Pakistan")
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST, {"_facets": "True"})
    assert response.status_code == 200
    assert response.context["cl"].add_facets is False
    assert "Show counts" not in response.content.decode()


def test_the_list_checkbox_is_the_admin_s_own(editor_client):
    """BriefAdmin formats the action checkbox itself (Django renders it through the
    form templates on every row): the markup is Django's, escaping included."""
    brief = _brief(1, title='<b>"Kabul" & co</b>')
    model_admin = admin.site._registry[Brief]
    assert model_admin.action_checkbox(brief) == admin.ModelAdmin.action_checkbox(
        model_admin, brief
    )
    response = editor_client.get(CHANGELIST)
    assert model_admin.action_checkbox(brief) in response.content.decode()


def test_a_rare_word_narrows_a_common_one(editor_client, monkeypatch):
    """With a rare word and a common one, the common one is looked for among the rare
    one's briefs only, whichever comes first; the briefs found are the same."""
    monkeypatch.setattr(BriefAdmin, "search_ids_at_most", 3)
    wanted = _brief(1, title="Khdubaba at the border")
    _brief(2, title="Khdubaba elsewhere")
    for n in range(3, 8):  # "border" in five briefs: more places than the limit
        _brief(n, title=f"Border crossing {n}")
    assert _found(editor_client, "khdubaba border") == [wanted.title]
    assert _found(editor_client, "border khdubaba") == [wanted.title]
    assert len(_found(editor_client, "border")) == 6


def test_a_word_in_many_sections_of_few_briefs_is_not_cut_short(editor_client, monkeypatch):
    """The limit counts places, not briefs: a read that stopped at the limit is
    incomplete, even when it holds fewer briefs than the limit."""
    monkeypatch.setattr(BriefAdmin, "search_ids_at_most", 3)
    crowded = _brief(1, title="First")
    for order in range(5, 9):
        SectionFactory(brief=crowded, heading=f"More {order}", order=order, body="khdubaba")
    other = _brief(2, title="Second")
    SectionFactory(brief=other, heading="More", order=5, body="khdubaba")
    assert _found(editor_client, "khdubaba") == ["First", "Second"]
    assert _found(editor_client, "khdubaba second") == ["Second"]


def test_source_rows_are_part_of_the_history_shown(editor_client, editor):
    brief = _brief(1)
    _revise(brief, by=editor, times=1)  # adds a source and links
    entries = editor_client.get(f"/admin/briefs/brief/{brief.pk}/history/").context["entries"]
    assert entries[0]["changes"] == [
        "Section: What happened?",
        "Sources",
        "People",
        "Organisations",
        "Events",
    ]
    assert Source.objects.filter(brief=brief).count() == 1
