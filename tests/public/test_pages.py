"""Each reader page: what it shows, from live publications only."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import set_script_prefix
from django.views.defaults import server_error

from actors.models import EventActor, EventParty
from briefs.models import Author, Publication, SiteSettings
from briefs.publishing import workflow
from tests.factories import (
    ActorFactory,
    EventFactory,
    EventSourceFactory,
    OrganisationFactory,
    RelationshipFactory,
    RoleFactory,
    UserFactory,
)
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def test_brief_page_shows_the_brief(client, live_brief, world, analyst):
    response = client.get("/briefs/delegation-visits-kabul/")
    assert response.status_code == 200
    html = text_of(response)
    assert html.count("<h1") == 1
    assert '<h1 class="brief__title">Delegation visits Kabul</h1>' in html
    assert "Pakistan&#x27;s defence minister" in html  # the summary
    assert "22 February 2023" in html
    assert f'href="/authors/{Author.of(analyst).slug}/"' in html
    assert analyst.username not in html
    for heading in ["What happened?", "Background", "Assessment"]:
        assert f">{heading}</h2>" in html
    assert html.index(">What happened?<") < html.index(">Background<") < html.index(">Assessment<")
    assert ">Sources</h2>" in html
    # The actor panel: the role held on the brief's date, not the earlier one.
    assert "Defence Minister of Pakistan" in html
    assert "Adviser" not in html
    assert 'href="/organisations/tehrik-i-taliban-pakistan/"' in html
    # The timeline, with the casualties and the claim.
    assert "Attack on the Karachi police office" in html
    assert "Killed: 4, injured: 14" in html
    assert "Claimed by Tehrik-i-Taliban Pakistan" in html
    assert 'href="/tags/pakistan/"' in html and 'href="/tags/afghanistan/"' in html
    assert "Updated on" not in html
    assert (
        f"{analyst.get_full_name()}, “Delegation visits Kabul”, Terrorism Analysis Platform, "
        "22 February 2023, http://127.0.0.1:8000/briefs/delegation-visits-kabul/."
    ) in html


def test_brief_page_ends_with_disclaimer_once_and_copyright(client, live_brief):
    settings_row = SiteSettings.current()
    html = text_of(client.get("/briefs/delegation-visits-kabul/"))
    assert html.count("do not necessarily reflect the opinions") == 1
    footer = html[html.index('class="brief__footer') :]
    assert "do not necessarily reflect the opinions" in footer
    assert settings_row.copyright in footer
    assert html.index("brief__disclaimer") > html.index("brief__sources")


def test_disclaimer_pasted_into_a_section_still_shows_once(client, world, publish):
    disclaimer = SiteSettings.current().disclaimer
    brief = build_brief(
        sections=(
            ("Assessment", f"Pressure will grow.\n\n{disclaimer}\n\n© 2019 All Rights Reserved"),
        )
    )
    publish(brief)
    html = text_of(client.get(f"/briefs/{brief.slug}/"))
    assert html.count("do not necessarily reflect the opinions") == 1
    assert html.count("All Rights Reserved") == 1
    assert "Pressure will grow." in html


def test_a_brief_keeps_the_footer_it_went_out_with(client, live_brief):
    # Reaching briefs already live takes the site admin's say-so (tests/public/test_footer.py).
    client.get("/briefs/delegation-visits-kabul/")
    row = SiteSettings.current()
    row.copyright = "© 2024 Terrorism Analysis Platform"
    row.save()
    page = text_of(client.get("/briefs/delegation-visits-kabul/"))
    assert "© 2024 Terrorism Analysis Platform" not in page
    assert "© 2019 All Rights Reserved" in page


def test_updated_on_shows_for_a_republished_edit(client, live_brief, publish, edit):
    Publication.objects.update(
        first_published_at=datetime.datetime(2023, 2, 22, 9, tzinfo=datetime.UTC),
        go_live_at=datetime.datetime(2023, 2, 22, 9, tzinfo=datetime.UTC),
    )
    edit(live_brief, summary="A corrected summary.")
    publish(live_brief)
    html = text_of(client.get("/briefs/delegation-visits-kabul/"))
    assert "Updated on" in html
    assert "A corrected summary." in html


def test_brief_page_meta_tags_and_json_ld(client, live_brief, settings):
    html = text_of(client.get("/briefs/delegation-visits-kabul/"))
    canonical = f"{settings.SITE_URL}/briefs/delegation-visits-kabul/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Delegation visits Kabul">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Delegation visits Kabul"
    assert data["mainEntityOfPage"] == canonical
    assert data["keywords"] == ["Afghanistan", "Pakistan"]
    assert "datePublished" in data


def test_moved_brief_redirects_from_its_old_address(client, live_brief, publish, edit):
    edit(live_brief, slug="kabul-visit")
    publish(live_brief)
    response = client.get("/briefs/delegation-visits-kabul/")
    assert response.status_code == 301
    assert response["Location"] == "/briefs/kabul-visit/"
    assert client.get("/briefs/kabul-visit/").status_code == 200


def test_home_lists_latest_briefs_and_ways_in(client, live_brief, world):
    response = client.get("/")
    assert response.status_code == 200
    html = text_of(response)
    assert html.count("<h1") == 1
    assert 'href="/briefs/delegation-visits-kabul/"' in html
    assert 'href="/organisations/tehrik-i-taliban-pakistan/"' in html
    assert 'href="/briefs/?country=PK"' in html
    assert 'href="/tags/pakistan/"' in html


def test_list_is_paginated(client, publish):
    for n in range(14):
        publish(build_brief(title=f"Brief number {n}", date=datetime.date(2023, 1, n + 1)))
    first = text_of(client.get("/briefs/"))
    assert "14 briefs" in first
    assert "Brief number 13" in first and "Brief number 2" in first
    assert "Brief number 1<" not in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = text_of(client.get("/briefs/?page=2"))
    assert "Brief number 1<" in second and "Brief number 0<" in second
    assert client.get("/briefs/?page=3").status_code == 404
    assert client.get("/briefs/?page=x").status_code == 404


def test_list_filters(client, publish, world):
    publish(
        build_brief(
            title="On the TTP",
            organisations=[world["ttp"]],
            tags=("Militancy",),
            countries=("PK",),
            date=datetime.date(2023, 2, 1),
        )
    )
    publish(
        build_brief(
            title="On Kabul", tags=("Diplomacy",), countries=("AF",), date=datetime.date(2022, 5, 1)
        )
    )

    def titles(query):
        html = text_of(client.get(f"/briefs/{query}"))
        return {t for t in ["On the TTP", "On Kabul"] if f">{t}</a>" in html}

    assert titles("") == {"On the TTP", "On Kabul"}
    assert titles("?tag=militancy") == {"On the TTP"}
    assert titles("?organisation=tehrik-i-taliban-pakistan") == {"On the TTP"}
    assert titles("?country=AF") == {"On Kabul"}
    assert titles("?country=af") == {"On Kabul"}
    assert titles("?year=2022") == {"On Kabul"}
    assert titles("?year=2022&tag=militancy") == set()
    assert titles("?country=XX") == {"On the TTP", "On Kabul"}  # unknown: no filter
    html = text_of(client.get("/briefs/?organisation=tehrik-i-taliban-pakistan"))
    assert "on Tehrik-i-Taliban Pakistan" in html
    assert '<option value="2022">2022</option>' in html


def test_actor_page(client, live_brief, world):
    response = client.get("/actors/khawaja-muhammad-asif/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Khawaja Muhammad Asif</h1>" in html
    assert "Khawaja Asif" in html
    # Roles over time, newest first, with their periods.
    assert html.index("Defence Minister of Pakistan") < html.index("Adviser")
    assert "19 April 2022 – present" in html
    assert 'href="/briefs/delegation-visits-kabul/"' in html
    assert 'name="robots"' not in html


def test_organisation_page(client, live_brief, world):
    ally = OrganisationFactory(name="Haqqani Network")
    RelationshipFactory(
        subject=world["ttp"],
        other=ally,
        kind="ally",
        start=datetime.date(2010, 1, 1),
        start_precision="year",
    )
    sponsor = OrganisationFactory(name="Some Sponsor")
    RelationshipFactory(subject=sponsor, other=world["ttp"], kind="sponsor")
    spokesman = ActorFactory(name="Muhammad Khurasani")
    RoleFactory(actor=spokesman, organisation=world["ttp"], title="Spokesperson")
    response = client.get("/organisations/tehrik-i-taliban-pakistan/")
    assert response.status_code == 200
    html = text_of(response)
    assert "Tehrik-i-Taliban Pakistan" in html and "(TTP)" in html
    assert "Pakistani Taliban · Tahrik-e-Taliban-e-Pakistan" in html
    assert 'Ally of</span> <a href="/organisations/haqqani-network/">' in html
    assert "2010 – present" in html
    assert 'Sponsored by</span> <a href="/organisations/some-sponsor/">' in html
    assert 'href="/actors/muhammad-khurasani/"' in html and "Spokesperson" in html
    assert "Attack on the Karachi police office" in html and "Claimed responsibility" in html
    assert 'href="/briefs/delegation-visits-kabul/"' in html
    assert 'href="/feeds/briefs/organisations/tehrik-i-taliban-pakistan/"' in html


def test_event_page_says_unknown_never_zero(client, world):
    unknown = EventFactory(title="An unclear blast", killed_best=None, injured_best=None)
    none_hurt = EventFactory(title="A failed attack", killed_best=0, injured_best=0)
    html = text_of(client.get(f"/events/{unknown.slug}/"))
    assert "<dt>Killed</dt><dd>unknown</dd>" in html
    assert "<dt>Injured</dt><dd>unknown</dd>" in html
    html = text_of(client.get(f"/events/{none_hurt.slug}/"))
    assert "<dt>Killed</dt><dd>0</dd>" in html


def test_event_page(client, live_brief, world):
    attack = world["attack"]
    EventParty.objects.create(event=attack, organisation=world["isi"], actor_type=1)
    EventActor.objects.create(event=attack, actor=world["asif"], part="commented")
    EventSourceFactory(
        event=attack,
        outlet="Dawn",
        title="Karachi police office attacked",
        url="https://example.org/dawn",
    )
    html = text_of(client.get(f"/events/{attack.slug}/"))
    assert "17 February 2023" in html
    assert "Karachi, Pakistan" in html
    assert "<dt>Killed</dt><dd>4</dd>" in html and "<dt>Injured</dt><dd>14</dd>" in html
    assert 'Claimed: <a href="/organisations/tehrik-i-taliban-pakistan/">' in html
    assert '<dt>Actor 1</dt><dd><a href="/organisations/inter-services-intelligence/">' in html
    assert "Karachi police office attacked" in html
    assert 'href="/actors/khawaja-muhammad-asif/"' in html
    assert 'href="/briefs/delegation-visits-kabul/"' in html


def test_entity_without_live_brief_asks_not_to_be_indexed(client, db):
    organisation = OrganisationFactory(name="Quiet Group")
    html = text_of(client.get(f"/organisations/{organisation.slug}/"))
    assert '<meta name="robots" content="noindex">' in html
    assert "No published brief discusses this organisation yet." in html


def test_unknown_entities_are_404(client, db):
    for url in [
        "/actors/nobody/",
        "/organisations/nothing/",
        "/events/never/",
        "/tags/none/",
        "/authors/nobody/",
    ]:
        assert client.get(url).status_code == 404, url


def test_tag_page(client, live_brief):
    response = client.get("/tags/afghanistan/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Afghanistan</h1>" in html
    assert 'href="/briefs/delegation-visits-kabul/"' in html
    assert 'href="/feeds/briefs/tags/afghanistan/"' in html


def test_author_page(client, live_brief, analyst):
    author = Author.of(analyst)
    author.display_name = "Ayesha Khan"  # renamed on her profile
    author.save()
    response = client.get(f"/authors/{author.slug}/")
    assert response.status_code == 200
    assert "<h1>Ayesha Khan</h1>" in text_of(response)
    assert analyst.email not in text_of(response)
    assert client.get(f"/authors/{analyst.username}/").status_code == 404
    nobody = Author.of(UserFactory(username="never-wrote"))
    assert client.get(f"/authors/{nobody.slug}/").status_code == 404


def test_robots_txt_points_to_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text_of(response)
    assert "Disallow: /admin/" in text_of(response)


def test_sitemap_lists_live_briefs_and_their_entities(client, live_brief, world, settings):
    quiet = OrganisationFactory(name="Quiet Group")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    base = settings.SITE_URL
    index = text_of(response)
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex')
    parts = re.findall(r"<loc>([^<]+)</loc>", index)
    assert len(parts) == 7 and all(part.startswith(f"{base}/sitemap-") for part in parts)
    xml = "".join(text_of(client.get(part.removeprefix(base))) for part in parts)
    for path in [
        "/briefs/delegation-visits-kabul/",
        "/organisations/tehrik-i-taliban-pakistan/",
        "/actors/khawaja-muhammad-asif/",
        f"/events/{world['attack'].slug}/",
        "/tags/pakistan/",
        "/",
        "/briefs/",
    ]:
        assert f"<loc>{base}{path}</loc>" in xml, path
    assert quiet.slug not in xml


def test_feeds(client, live_brief, settings):
    rss = client.get("/feeds/briefs/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Delegation visits Kabul</title>" in text_of(rss)
    assert f"<link>{settings.SITE_URL}/briefs/delegation-visits-kabul/</link>" in text_of(rss)
    atom = client.get("/feeds/briefs/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Delegation visits Kabul" in text_of(atom)
    for url in [
        "/feeds/briefs/tags/pakistan/",
        "/feeds/briefs/tags/pakistan/atom/",
        "/feeds/briefs/organisations/tehrik-i-taliban-pakistan/",
        "/feeds/briefs/organisations/tehrik-i-taliban-pakistan/atom/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Delegation visits Kabul" in text_of(response), url
    assert client.get("/feeds/briefs/tags/unknown/").status_code == 404
    assert client.get("/feeds/briefs/organisations/unknown/").status_code == 404


def test_healthz_checks_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and text_of(response) == "ok"
    assert "no-store" in response["Cache-Control"]


def test_404_page_is_the_sites_own(client, db):
    response = client.get("/briefs/no-such-brief/")
    assert response.status_code == 404
    html = text_of(response)
    assert "We could not find that page" in html
    assert 'class="site-header"' in html


def test_500_page_needs_no_database_and_no_request_context(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in text_of(response)
    # The layout's links, though no request context ran.
    assert '<a href="/briefs/">All briefs</a>' in text_of(response)


def test_the_layouts_links_follow_the_address_the_site_is_served_at(client, live_brief):
    """base.html's links are reversed once per URL configuration and prefix, never
    carried from one prefix to another. (Django's WSGI handler sets the prefix from
    SCRIPT_NAME or FORCE_SCRIPT_NAME on each request; the test client does not, so
    the test sets it as the handler would.)"""
    path = "/briefs/delegation-visits-kabul/"
    assert '<a href="/briefs/">All briefs</a>' in text_of(client.get(path))
    set_script_prefix("/analysis/")
    try:
        html = text_of(client.get(path))
    finally:
        set_script_prefix("/")
    assert '<a href="/analysis/briefs/">All briefs</a>' in html
    assert '<a href="/analysis/data/">Open data</a>' in html
    assert '<a href="/briefs/">All briefs</a>' in text_of(client.get(path))


def test_500_page_is_served_for_an_error(db, settings):
    settings.ROOT_URLCONF = "tests.public.urls_failing"
    response = Client(raise_request_exception=False).get("/fail/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in text_of(response)


def test_withdrawn_then_republished_brief_is_back(client, live_brief, editor, publish):
    workflow.withdraw(live_brief, by=editor, comment="Checking a fact")
    assert client.get("/briefs/delegation-visits-kabul/").status_code == 410  # with notice
    publish(live_brief)
    assert client.get("/briefs/delegation-visits-kabul/").status_code == 200


def test_section_anchors_are_unique_and_leave_the_pages_ids_alone(client, publish):
    brief = build_brief(
        title="Anchors",
        sections=(("Main", "a"), ("Brief sources", "b"), ("Background", "c"), ("Background", "d")),
    )
    publish(brief)
    html = text_of(client.get(f"/briefs/{brief.slug}/"))
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'id="section-main"' in html and 'id="section-brief-sources"' in html
    assert 'href="#background"' in html and 'href="#background-4"' in html
