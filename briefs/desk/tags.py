"""Tags in the admin: taggit's own admin, with live briefs kept in step.

Merging tags (taggit's "Merge selected tags") or editing a tag's items moves
publications from one tag to another. The lists read a publication's tag ids and the
live counts, not the tagged items (`briefs.publishing.link_ids`, `counts`), so after
such a change both are written again from the items, in the same transaction: a few
seconds at 100,000 briefs, for an operation that is rare. Who may merge, and whether
live briefs' tags may change at all, is the editorial record's question (issue #10).
"""

from django.contrib import admin
from django.db import transaction
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from briefs.publishing import counts, link_ids

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    def merge_tags_view(self, request):
        with transaction.atomic():
            response = super().merge_tags_view(request)
            if request.method == "POST" and response.status_code == 302:
                _publications_follow_their_tags()
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _publications_follow_their_tags()


def _publications_follow_their_tags() -> None:
    link_ids.refresh_all()
    counts.recount_all()
