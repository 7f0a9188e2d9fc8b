"""The editorial desk: briefs, their sections and links, workflow buttons and history.

Admin classes only declare and delegate: state changes go through
`briefs.publishing.workflow`, saves and restores through `briefs.publishing.editing`,
and the history, compare and preview pages live in `briefs.desk.views`.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext
from taggit.models import TaggedItem

from actors.admin import HistoryAdmin, PartInline
from briefs.desk import dashboard, names
from briefs.desk import views as admin_views
from briefs.desk.deletion import BriefDeletion
from briefs.desk.forms import (
    BriefForm,
    PanelTransitionForm,
    SectionForm,
    SectionFormSet,
    SiteSettingsForm,
    TransitionForm,
)
from briefs.models import (
    Brief,
    BriefActor,
    BriefEvent,
    BriefOrganisation,
    Publication,
    Section,
    SiteSettings,
    Source,
)
from briefs.publishing import approval, footer, warnings, workflow
from briefs.publishing.editing import WORKFLOW_FIELDS, begin_edit, finish_edit


class SectionInline(PartInline, admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    min_num = 1

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else 3 - self.min_num


class SourceInline(PartInline, admin.TabularInline):
    model = Source
    extra = 0
    fields = ["outlet", "title", "url", "accessed", "order"]


class BriefActorInline(PartInline, admin.TabularInline):
    model = BriefActor
    extra = 0
    autocomplete_fields = ["actor"]


class BriefOrganisationInline(PartInline, admin.TabularInline):
    model = BriefOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class BriefEventInline(PartInline, admin.TabularInline):
    model = BriefEvent
    extra = 0
    autocomplete_fields = ["event"]


class QueueFilter(admin.SimpleListFilter):
    """The lists people work from, as the desk's home page shows them (briefs.desk.dashboard)."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return dashboard.queues_for(request.user)

    def queryset(self, request, queryset):
        return dashboard.in_queue(queryset, self.value(), request.user)


class TagFilter(admin.RelatedFieldListFilter):
    """The tags that some brief has, as RelatedOnlyFieldListFilter offers them, but
    asked of each tag (a few dozen: the first tagged brief answers) instead of by
    reading every brief's tags."""

    def field_choices(self, field, request, model_admin):
        # The content type as a subquery, not a join: the join makes PostgreSQL read
        # all of a tag's tagged items before it finds one.
        briefs = ContentType.objects.filter(
            app_label=Brief._meta.app_label, model=Brief._meta.model_name
        )
        used = TaggedItem.objects.filter(
            tag=OuterRef("pk"), content_type=Subquery(briefs.values("pk"))
        )
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to=Q(Exists(used)),
        )


def _in_own_fields(term: str) -> Q:
    """`term` in a brief's title, summary or slug (each has a trigram index)."""
    return Q(title__icontains=term) | Q(summary__icontains=term) | Q(slug__icontains=term)


def _briefs_matching(term: str, among=None):
    """The ids of the briefs with `term` in their title, summary, slug or a section
    (a brief once per place it is found), among the briefs `among` if given."""
    own = Brief.objects.filter(_in_own_fields(term))
    sections = Section.objects.filter(body__icontains=term)
    if among is not None:
        own = own.filter(pk__in=among)
        sections = sections.filter(brief_id__in=among)
    return (
        own.values_list("pk", flat=True)
        .order_by()
        .union(sections.values_list("brief_id", flat=True).order_by(), all=True)
    )


def _search_terms(search_term: str) -> list[str]:
    """The words of a search, split as Django's admin splits them ("a phrase" is one)."""
    return [
        unescape_string_literal(bit) if bit[0] in "\"'" and bit[0] == bit[-1] else bit
        for bit in smart_split(search_term)
    ]


def _bulk(name: str, description: str):
    """A list action that applies one workflow transition to each selected brief."""

    def action(modeladmin, request, queryset):
        form = TransitionForm(request.POST if "apply" in request.POST else None)
        needs_comment = name in workflow.COMMENT_REQUIRED
        if needs_comment and not (
            form.is_bound and form.is_valid() and form.cleaned_data["comment"].strip()
        ):
            return TemplateResponse(
                request,
                "admin/briefs/brief/bulk_transition.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "title": f"{description}: give a comment",
                    "briefs": queryset,
                    "form": form,
                    "action": name,
                    "opts": modeladmin.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        valid = form.is_bound and form.is_valid()
        comment = form.cleaned_data["comment"] if valid else ""
        options = form.options_for(name) if valid else {}
        done = 0
        if name == "publish":
            # From the list an editor sees no text: publish what was submitted for review.
            options["version"] = approval.AS_SUBMITTED
        for brief in queryset:
            if modeladmin.apply_transition(request, brief, name, comment=comment, **options):
                done += 1
        if done:
            messages.success(request, f"{description}: {done} of {queryset.count()} briefs.")

    action.__name__ = name
    action.short_description = description
    action.allowed_permissions = (name,)
    return action


@admin.register(Brief)
class BriefAdmin(BriefDeletion, HistoryAdmin):
    form = BriefForm
    inlines = [
        SectionInline,
        SourceInline,
        BriefActorInline,
        BriefOrganisationInline,
        BriefEventInline,
    ]
    list_display = ["title", "state", "unpublished_changes", "live_since", "date", "updated_at"]
    list_filter = [QueueFilter, "status", ("tags", TagFilter)]
    # What the search box looks in; `get_search_results` says how.
    search_fields = ["title", "summary", "slug", "sections__body"]
    search_help_text = (
        "Briefs with every word in the title, summary, slug or text (“a phrase” in "
        "quotes is one word). When every word is common and the list is long, only "
        "titles, summaries and slugs are searched."
    )
    # The list counts the briefs it shows, once; not the whole table a second time.
    show_full_result_count = False
    # No "Show counts": each filter's counts run the list's query again without that
    # filter (the search included, where its bound could then differ from the
    # list's), about 180 ms more a page at 100,000 briefs. The desk lists the queues.
    show_facets = admin.ShowFacets.NEVER
    # Not an autocomplete: that would ask the user admin, which only superusers may see.
    filter_horizontal = ["authors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "first_published_at"]
    date_hierarchy = "date"
    save_as = False
    save_on_top = True
    actions = [
        _bulk("submit_for_review", "Submit for review"),
        _bulk("publish", "Publish"),
        _bulk("return_to_draft", "Return to draft"),
        _bulk("withdraw", "Withdraw"),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "date", "authors", "tags", "countries"]}),
        (
            "Cover image",
            {"fields": ["cover", "cover_alt", "cover_credit"], "classes": ["collapse"]},
        ),
        ("State", {"fields": ["status", "first_published_at"]}),
        ("Save", {"fields": ["change_note", "loaded_version"]}),
    ]
    change_form_template = "admin/briefs/brief/change_form.html"

    def has_submit_for_review_permission(self, request):
        return request.user.has_perm(workflow.PERMISSIONS["submit_for_review"])

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PERMISSIONS["publish"])

    def has_return_to_draft_permission(self, request):
        return request.user.has_perm(workflow.PERMISSIONS["return_to_draft"])

    def has_withdraw_permission(self, request):
        return request.user.has_perm(workflow.PERMISSIONS["withdraw"])

    def view_on_site(self, obj):
        # What readers see, when anything is live; the model's own URL is this admin page.
        live = Publication.objects.live().filter(brief=obj).first()
        return live.get_absolute_url() if live else None

    # -- the list -----------------------------------------------------------------

    def get_queryset(self, request):
        current = Publication.objects.filter(brief=OuterRef("pk")).current().order_by("-go_live_at")
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_version=Subquery(current.values("brief_version")[:1]),
                live_from=Subquery(current.values("go_live_at")[:1]),
            )
        )

    # A word found in at most this many places narrows the search to their briefs: the
    # other words are then looked for among those briefs only, and the list, its
    # count and its date bar (four queries) read them by id. (A place: a title,
    # summary or slug, or a section.) If every word is in more places than this, and
    # the filters leave more briefs than this, the words are looked for in titles,
    # summaries and slugs only, and the list says so: reading every section with
    # "taliban" took 1.9 s at 100,000 briefs (bench/README.md, "Admin searches").
    search_ids_at_most = 500

    def get_search_results(self, request, queryset, search_term):
        """Each word in the title, summary, slug or a section, as Django's search, but
        matched by a union of trigram index scans (`brief_*_trgm`,
        `section_body_trgm`) instead of a join on sections and a DISTINCT over every
        brief. Words are read the longest first (usually the rarest), each up to
        `search_ids_at_most` + 1 places, until one is narrow: one query for a rare
        word; the other words are then matched within its briefs, one query each,
        so a common second word ("khdubaba border") costs what the rare one does.
        When no word is narrow, the briefs the filters leave are read (one query, up
        to the same limit) and each word matched among them if they are few;
        otherwise see `search_ids_at_most`."""
        terms = _search_terms(search_term)
        if not terms:
            return queryset, False
        limit = self.search_ids_at_most
        ordered = sorted(terms, key=len, reverse=True)
        narrow = ids = None
        for term in ordered:
            # Rows, not briefs: a brief comes once per place the word is in, and only
            # a read that stopped short of the limit is complete.
            found = list(_briefs_matching(term)[: limit + 1])
            if len(found) <= limit:
                narrow, ids = term, set(found)
                break
        if ids is None:  # every word is common: are the listed briefs few?
            listed = list(queryset.order_by().values_list("pk", flat=True)[: limit + 1])
            if len(listed) > limit:
                request.brief_search_in_text = False
                for term in terms:
                    queryset = queryset.filter(_in_own_fields(term))
                return queryset, False
            ids = set(listed)
        for other in ordered:  # the common ones read first too
            if ids and other != narrow:
                ids = set(_briefs_matching(other, among=ids))
        return queryset.filter(pk__in=sorted(ids)), False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Said before the list renders (a TemplateResponse), so it shows on this page;
        # not on a redirect after an action, where the next page would say it again.
        # (Nor on the "database error" page, a SimpleTemplateResponse without `cl`.)
        searched_text = getattr(request, "brief_search_in_text", True)
        is_list = isinstance(response, TemplateResponse) and "cl" in (response.context_data or {})
        if not searched_text and request.method == "GET" and is_list:
            messages.info(
                request,
                f"Each word of this search is in more than {self.search_ids_at_most} "
                "places, so the list shows the briefs that have the words in the title, "
                "summary or slug; briefs that have them only in the text are left out. "
                "Add a rarer word, or narrow the list with a filter, to search the "
                "text too.",
            )
        return response

    def action_checkbox(self, obj):
        # Django renders a CheckboxInput through the form renderer's templates on every
        # row, a quarter of a row's cost; this is its markup, formatted directly, and
        # tests/briefs/test_desk_queries.py checks that it is the same as Django's.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        # A publication waiting for its time reads as scheduled, not as live.
        if (
            obj.status == Brief.Status.PUBLISHED
            and obj.live_from
            and obj.live_from > timezone.now()
        ):
            when = timezone.localtime(obj.live_from)
            if obj.first_published_at and obj.first_published_at <= timezone.now():
                return f"Published; new version scheduled for {when:%d/%m/%Y %H:%M %Z}"
            return f"Scheduled for {when:%d/%m/%Y %H:%M %Z}"
        return obj.get_status_display()

    @admin.display(description="unpublished changes")
    def unpublished_changes(self, obj):
        # A state, written as one: a red cross would read as an error.
        if obj.live_version is None:
            return "—"
        return "Unpublished changes" if obj.version > obj.live_version else "None"

    @admin.display(description="live since", ordering="live_from")
    def live_since(self, obj):
        if obj.live_from is None or obj.live_from > timezone.now():
            return None
        return obj.live_from

    # -- saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # What the analyst chose for ambiguous mentions, in the panel: part of the brief.
        saved = obj.mention_choices or {}
        obj.mention_choices = names.merged_choices(saved, request.POST)
        request._names_to_link = names.refs_to_link(saved, request.POST)
        # An unchanged form writes no revision; a transition button can then act
        # on the brief without an empty edit in its history.
        request._brief_saved = not change or form.has_changed() or obj.mention_choices != saved
        if request._brief_saved:
            begin_edit(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        brief = form.instance
        changed = request._brief_saved or any(f.has_changed() for f in formsets)
        if changed and not request._brief_saved:
            begin_edit(brief, by=request.user)
        super().save_related(request, form, formsets, change)
        if names.link(brief, request._names_to_link, by=request.user) and not changed:
            begin_edit(brief, by=request.user)
            changed = True
        if changed:
            brief.mention_choices = names.current_choices(brief)
            finish_edit(brief, by=request.user, reason=form.cleaned_data.get("change_note", ""))

    # -- transitions ----------------------------------------------------------------

    def apply_transition(self, request, brief, name, *, comment="", **options) -> bool:
        """Run one workflow transition and tell the user what happened, or why not;
        `options` are the transition's own (`TransitionForm.options_for`, and for a
        publish the `version` it approves: `briefs.publishing.approval`)."""
        try:
            getattr(workflow, name)(brief, by=request.user, comment=comment, **options)
            if name == "publish":
                for warning in warnings.before_publishing(brief):
                    messages.warning(request, f"“{brief.title}” was published, but: {warning}")
        except (PermissionDenied, workflow.TransitionNotAllowed) as refusal:
            reason = str(refusal) or "You do not have permission to do that."
            messages.error(request, f"“{brief.title}”: {reason}")
            return False
        return True

    def response_add(self, request, obj, post_url_continue=None):
        self._transition_from_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._transition_from_form(request, obj)
        if names.LINK_BUTTON in request.POST:  # "Save and link": back to the form
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def _transition_from_form(self, request, obj):
        if any(field in request.POST for field in WORKFLOW_FIELDS):
            # Not form fields, so the save ignored them; say so rather than stay silent.
            messages.warning(
                request,
                "The state of a brief changes only through its workflow buttons: "
                "the state sent with the form was ignored.",
            )
        name = request.POST.get("_transition")
        if name not in workflow.ALLOWED:
            return
        form = PanelTransitionForm.of(request)
        if not form.is_valid():  # the brief's form checked it before saving
            return
        options = form.options_for(name)
        if name == "publish":
            # The version this form was checked against and saved as (its row is locked).
            options["version"] = obj.version
        if self.apply_transition(
            request, obj, name, comment=form.cleaned_data["comment"], **options
        ):
            messages.success(request, f"“{obj.title}”: {workflow.LABELS[name].lower()} done.")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Django acts on "_saveasnew" even with save_as off; no page offers it.
        if request.method == "POST" and "_saveasnew" in request.POST and not self.save_as:
            messages.error(
                request,
                "“Save as new” is not available for briefs: add a new "
                "brief instead. Nothing was saved.",
            )
            return redirect(request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_action(self, request, queryset):
        # Django answers an action this user may not take with "No action selected".
        refused = [
            name
            for name in request.POST.getlist("action")
            if name in workflow.PERMISSIONS and name not in self.get_actions(request)
        ]
        if refused:
            label = workflow.LABELS[refused[0]].lower()
            self.message_user(
                request,
                f"You do not have permission to {label} briefs. Nothing was changed.",
                messages.ERROR,
            )
            return None
        return super().response_action(request, queryset)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A workflow button: its comment and time are checked with the brief's form.
        form.transition_form = PanelTransitionForm.of(request) if request.method == "POST" else None
        return form

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            "transition_form": PanelTransitionForm.of(request),
            **(extra_context or {}),
        }
        if request.user.has_perm(workflow.PERMISSIONS["submit_for_review"]):
            extra_context["workflow_actions"] = [
                ("submit_for_review", workflow.LABELS["submit_for_review"])
            ]
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        brief = self.get_object(request, object_id)
        if brief is not None:
            extra_context.update(admin_views.workflow_panel(request, brief))
            extra_context.update(admin_views.names_panel(brief))
        return super().change_view(request, object_id, form_url, extra_context)

    # -- history, compare, preview ----------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        return admin_views.revisions(self, request, object_id)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # cacheable: the view sets its own Cache-Control, exactly "private, no-store".
            path(
                "<int:object_id>/preview/",
                view(self.preview_view, cacheable=True),
                name="briefs_brief_preview",
            ),
            path("<int:object_id>/compare/", view(self.compare_view), name="briefs_brief_compare"),
            path("<int:object_id>/names/", view(self.names_view), name="briefs_brief_names"),
            path(
                "<int:object_id>/restore/<int:history_id>/",
                view(self.restore_view),
                name="briefs_brief_restore",
            ),
        ] + super().get_urls()

    def preview_view(self, request, object_id):
        return admin_views.preview(self, request, object_id)

    def names_view(self, request, object_id):
        return admin_views.check_names(self, request, object_id)

    def compare_view(self, request, object_id):
        return admin_views.compare(self, request, object_id)

    def restore_view(self, request, object_id, history_id):
        return admin_views.restore(self, request, object_id, history_id)


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
    form = SiteSettingsForm
    list_display = ["__str__", "copyright", "data_licence"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if form.cleaned_data.get("apply_to_live"):
                done = footer.apply_to_live(obj)
                messages.info(request, f"The footer now reads so on {done} live briefs.")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
