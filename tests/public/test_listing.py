"""Filtered lists read the approved tag and organisation ids from the reading-order index."""

import pytest
from django.db import connection

from briefs.models import Publication
from briefs.public.listing import Facets, Filters
from briefs.publishing import link_ids
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def test_publishing_copies_the_approved_link_ids(publish, world):
    publish(build_brief(tags=("Pakistan", "Karachi"), organisations=[world["ttp"], world["isi"]]))
    publication = Publication.objects.get()
    assert publication.tag_ids == sorted(publication.tags.values_list("pk", flat=True))
    assert publication.organisation_ids == sorted([world["ttp"].pk, world["isi"].pk])
    Publication.objects.update(tag_ids=[], organisation_ids=[])
    assert link_ids.refresh_all() == 1
    publication.refresh_from_db()
    assert len(publication.tag_ids) == 2 and len(publication.organisation_ids) == 2


def test_tag_and_organisation_filters(client, publish, world):
    publish(build_brief(title="On the TTP", tags=("Pakistan",), organisations=[world["ttp"]]))
    publish(build_brief(title="On the ISI", tags=("Karachi",), organisations=[world["isi"]]))
    html = client.get("/briefs/?tag=pakistan").content.decode()
    assert "On the TTP" in html and "On the ISI" not in html
    html = client.get(f"/briefs/?organisation={world['isi'].slug}").content.decode()
    assert "On the ISI" in html and "On the TTP" not in html
    html = client.get("/briefs/?tag=no-such-tag").content.decode()
    assert "On the TTP" not in html and "On the ISI" not in html


def test_a_deep_filtered_page_is_an_index_only_scan(publish, world):
    publish(build_brief(title="Seed", tags=("Pakistan",), organisations=[world["ttp"]]))
    table = Publication._meta.db_table
    with connection.cursor() as cursor:
        # Twenty thousand more live publications with that tag; then what autovacuum
        # would do: statistics and the visibility map.
        cursor.execute(
            f"""INSERT INTO {table} (brief_id, brief_version, title, slug, summary, date,
                    content, card, cover, cover_alt, cover_credit, countries, tag_ids,
                    organisation_ids, go_live_at, first_published_at, created_at,
                    changed_at, article_head, article_html, article_fingerprint,
                    disclaimer, copyright, corrections)
                SELECT p.brief_id, p.brief_version, 'Filler ' || n, 'filler-' || n, '',
                    p.date - n, '{{}}', '{{}}', '', '', '', 'PK', p.tag_ids,
                    p.organisation_ids, p.go_live_at, p.first_published_at, p.created_at,
                    p.changed_at, '', '', '', p.disclaimer, p.copyright, p.corrections
                FROM {table} p, generate_series(1, 20000) n"""
        )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
    facets = Facets.read()
    for query in ({"tag": "pakistan"}, {"organisation": world["ttp"].slug}):
        live = Filters.from_query(query).apply(Publication.objects.live(), facets)
        plan = live.in_reading_order().values_list("pk", flat=True)[6000:6013].explain()
        assert "Index Only Scan using publication_reading_order_all" in plan, plan
