"""The editors' list of live briefs whose registry facts were revised since publication.

One row per fact that still differs (`briefs.models.RevisedFact`, written by
`briefs.publishing.facts`): which brief, which event or person, what, as published
and now, and when. Only current publications (live, or scheduled) are listed; a
brief published again with the correction drops out. Read-only: the rows follow the
registry and the briefs, nobody edits them. A fixed number of queries a page.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from briefs.models import RevisedFact


class SubjectFilter(admin.SimpleListFilter):
    title = "revised"
    parameter_name = "of"

    def lookups(self, request, model_admin):
        return [("event", "Events"), ("person", "People")]

    def queryset(self, request, queryset):
        if self.value() == "event":
            return queryset.filter(event__isnull=False)
        if self.value() == "person":
            return queryset.filter(actor__isnull=False)
        return queryset


@admin.register(RevisedFact)
class RevisedFactAdmin(admin.ModelAdmin):
    list_display = ["brief", "fact", "what", "at_publication", "now", "revised_at", "state"]
    list_display_links = None
    list_filter = [SubjectFilter, "what"]
    search_fields = ["publication__title", "event__title", "actor__name"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .current()
            .select_related("publication", "event", "actor")
            .only(
                "what",
                "published",
                "current",
                "revised_at",
                "event__title",
                "actor__name",
                "publication__title",
                "publication__brief_id",
                "publication__go_live_at",
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="brief", ordering="publication__title")
    def brief(self, row):
        url = reverse("admin:briefs_brief_change", args=[row.publication.brief_id])
        return format_html('<a href="{}">{}</a>', url, row.publication.title)

    @admin.display(description="event or person")
    def fact(self, row):
        if row.event_id:
            url = reverse("admin:actors_event_change", args=[row.event_id])
            return format_html('<a href="{}">{}</a>', url, row.event.title)
        url = reverse("admin:actors_actor_change", args=[row.actor_id])
        return format_html('<a href="{}">{}</a>', url, row.actor.name)

    @admin.display(description="at publication")
    def at_publication(self, row):
        return row.published or "—"

    @admin.display(description="now")
    def now(self, row):
        return row.current or "—"

    @admin.display(description="state")
    def state(self, row):
        if row.publication.go_live_at > timezone.now():
            return f"Scheduled for {row.publication.go_live_at:%Y-%m-%d %H:%M}"
        return "Live"
