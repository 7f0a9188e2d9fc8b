"""Tags in the admin: taggit's own admin, with live briefs kept in step and on record.

Merging tags (taggit's "Merge selected tags"), renaming one or editing its items
moves or changes what live briefs show. Such a change to a tag that a live brief
carries, and any attaching to or detaching from a publication, is editors' work
(`briefs.publishing.live_tags`): an analyst gets the reason and nothing changes.
Every change made here is recorded (`TagChange`, listed read-only in the admin).
After a merge or an edit of a tag's items, publications' tag ids and the live counts
are written again from the items, in the same transaction.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.admin import TaggedItemInline as TaggitTaggedItemInline
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from briefs.models import Publication, TagChange
from briefs.publishing import live_tags

admin.site.unregister(Tag)

Kind = TagChange.Kind


class TaggedItemFormSet(BaseInlineFormSet):
    """Refuses, for those who may not change live briefs, any row that names a
    publication before or after the edit."""

    request = None

    def clean(self):
        super().clean()
        publication = ContentType.objects.get_for_model(Publication).pk
        for form in self.forms:
            if not (form.has_changed() or self._should_delete_form(form)):
                continue
            before = form.instance.content_type_id if form.instance.pk else None
            after = form.cleaned_data.get("content_type")
            if publication in {before, after.pk if after else None}:
                refusal = live_tags.publication_refusal(self.request.user)
                if refusal:
                    raise forms.ValidationError(refusal)


class TaggedItemInline(TaggitTaggedItemInline):
    formset = TaggedItemFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"request": request})


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    inlines = [TaggedItemInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        def clean(self):
            cleaned = form.clean(self)
            renamed = {"name", "slug"} & set(self.changed_data)
            if self.instance.pk and renamed:
                old = Tag.objects.get(pk=self.instance.pk)
                refusal = live_tags.refusal(request.user, [old], "rename")
                if refusal:
                    raise forms.ValidationError(refusal)
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})

    def save_model(self, request, obj, form, change):
        old = Tag.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if old is not None and (old.name, old.slug) != (obj.name, obj.slug):
            live_tags.record(
                Kind.RENAME,
                obj,
                name=old.name,
                detail=f"“{old.name}” ({old.slug}) → “{obj.name}” ({obj.slug})",
                by=request.user,
            )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        tag = form.instance
        items = [(Kind.ATTACH, item) for item in formset.new_objects]
        items += [(Kind.DETACH, item) for item in formset.deleted_objects]
        items += [(Kind.ATTACH, item) for item, _ in formset.changed_objects]
        for kind, item in items:
            target = item.content_object
            where = f"{item.content_type.name} “{target}”" if target else str(item.content_type)
            preposition = "to" if kind == Kind.ATTACH else "from"
            live_tags.record(
                kind, tag, name=tag.name, detail=f"{preposition} {where}", by=request.user
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        live_tags.publications_follow_their_tags()

    def merge_tags_view(self, request):
        # taggit's own view checks only that the user is staff.
        if not self.has_change_permission(request):
            raise PermissionDenied
        selected = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk]
        tags = list(Tag.objects.filter(pk__in=[pk for pk in selected if pk.isdigit()]))
        if request.method == "POST":
            refusal = live_tags.refusal(request.user, tags, "merge")
            if refusal:
                messages.error(request, refusal)
                return redirect("admin:taggit_tag_changelist")
        with transaction.atomic():
            reached = live_tags.live_briefs([tag.pk for tag in tags])
            response = super().merge_tags_view(request)
            if request.method == "POST" and response.status_code == 302:
                into = MergeTagsForm(request.POST)
                into = into.cleaned_data["new_tag_name"] if into.is_valid() else ""
                merged = Tag.objects.filter(name=into).first()
                for tag in tags:
                    live_tags.record(
                        Kind.MERGE,
                        merged,
                        name=tag.name,
                        detail=f"“{tag.name}” merged into “{into}”",
                        by=request.user,
                        reached=reached,
                    )
                live_tags.publications_follow_their_tags()
        return response

    def delete_model(self, request, obj):
        self._record_deletion(request, [obj])
        super().delete_model(request, obj)
        live_tags.publications_follow_their_tags()

    def delete_queryset(self, request, queryset):
        self._record_deletion(request, list(queryset))
        super().delete_queryset(request, queryset)
        live_tags.publications_follow_their_tags()

    def _record_deletion(self, request, tags):
        for tag in tags:
            reached = live_tags.live_briefs([tag.pk])
            detail = f"“{tag.name}” ({tag.slug}) deleted"
            live_tags.record(
                Kind.DELETE, None, name=tag.name, detail=detail, by=request.user, reached=reached
            )


@admin.register(TagChange)
class TagChangeAdmin(admin.ModelAdmin):
    """The record of tag changes: read only, for everyone who may see it."""

    list_display = ["at", "kind", "tag_name", "detail", "live_briefs", "by"]
    list_filter = ["kind"]
    search_fields = ["tag_name", "detail"]
    list_select_related = ["by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
