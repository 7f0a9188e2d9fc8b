"""Reference entities in the admin: declarations, search, filters, autocomplete, inlines."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actors.models import (
    Actor,
    Event,
    EventActor,
    EventOrganisation,
    EventSource,
    Organisation,
    Relationship,
    Role,
)


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["title", "organisation", "start", "start_precision", "end", "end_precision"]


class OrganisationRoleInline(RoleInline):
    autocomplete_fields = ["actor"]
    fields = ["actor", "title", "start", "start_precision", "end", "end_precision"]
    verbose_name_plural = "people and their roles"


class RelationshipInline(admin.TabularInline):
    model = Relationship
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["other"]
    fields = ["kind", "other", "start", "start_precision", "end", "end_precision", "source",
              "source_url"]
    verbose_name_plural = "relationships to other organisations"


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "abbreviation", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [RelationshipInline, OrganisationRoleInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "abbreviation", "aliases", "kind", "country",
                           "parent", "description"]}),
        ("Dates", {"fields": [("founded", "founded_precision"),
                              ("dissolved", "dissolved_precision")]}),
        ("Logo", {"fields": ["logo", "logo_alt"]}),
    ]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nationality"]
    list_filter = ["nationality"]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]
    fields = ["name", "slug", "aliases", "nationality", "biography", "photo", "photo_alt"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["actor", "title", "organisation", "start", "end"]
    list_filter = ["organisation"]
    search_fields = ["title", "actor__name", "organisation__name"]
    autocomplete_fields = ["actor", "organisation"]
    list_select_related = ["actor", "organisation"]


@admin.register(Relationship)
class RelationshipAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "other", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["subject__name", "other__name", "source"]
    autocomplete_fields = ["subject", "other"]
    list_select_related = ["subject", "other"]


class EventOrganisationInline(admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]
    verbose_name_plural = "organisations: perpetrators, claimants, participants, targets"


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]
    verbose_name_plural = "people taking part"


class EventSourceInline(admin.TabularInline):
    model = EventSource
    extra = 0
    fields = ["outlet", "title", "url", "accessed", "order"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "kind", "place", "country", "killed", "injured", "claim"]
    list_filter = ["kind", "claim", "country", ("date", admin.DateFieldListFilter)]
    search_fields = ["title", "place", "summary", "organisations__name",
                     "organisations__abbreviation"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [EventOrganisationInline, EventActorInline, EventSourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", ("date", "date_precision"), "end_date",
                           "place", "country", "summary"]}),
        ("Toll and claim", {"fields": ["killed", "injured", "claim"],
                            "description": "Leave killed or injured empty when not known: "
                                           "empty means unknown, 0 means none."}),
    ]
