"""Reference entities in the admin: declarations, search, filters, autocomplete, inlines."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin

from actors.matching import ACTOR, ORGANISATION, key, registry_names
from actors.models import (
    Actor,
    Alias,
    Event,
    EventActor,
    EventOrganisation,
    EventSource,
    Organisation,
    Relationship,
    Role,
)


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, without its 500 on a posted id that is no id.

    When a form comes back with errors, the widget looks up the posted value to show
    it; a value that is not a valid key ("abc" for a number) raised there. Such a value
    is simply not shown again: the field itself already says it is not a valid choice.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _is_key(target, v)], attr)


def _is_key(field, value) -> bool:
    if value in (None, ""):
        return True
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class SafeAutocomplete:
    """Use `SafeAutocompleteSelect` for every field in `autocomplete_fields`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if type(widget) is AutocompleteSelect:
            widget.__class__ = SafeAutocompleteSelect
        return formfield


class HistoryAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """simple-history's admin, with its page of an old version read-only.

    SIMPLE_HISTORY_REVERT_DISABLED only hides that page's button: a POST to it still
    saves the old version over the current one, with view permission alone (and, for
    a brief, without a revision). Briefs are restored through their own Restore.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            messages.error(request, "An old version is shown here, not saved: nothing was changed.")
            return redirect(request.path)
        return super().history_form_view(request, object_id, version_id, extra_context)


class PartInline(SafeAutocomplete):
    """An inline of rows that are parts of the object edited (a brief's sections and links,
    an event's sources and participants).

    Removing one is an edit of that object, recorded in its history like any other, so
    whoever may change the object may remove it: analysts have no delete permissions.
    """

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class AliasInline(admin.TabularInline):
    """The other names of an organisation or a person, one row each (`Alias`).

    An alias is part of its entity: whoever may change the organisation or person may
    add, change and remove its aliases (each kept in the alias's history), so the
    editorial groups need no permissions of their own for aliases.
    """

    model = Alias
    extra = 0
    fields = ["text", "kind", "language", "script", "start", "end", "ambiguous"]

    def _may_change_entity(self, request) -> bool:
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def has_view_permission(self, request, obj=None):
        opts = self.parent_model._meta
        return self._may_change_entity(request) or request.user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        )

    def has_add_permission(self, request, obj=None):
        return self._may_change_entity(request)

    def has_change_permission(self, request, obj=None):
        return self._may_change_entity(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_change_entity(request)


class OrganisationAliasInline(AliasInline):
    fk_name = "organisation"


class ActorAliasInline(AliasInline):
    fk_name = "actor"


class SharedNamesWarning:
    """After a save, say which of the entity's names another entity has too: such a
    name counts as ambiguous (`actors.matching`) and is never linked by itself."""

    ref_kind = ""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        own = (self.ref_kind, form.instance.pk)
        registry = registry_names()
        mine = {key(n.text): n.text for n in registry if n.ref == own}
        others: dict[str, set] = {}
        for n in registry:
            if n.ref != own and key(n.text) in mine:
                others.setdefault(key(n.text), set()).add(n.ref)
        if not others:
            return
        labels = _labels(set().union(*others.values()))
        for k, refs in others.items():
            messages.warning(
                request,
                f"“{mine[k]}” is also a name of {', '.join(sorted(labels[r] for r in refs))}: "
                "it counts as ambiguous, and a mention of it is linked only as an analyst chooses.",
            )


def _labels(refs) -> dict:
    out = {}
    for kind, model in [(ORGANISATION, Organisation), (ACTOR, Actor)]:
        pks = [pk for k, pk in refs if k == kind]
        out |= {
            (kind, pk): name
            for pk, name in model.objects.filter(pk__in=pks).values_list("pk", "name")
        }
    return out


class RoleInline(SafeAutocomplete, admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["title", "organisation", "rank", "start", "start_precision", "end", "end_precision"]


class OrganisationRoleInline(RoleInline):
    autocomplete_fields = ["actor"]
    fields = ["actor", "title", "rank", "start", "start_precision", "end", "end_precision"]
    verbose_name_plural = "people and their roles"


class RelationshipInline(SafeAutocomplete, admin.TabularInline):
    model = Relationship
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["other"]
    fields = [
        "kind",
        "other",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "source",
        "source_url",
    ]
    verbose_name_plural = "relationships to other organisations"


@admin.register(Organisation)
class OrganisationAdmin(SharedNamesWarning, HistoryAdmin):
    ref_kind = ORGANISATION
    list_display = ["name", "abbreviation", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "abbreviation", "aliases__text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline, RelationshipInline, OrganisationRoleInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "abbreviation",
                    "kind",
                    "country",
                    "parent",
                    "description",
                ]
            },
        ),
        (
            "Dates",
            {"fields": [("founded", "founded_precision"), ("dissolved", "dissolved_precision")]},
        ),
        ("Logo", {"fields": ["logo", "logo_alt"]}),
    ]


@admin.register(Actor)
class ActorAdmin(SharedNamesWarning, HistoryAdmin):
    ref_kind = ACTOR
    list_display = ["name", "nationality"]
    list_filter = ["nationality"]
    search_fields = ["name", "aliases__text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline, RoleInline]
    fields = ["name", "slug", "nationality", "biography", "photo", "photo_alt"]


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    list_display = ["actor", "title", "organisation", "rank", "start", "end"]
    list_filter = ["rank", "organisation"]
    search_fields = ["title", "actor__name", "organisation__name"]
    autocomplete_fields = ["actor", "organisation"]
    list_select_related = ["actor", "organisation"]


@admin.register(Relationship)
class RelationshipAdmin(HistoryAdmin):
    list_display = ["subject", "kind", "other", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["subject__name", "other__name", "source"]
    autocomplete_fields = ["subject", "other"]
    list_select_related = ["subject", "other"]


class EventOrganisationInline(PartInline, admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]
    verbose_name_plural = "organisations: perpetrators, claimants, participants, targets"


class EventActorInline(PartInline, admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]
    verbose_name_plural = "people taking part"


class EventSourceInline(PartInline, admin.TabularInline):
    model = EventSource
    extra = 0
    fields = ["outlet", "title", "url", "accessed", "order"]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["title", "date", "kind", "place", "country", "killed", "injured", "claim"]
    list_filter = ["kind", "claim", "country", ("date", admin.DateFieldListFilter)]
    search_fields = [
        "title",
        "place",
        "summary",
        "organisations__name",
        "organisations__abbreviation",
    ]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [EventOrganisationInline, EventActorInline, EventSourceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "kind",
                    ("date", "date_precision"),
                    "end_date",
                    "place",
                    "country",
                    "summary",
                ]
            },
        ),
        (
            "Toll and claim",
            {
                "fields": ["killed", "injured", "claim"],
                "description": "Leave killed or injured empty when not known: "
                "empty means unknown, 0 means none.",
            },
        ),
    ]
