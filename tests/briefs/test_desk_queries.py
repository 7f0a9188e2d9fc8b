"""What the desk's list, search and history pages cost: a fixed number of queries,
whatever the number of briefs, matches or revisions (issue #8)."""

import pytest
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
@pytest.mark.parametrize("ids_at_most", [500, 5])
def test_search_costs_the_same_for_few_and_many_matches(
    editor_client, django_assert_num_queries, monkeypatch, matches, ids_at_most
):
    """Up to `search_ids_at_most` matches, the search runs once and the list reads
    the ids; beyond, each of the list's queries keeps the search as a subquery.
    Either way one query more than the plain list, and the same briefs."""
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
