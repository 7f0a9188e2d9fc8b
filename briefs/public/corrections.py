"""/corrections/: every correction and withdrawal notice, newest first, and its feeds.

Reads `Notice.objects.public()` a page at a time from the `notice_public_order`
index: one query for the page (a row more than it shows, to know whether an older
page exists) and no count, so its cost does not grow with the archive or the record.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from briefs.models import Notice
from briefs.public.http import public_page
from briefs.public.listing import PAGE_SIZE, Page, page_number
from briefs.publishing.article import absolute

FEED_ITEMS = 20
# Notices shown: a page past this is a 404 rather than a deep OFFSET.
MAX_PAGES = 500
NOTICE_FIELDS = ("kind", "title", "slug", "text", "at")


@public_page
def corrections(request):
    number = page_number(request)
    if number > MAX_PAGES:
        return _past_the_end()
    offset = (number - 1) * PAGE_SIZE
    rows = list(Notice.objects.public().only(*NOTICE_FIELDS)[offset : offset + PAGE_SIZE + 1])
    if number > 1 and not rows:
        return _past_the_end()
    page = Page(object_list=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)
    return render(
        request,
        "briefs/corrections.html",
        {"page_obj": page, "canonical_url": absolute(reverse("briefs:corrections"))},
    )


def _past_the_end():
    raise Http404("No such page.")


class CorrectionsFeed(Feed):
    title = f"{settings.SITE_NAME}: corrections and withdrawals"
    description = "Corrections of published briefs and briefs withdrawn with a notice."

    def link(self):
        return absolute(reverse("briefs:corrections"))

    def feed_url(self):
        return absolute(reverse("briefs:corrections_feed"))

    def items(self):
        return Notice.objects.public().only(*NOTICE_FIELDS)[:FEED_ITEMS]

    def item_title(self, item):
        label = "Withdrawn" if item.kind == Notice.Kind.WITHDRAWAL else "Correction"
        return f"{label}: {item.title}"

    def item_description(self, item):
        return linebreaks(escape(item.text))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(f"{reverse('briefs:corrections')}#notice-{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    subtitle = CorrectionsFeed.description

    def feed_url(self):
        return absolute(reverse("briefs:corrections_feed_atom"))
