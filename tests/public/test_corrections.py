"""The public record: corrections, withdrawal notices (410), take downs (404), /corrections/."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.utils import timezone

from briefs.models import Notice, Publication
from briefs.publishing import workflow
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

CORRECTION = "An earlier version said four people were injured; fourteen were."


@pytest.fixture
def republish(editor, edit):
    """Edit the working copy, submit it and publish it again as `change`."""

    def _republish(brief, *, change="update", correction="", body="Edited text."):
        edit(brief, body=body)
        workflow.submit_for_review(brief, by=editor)
        return workflow.publish(brief, by=editor, change=change, correction=correction)

    return _republish


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_a_correction_shows_above_the_text_and_stays_on_every_later_version(
    client, live_brief, republish
):
    corrected = republish(live_brief, change="correction", correction=CORRECTION)
    page = client.get(f"/briefs/{live_brief.slug}/").content.decode()
    date = f"{corrected.go_live_at:%-d %B %Y}"
    assert "Correction, <time" in page and f">{date}</time>:</strong> {CORRECTION}" in page
    assert page.index(CORRECTION) < page.index("What happened?</h2>")
    assert json_ld(page)["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": CORRECTION,
            "datePublished": corrected.go_live_at.isoformat(),
        }
    ]
    # Two later versions, an update and a minor edit: the correction stays on both.
    republish(live_brief, body="Another paragraph.")
    assert CORRECTION in client.get(f"/briefs/{live_brief.slug}/").content.decode()
    republish(live_brief, change="minor", body="A typo fixed.")
    later = client.get(f"/briefs/{live_brief.slug}/").content.decode()
    assert CORRECTION in later and "A typo fixed." in later
    assert Notice.objects.filter(kind="correction").count() == 1


def test_a_minor_edit_keeps_the_updated_on_line(client, live_brief, republish):
    first = Publication.objects.get(brief=live_brief)
    page = client.get(f"/briefs/{live_brief.slug}/").content.decode()
    assert "Updated on" not in page
    minor = republish(live_brief, change="minor", body="A typo fixed.")
    page = client.get(f"/briefs/{live_brief.slug}/").content.decode()
    assert "A typo fixed." in page and "Updated on" not in page
    assert minor.updated_on is None and minor.go_live_at > first.go_live_at
    update = republish(live_brief, body="New facts.")
    assert f'Updated on <time datetime="{update.go_live_at:%Y-%m-%dT%H:%M}' in (
        client.get(f"/briefs/{live_brief.slug}/").content.decode()
    )
    republish(live_brief, change="minor", body="Another typo.")
    assert Publication.objects.current().get(brief=live_brief).updated_on == update.go_live_at


def test_a_correction_needs_its_text_and_a_brief_readers_saw(live_brief, editor, edit, world):
    edit(live_brief, body="Edited.")
    workflow.submit_for_review(live_brief, by=editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="Write the correction"):
        workflow.publish(live_brief, by=editor, change="correction", correction="  ")
    assert Publication.objects.filter(brief=live_brief).count() == 1
    new = build_brief(title="Never seen")
    workflow.submit_for_review(new, by=editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="readers have seen"):
        workflow.publish(new, by=editor, change="correction", correction=CORRECTION)
    assert not Publication.objects.filter(brief=new).exists()


def test_the_corrections_page_and_feeds_list_corrections_and_notices_newest_first(
    client, live_brief, republish, editor, world
):
    republish(live_brief, change="correction", correction=CORRECTION)
    other = build_brief(title="Talks in Doha")
    workflow.submit_for_review(other, by=editor)
    workflow.publish(other, by=editor)
    workflow.withdraw(other, by=editor, comment="The meeting it reported did not take place.")
    page = client.get("/corrections/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Talks in Doha") < html.index("Delegation visits Kabul")
    assert "<strong>Withdrawn</strong>" in html and "did not take place" in html
    assert "<strong>Correction</strong>" in html and CORRECTION in html
    rss = client.get("/feeds/corrections/").content.decode()
    assert "<title>Correction: Delegation visits Kabul</title>" in rss
    assert "<title>Withdrawn: Talks in Doha</title>" in rss
    assert CORRECTION in rss
    atom = client.get("/feeds/corrections/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert CORRECTION in atom.content.decode()


def test_a_brief_withdrawn_with_notice_answers_410_with_the_notice(
    client, live_brief, editor, settings
):
    first = Publication.objects.get(brief=live_brief)
    workflow.withdraw(live_brief, by=editor, comment="Its main source retracted the report.")
    notice = Notice.objects.get(kind="withdrawal")
    response = client.get(f"/briefs/{live_brief.slug}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>Delegation visits Kabul</h1>" in html
    assert (
        f'This brief was published on <time datetime="{first.first_published_at:%Y-%m-%dT%H:%M}'
        in html
    )
    assert f">{notice.at:%-d %B %Y}</time>." in html
    assert "Its main source retracted the report." in html
    assert 'class="site-header' in html or "<header" in html  # the site's own frame
    assert response["Cache-Control"] == client.get("/briefs/no-such-brief/")["Cache-Control"]
    assert f"s-maxage={settings.PUBLIC_CACHE_SECONDS}" in response["Cache-Control"]


def test_a_take_down_answers_404_exactly_like_an_unknown_brief(client, live_brief, editor):
    workflow.withdraw(
        live_brief, by=editor, comment="Legal: defamation claim, case 41.", mode="takedown"
    )
    gone = client.get(f"/briefs/{live_brief.slug}/")
    unknown = client.get("/briefs/no-such-brief/")
    assert gone.status_code == unknown.status_code == 404
    assert gone.content == unknown.content
    assert gone["Cache-Control"] == unknown["Cache-Control"]
    assert "Delegation visits Kabul" not in client.get("/corrections/").content.decode()
    assert "defamation" not in client.get("/feeds/corrections/").content.decode()


def test_a_take_down_after_a_correction_hides_the_correction_too(
    client, live_brief, republish, editor
):
    republish(live_brief, change="correction", correction=CORRECTION)
    workflow.withdraw(live_brief, by=editor, comment="Legal.", mode="takedown")
    assert CORRECTION not in client.get("/corrections/").content.decode()


@pytest.mark.parametrize("mode", ["notice", "takedown"])
def test_neither_is_in_lists_search_feeds_or_the_sitemap(client, live_brief, editor, mode):
    workflow.withdraw(live_brief, by=editor, comment="Withdrawn.", mode=mode)
    for url in [
        "/",
        "/briefs/",
        "/search/?q=delegation",
        "/feeds/briefs/",
        "/feeds/briefs/atom/",
        "/tags/pakistan/",
        "/sitemap-briefs.xml",
    ]:
        response = client.get(url)
        assert live_brief.slug not in response.content.decode(), url


def test_an_old_address_of_a_withdrawn_brief_answers_410_too(client, live_brief, editor, edit):
    old = live_brief.slug
    edit(live_brief, slug="kabul-delegation")
    workflow.submit_for_review(live_brief, by=editor)
    workflow.publish(live_brief, by=editor)
    workflow.withdraw(live_brief, by=editor, comment="Withdrawn.")
    assert client.get(f"/briefs/{old}/").status_code == 410
    assert client.get("/briefs/kabul-delegation/").status_code == 410


def test_a_brief_withdrawn_before_anybody_saw_it_gets_no_notice(client, world, editor):
    brief = build_brief(title="Scheduled, then withdrawn")
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor, at=timezone.now() + datetime.timedelta(days=1))
    workflow.withdraw(brief, by=editor, comment="Not needed.")
    assert not Notice.objects.exists()
    assert client.get(f"/briefs/{brief.slug}/").status_code == 404


def test_the_410_page_and_the_corrections_page_cost_a_fixed_number_of_queries(
    client, live_brief, republish, editor, world, django_assert_num_queries
):
    republish(live_brief, change="correction", correction=CORRECTION)
    for n in range(15):
        brief = build_brief(title=f"Brief {n}")
        workflow.submit_for_review(brief, by=editor)
        workflow.publish(brief, by=editor)
        workflow.withdraw(brief, by=editor, comment=f"Reason {n}.")
    with django_assert_num_queries(1):  # the page's rows, one more than it shows
        assert client.get("/corrections/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/corrections/?page=2").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/feeds/corrections/").status_code == 200
    # Not live, not moved, and then the notice.
    with django_assert_num_queries(3):
        assert client.get("/briefs/brief-3/").status_code == 410
    assert client.get("/corrections/?page=3").status_code == 404


def test_a_correction_of_a_version_withdrawn_before_its_time_is_never_listed(
    client, live_brief, editor, edit
):
    edit(live_brief, body="Corrected text.")
    workflow.submit_for_review(live_brief, by=editor)
    workflow.publish(
        live_brief,
        by=editor,
        at=timezone.now() + datetime.timedelta(hours=1),
        change="correction",
        correction=CORRECTION,
    )
    assert CORRECTION not in client.get("/corrections/").content.decode()  # not yet live
    workflow.withdraw(live_brief, by=editor, comment="Withdrawn.")
    assert not Notice.objects.filter(kind="correction").exists()


def test_the_corrections_page_reads_its_rows_from_the_index(live_brief, republish):
    republish(live_brief, change="correction", correction=CORRECTION)
    table = Notice._meta.db_table
    with connection.cursor() as cursor:
        # Twenty thousand more notices, some taken down; then what autovacuum would do.
        cursor.execute(
            f"""INSERT INTO {table} (brief_id, publication_id, kind, title, slug, text, at,
                    first_published_at, shown, by_id)
                SELECT n.brief_id, n.publication_id, n.kind, n.title, n.slug, n.text,
                    n.at - make_interval(mins => g), n.first_published_at, g % 10 <> 0, n.by_id
                FROM {table} n, generate_series(1, 20000) g"""
        )
        cursor.execute(f"ANALYZE {table}")
    offset = 99 * 12
    plan = Notice.objects.public().values_list("pk", "title")[offset : offset + 13].explain()
    assert "Index Scan using notice_public_order" in plan, plan


@pytest.mark.django_db
def test_every_page_links_the_corrections_from_its_footer(client):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/corrections/">Corrections</a>' in footer
