"""Issue #11, point 5: no input ends in a 500, and saving, rendering and comparing a
brief are bounded (the figures are in bench/README.md, "Compare and Markdown bounds")."""

import datetime
import html
import re
import time

import pytest
from django.contrib.auth import get_user_model

from briefs import importer
from briefs.desk.diff import compare_rows, word_diff
from briefs.models import BRIEF_BODY_MAX, SECTION_BODY_MAX, Brief, Section
from briefs.publishing.markdown import render_markdown
from tests.briefs.admin_forms import form_data, inline_prefix, new_brief_data

LONG = "x" * (SECTION_BODY_MAX + 1)


def _text(marked: str) -> str:
    return html.unescape(re.sub(r"</?(?:del|ins)>", "", marked))


# -- compare --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("a " * (SECTION_BODY_MAX // 2), "b" + "a " * (SECTION_BODY_MAX // 2 - 1) + "c"),
        (
            "The delegation met officials.\n\n" * 600,
            "X" + "The delegation met officials.\n\n" * 599 + "Y",
        ),
        ("a b " * 5000, "b a " * 5000),
    ],
    ids=["one-word", "one-paragraph", "shifted"],
)
def test_compare_of_the_largest_repetitive_sections_is_bounded_and_complete(old, new):
    old, new = old[:SECTION_BODY_MAX], new[:SECTION_BODY_MAX]
    sections = BRIEF_BODY_MAX // SECTION_BODY_MAX
    start = time.monotonic()
    rows = compare_rows(
        {f"Section {i}": old for i in range(sections)},
        {f"Section {i}": new for i in range(sections)},
    )
    assert time.monotonic() - start < 2
    for row in rows:
        # Coarser or not, each side shows its whole text, escaped, with marks only.
        assert _text(row["left"]) == old and _text(row["right"]) == new
        assert row["changed"]


def test_small_texts_still_get_a_word_diff():
    left, right = word_diff("The delegation met officials.", "The delegation met ministers.")
    assert left == "The delegation met <del>officials.</del>"
    assert right == "The delegation met <ins>ministers.</ins>"


def test_long_prose_keeps_its_word_marks():
    words = [f"w{i % 700}" for i in range(3000)]
    old = " ".join(words)
    words[1500] = "changed"
    left, right = word_diff(old, " ".join(words))
    assert left.count("<del>") == 1 and right.count("<ins>") == 1
    assert "<ins>changed" in right


# -- Markdown -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "![" * (SECTION_BODY_MAX // 2),
        "[" * SECTION_BODY_MAX,
        "a|b\n-|-\n" + "x|y\n" * (SECTION_BODY_MAX // 4),
        "|a" * 100 + "|\n" + "|-" * 100 + "|\n" + ("|a" * 100 + "|\n") * 100,
        "*a" * (SECTION_BODY_MAX // 2),
    ],
    ids=["images", "brackets", "long-table", "wide-table", "emphasis"],
)
def test_pathological_markdown_at_the_limit_renders_quickly(text):
    start = time.monotonic()
    render_markdown(text[:SECTION_BODY_MAX])
    assert time.monotonic() - start < 2


# -- the limits in the model, the form and the importer ---------------------------------


def test_the_model_refuses_an_over_long_section(db):
    from django.core.exceptions import ValidationError

    from tests.factories import BriefFactory

    section = Section(brief=BriefFactory(), heading="Background", body=LONG, order=0)
    with pytest.raises(ValidationError) as refused:
        section.full_clean()
    assert "body" in refused.value.message_dict


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_an_over_long_section_is_a_form_error(analyst_client):
    data = new_brief_data(analyst_client)
    response = analyst_client.get("/admin/briefs/brief/add/")
    data[f"{inline_prefix(response, Section)}-0-body"] = LONG
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 200
    assert f"at most {SECTION_BODY_MAX}" in response.content.decode()
    assert not Brief.objects.exists()


def test_sections_over_the_brief_total_are_a_form_error(analyst_client):
    data = new_brief_data(analyst_client)
    response = analyst_client.get("/admin/briefs/brief/add/")
    prefix = inline_prefix(response, Section)
    for i in range(3):
        data[f"{prefix}-{i}-body"] = "word " * (SECTION_BODY_MAX // 5)
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 200
    assert f"at most {BRIEF_BODY_MAX:,} characters" in response.content.decode()
    assert not Brief.objects.exists()


@pytest.mark.parametrize(
    "tags, error",
    [
        ("x" * 101, "A tag can be at most 96 characters"),
        ("x" * 97, "A tag can be at most 96 characters"),
        ("ok, " + "y" * 500, "A tag can be at most 96 characters"),
        (", ".join(f"tag{i}" for i in range(31)), "at most 30 tags"),
    ],
)
def test_over_long_tags_are_a_form_error(analyst_client, tags, error):
    data = new_brief_data(analyst_client)
    data["tags"] = tags
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Brief.objects.exists()


def test_the_longest_tag_is_saved_even_when_its_slug_is_taken(analyst_client):
    from taggit.models import Tag

    taken = Tag.objects.create(name="z" * 95 + "!")
    data = new_brief_data(analyst_client)
    data["tags"] = "z" * 95 + "?"  # the same slug: taggit adds "_1"
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 302
    assert [t.name for t in Brief.objects.get().tags.all()] == ["z" * 95 + "?"]
    assert Tag.objects.exclude(pk=taken.pk).get().slug == "z" * 95 + "_1"


def test_the_importer_refuses_an_over_long_section():
    text = "Title\n\nWhat happened?\n\n" + "word " * (SECTION_BODY_MAX // 5 + 1)
    with pytest.raises(importer.ImportFailed, match="at most 20,000"):
        importer.parse(text, name="long.txt", today=datetime.date(2024, 1, 1))


# -- every admin add form, every field too long -------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/briefs/brief/add/",
        "/admin/actors/organisation/add/",
        "/admin/actors/actor/add/",
        "/admin/actors/event/add/",
    ],
)
def test_over_long_values_in_every_field_are_form_errors(superuser_client, url):
    response = superuser_client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    for key in list(data):
        if key.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
            continue
        data[key] = LONG
    # Comma-separated lists: one over-long item, and many items.
    for key in ("aliases", "tags"):
        if key in data:
            data[key] = "short, " + "y" * 300
    model = response.context["adminform"].form._meta.model
    before = model.objects.count()
    response = superuser_client.post(url, data)
    assert response.status_code == 200  # the form again, with its errors
    assert response.context["adminform"].form.errors
    assert model.objects.count() == before
