"""The brief page's frame (briefs.page_frame): its template rendered once, then filled in.

What readers get must be, byte for byte, what Django renders from the template, for
any title, text and footer, hostile ones included; a template the frame cannot
reproduce is refused with the template's name.
"""

import pytest
from django.template.loader import render_to_string
from django.urls import resolve, set_script_prefix
from django.utils.safestring import mark_safe

from briefs import article, page_frame
from briefs.caching import site_texts
from briefs.models import Publication, SiteSettings
from briefs.views import BRIEF_TEMPLATE
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quotes" \'too\' {{ braces }} {% tag %}'


def rendered_by_django(rf, publication: Publication) -> str:
    """The brief page as Django's template engine renders it for a reader's request."""
    url = publication.get_absolute_url()
    request = rf.get(url)
    request.resolver_match = resolve(url)
    head, html = article.stored_or_rendered(publication)
    site = site_texts()
    context = {
        "title": publication.title,
        "article_head": head,
        "article_html": html,
        "disclaimer": site["disclaimer"],
        "copyright": site["copyright"],
    }
    return render_to_string(BRIEF_TEMPLATE, context, request=request)


def test_the_page_is_what_the_template_renders(client, live_brief, rf):
    publication = Publication.objects.live().get()
    page = client.get(publication.get_absolute_url()).content.decode()
    assert page == rendered_by_django(rf, publication)
    assert page.count("<title>") == 1 and page.count('<article class="brief">') == 1


def test_hostile_values_are_escaped_exactly_as_the_template_escapes_them(client, publish, rf):
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"disclaimer": HOSTILE, "copyright": HOSTILE}
    )
    brief = build_brief(title=HOSTILE, summary=HOSTILE)
    publish(brief)
    publication = Publication.objects.live().get()
    page = client.get(publication.get_absolute_url()).content.decode()
    assert page == rendered_by_django(rf, publication)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page


LOCMEM_TEMPLATES = {
    "plain.html": "<h1>{{ title }}</h1>{{ body }}<p>{{ title }}</p>",
    "branches.html": "{% if title %}<h1>{{ title }}</h1>{% endif %}{{ body }}",
    "filters.html": "<h1>{{ title|upper }}</h1>{{ body }}",
    "forgets.html": "<h1>{{ title }}</h1>",
    "trusts.html": "<h1>{{ title|safe }}</h1>{{ body }}",
    "strips.html": "<h1>{{ title }}</h1>{{ body|striptags }}",
    "shortens.html": "<h1>{{ title|truncatewords:30 }}</h1>{{ body }}",
    "links.html": "{% load navigation %}<a href=\"{% nav_url 'briefs:list' %}\">{{ title }}</a>",
}


@pytest.fixture
def locmem_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", LOCMEM_TEMPLATES)]},
        }
    ]


def test_a_frame_escapes_text_and_keeps_safe_markup(locmem_templates):
    values = {"title": "<b>Bold</b> & co", "body": mark_safe("<p>Kept</p>")}
    escaped = "&lt;b&gt;Bold&lt;/b&gt; &amp; co"
    expected = f"<h1>{escaped}</h1><p>Kept</p><p>{escaped}</p>"
    assert page_frame.render("plain.html", values) == expected
    assert page_frame.render("plain.html", {"title": "", "body": ""}) == "<h1></h1><p></p>"


@pytest.mark.parametrize(
    "name",
    [
        "branches.html",
        "filters.html",
        "forgets.html",
        "trusts.html",
        "strips.html",
        "shortens.html",
    ],
)
def test_a_template_the_frame_cannot_reproduce_is_refused(locmem_templates, name):
    with pytest.raises(page_frame.FrameError, match=name):
        page_frame.render(name, {"title": "A title", "body": "A body"})


def test_the_frame_follows_the_script_prefix(locmem_templates):
    assert page_frame.render("links.html", {"title": "T"}) == '<a href="/briefs/">T</a>'
    set_script_prefix("/mounted/")
    try:
        assert page_frame.render("links.html", {"title": "T"}) == (
            '<a href="/mounted/briefs/">T</a>'
        )
    finally:
        set_script_prefix("/")
    assert page_frame.render("links.html", {"title": "T"}) == '<a href="/briefs/">T</a>'
