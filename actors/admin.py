"""Reference entities in the admin: declarations, search, filters, autocomplete, inlines."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin

from actors.incidents import interaction_of, party_problems
from actors.matching import ACTOR, ORGANISATION, key, registry_names
from actors.models import (
    Actor,
    Alias,
    Designation,
    Event,
    EventActor,
    EventClaim,
    EventOrganisation,
    EventParty,
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


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    fields = [
        "jurisdiction",
        "listed",
        "listed_precision",
        "delisted",
        "delisted_precision",
        "source_title",
        "source_url",
    ]
    verbose_name_plural = "designations: listings as a terrorist organisation"


@admin.register(Organisation)
class OrganisationAdmin(SharedNamesWarning, HistoryAdmin):
    ref_kind = ORGANISATION
    list_display = ["name", "abbreviation", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "abbreviation", "aliases__text", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [
        OrganisationAliasInline,
        RelationshipInline,
        OrganisationRoleInline,
        DesignationInline,
    ]
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


class EventPartyFormSet(BaseInlineFormSet):
    """The event's actors together: one main actor per side, actor 2 only with an
    actor 1, associated actors only beside a main one (`party_problems`)."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = party_problems([(row["side"], row["associated"]) for row in kept])
        if problems:
            raise ValidationError(problems)


class EventPartyInline(PartInline, admin.TabularInline):
    model = EventParty
    formset = EventPartyFormSet
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["side", "associated", "organisation", "category", "actor_type", "order"]
    verbose_name_plural = "actors: actor 1 and actor 2, each with its associated actors"


class EventClaimFormSet(BaseInlineFormSet):
    """Competing claims need at least two claims (the event's flag is already on
    `self.instance`: the admin applies the form before it builds the inlines)."""

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if self.instance.competing_claims and len(kept) < 2:
            raise ValidationError("Competing claims need at least two claims of responsibility.")


class EventClaimInline(PartInline, admin.TabularInline):
    model = EventClaim
    formset = EventClaimFormSet
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "mode"]


class EventOrganisationInline(PartInline, admin.TabularInline):
    model = EventOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]
    verbose_name_plural = "other organisations: participants and targets"


class EventActorInline(PartInline, admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]
    verbose_name_plural = "people taking part"


class EventSourceInline(PartInline, admin.TabularInline):
    model = EventSource
    extra = 0
    fields = ["outlet", "title", "url", "accessed", "scale", "order"]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = [
        "title",
        "public_id",
        "date",
        "kind",
        "event_type",
        "location",
        "country",
        "killed_best",
        "injured_best",
        "claim",
    ]
    list_filter = [
        "kind",
        "event_type",
        "claim",
        "attribution",
        "country",
        ("date", admin.DateFieldListFilter),
    ]
    search_fields = [
        "title",
        "=public_id",
        "location",
        "admin1",
        "summary",
        "organisations__name",
        "organisations__abbreviation",
        "parties__organisation__name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["public_id", "interaction"]
    date_hierarchy = "date"
    inlines = [
        EventPartyInline,
        EventClaimInline,
        EventOrganisationInline,
        EventActorInline,
        EventSourceInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "public_id", "kind", "summary", "tags"]}),
        (
            "Date",
            {"fields": [("date", "date_precision"), ("end_date", "end_date_precision")]},
        ),
        (
            "Place",
            {
                "fields": [
                    "location",
                    "admin2",
                    "admin1",
                    "country",
                    ("latitude", "longitude", "geo_precision"),
                ],
                "description": "The country gives the event its ID, once. Coordinates "
                "go with their geo precision: 1 the place itself, 2 near it, 3 only the "
                "region.",
            },
        ),
        (
            "ACLED coding",
            {"fields": ["event_type", "sub_event_type", "civilian_targeting", "interaction"]},
        ),
        (
            "Toll",
            {
                "fields": [
                    ("killed_best", "killed_low", "killed_high"),
                    ("killed_victims", "killed_perpetrators"),
                    ("injured_best", "injured_low", "injured_high"),
                ],
                "description": "Leave a figure empty when it is not known: empty means "
                "unknown, 0 means none. A low–high range goes around a known best "
                "figure; victims and perpetrators killed add up to the number killed.",
            },
        ),
        ("Claim and attribution", {"fields": ["claim", "competing_claims", "attribution"]}),
    ]

    @admin.display(description="interaction code")
    def interaction(self, obj) -> str:
        """ACLED's code of the saved actors (state forces against civilians: 17)."""
        code = interaction_of(obj.parties.all()) if obj.pk else None
        return "—" if code is None else str(code)
