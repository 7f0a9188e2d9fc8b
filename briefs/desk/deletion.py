"""Deleting briefs in the admin: what `briefs.publishing.erasure` allows, and no more.

A published brief's Delete (its page, or the list's bulk action) is refused with
the advice to withdraw it, for everybody but a superuser; a superuser's Delete of
a published brief opens the erasure form, which asks for the legal reason and
leaves the audit record (`Erasure`, listed in the admin for superusers only). A
brief never published is deleted as usual, with its log of steps.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import NestedObjects, unquote
from django.db import router
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from briefs.models import Brief, Erasure, Notice, Transition
from briefs.publishing import erasure


class ErasureForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The legal ground for the erasure. Kept in the audit record.",
    )
    confirm = forms.BooleanField(
        label="I understand that the brief, every published version of it and its log "
        "of steps are deleted for good, and its address will answer 404."
    )


def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, refused as a whole when any selected brief was published."""
    published = erasure.published_among(queryset)
    if published:
        names = ", ".join(f"“{b.title}”" for b in published[:5])
        more = f" and {len(published) - 5} more" if len(published) > 5 else ""
        advice = (
            " Erase each from its own page (Delete), with the reason."
            if request.user.is_superuser
            else " Withdraw them instead."
        )
        modeladmin.message_user(
            request,
            f"Nothing was deleted: {names}{more} have been published, so they cannot be "
            f"deleted.{advice}",
            messages.ERROR,
        )
        return None
    return django_delete_selected(modeladmin, request, queryset)


delete_selected.short_description = django_delete_selected.short_description
delete_selected.allowed_permissions = ("delete",)


class BriefDeletion:
    """Mixed into the brief admin: the delete view, the bulk action and the delete
    itself go through `briefs.publishing.erasure`."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        brief = self.get_object(request, unquote(object_id))
        if brief is not None and erasure.was_published(brief):
            if request.user.is_superuser:
                return self._erase_view(request, brief)
            self.message_user(request, erasure.REFUSAL.format(title=brief.title), messages.ERROR)
            return redirect(reverse("admin:briefs_brief_change", args=[brief.pk]))
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # A never-published brief's log of steps goes with it (delete_unpublished).
            collector = NestedObjects(using=router.db_for_write(Brief))
            collector.collect(objs)
            if all(isinstance(obj, Transition | Notice) for obj in collector.protected):
                protected = []
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        erasure.delete_unpublished(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for brief in queryset:
            erasure.delete_unpublished(brief, by=request.user)

    def _erase_view(self, request, brief):
        form = ErasureForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            erasure.erase(brief, by=request.user, reason=form.cleaned_data["reason"])
            self.message_user(
                request,
                f"“{brief.title}” was erased. The audit record is under “Erasures”.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:briefs_brief_changelist"))
        return TemplateResponse(
            request,
            "admin/briefs/brief/erase.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Erase “{brief.title}”",
                "brief": brief,
                "form": form,
                "opts": self.model._meta,
                "original": brief,
            },
        )


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The audit record of erasures: superusers read it, nobody edits it."""

    list_display = ["title", "slug", "at", "by_username", "publications"]
    search_fields = ["title", "slug", "reason"]
    readonly_fields = [f.name for f in Erasure._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
