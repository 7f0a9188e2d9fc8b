"""The brief's workflow panel, history, compare, restore and preview in the admin.

Each view checks the same permission as the brief's own admin page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Event, Organisation
from briefs import mentions
from briefs.desk import names
from briefs.desk.diff import compare_rows
from briefs.desk.forms import PanelTransitionForm
from briefs.models import Brief
from briefs.publishing import corrections, editing, snapshot, warnings, workflow


def _brief(model_admin, request, object_id, *, change: bool = False) -> Brief:
    brief = model_admin.get_object(request, str(object_id))
    if brief is None:
        raise Http404("No such brief.")
    allowed = (
        model_admin.has_change_permission(request, brief)
        if change
        else model_admin.has_view_or_change_permission(request, brief)
    )
    if not allowed:
        raise PermissionDenied
    return brief


def workflow_panel(request, brief: Brief) -> dict:
    """What the brief's page shows above the form: state, buttons, log."""
    publication = workflow.current_publication(brief)
    scheduled = publication is not None and publication.go_live_at > timezone.now()
    never_live = brief.first_published_at is None or brief.first_published_at > timezone.now()
    actions = workflow.available(brief, request.user)
    return {
        # A publication waiting for its time, with nothing live before it, is not "Published".
        "state_label": "Scheduled"
        if scheduled and never_live and brief.status == Brief.Status.PUBLISHED
        else brief.get_status_display(),
        "workflow_actions": [(name, workflow.LABELS[name]) for name in actions],
        "publish_warnings": warnings.before_publishing(brief) if "publish" in actions else [],
        "transition_form": PanelTransitionForm.of(request),
        "transitions": brief.transitions.select_related("by")[:50],
        "current_publication": publication,
        # The registry's corrections since it was approved (briefs.publishing.facts).
        "revised_facts": (
            list(publication.revised_facts.select_related("event", "actor")) if publication else []
        ),
        "scheduled": scheduled,
        "has_unpublished_changes": workflow.has_unpublished_changes(brief),
        # A re-publish of a brief readers have seen: update, correction or minor.
        "publish_changes": corrections.CHANGES.items() if corrections.ever_shown(brief) else None,
        "withdrawals": corrections.WITHDRAWALS.items(),
    }


def names_panel(brief: Brief) -> dict:
    """The panel "Names in the text" of the saved brief, and where to check again."""
    return {
        "names": names.for_brief(brief),
        "names_check_url": reverse("admin:briefs_brief_names", args=[brief.pk]),
    }


def check_names(model_admin, request, object_id):
    """The panel for the text in the form (POST), as an HTML fragment. Saves nothing."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    brief = _brief(model_admin, request, object_id, change=True)
    return TemplateResponse(
        request,
        "admin/briefs/brief/names_panel.html",
        {
            "names": names.for_form(brief, request.POST),
            "names_check_url": reverse("admin:briefs_brief_names", args=[brief.pk]),
        },
    )


def _label(record) -> str:
    who = record.history_user.get_username() if record.history_user else "system"
    return f"{timezone.localtime(record.history_date):%d/%m/%Y %H:%M:%S %Z} by {who}"


# Revisions on one history page; the page also reads the revision before its last,
# to say what that one changed.
REVISIONS_PER_PAGE = 50


def revisions(model_admin, request, object_id):
    """The brief's history, newest first and a page at a time: every revision with who,
    when, why and what changed. A fixed number of queries whatever the page's size."""
    brief = _brief(model_admin, request, object_id)
    history = brief.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = Paginator(history, REVISIONS_PER_PAGE, allow_empty_first_page=True).get_page(
        request.GET.get("page")
    )
    start = page.start_index() - 1 if page.paginator.count else 0
    # This page's revisions and the one before the last of them, in one query.
    records = list(history[start : start + REVISIONS_PER_PAGE + 1])
    revs = editing.revisions(brief, records)
    names = _linked_names(revs)
    texts = [_flatten(rev, names) for rev in revs]
    entries = []
    total = page.paginator.count
    for index, record in enumerate(records[:REVISIONS_PER_PAGE]):
        older = texts[index + 1] if index + 1 < len(records) else None
        changes = (
            ["created"]
            if older is None
            else [
                key
                for key in dict.fromkeys([*older, *texts[index]])
                if older.get(key) != texts[index].get(key)
            ]
        )
        entries.append(
            {
                "record": record,
                "number": total - start - index,
                "changes": changes,
                "latest": start + index == 0,
            }
        )
    return TemplateResponse(
        request,
        "admin/briefs/brief/revisions.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Brief._meta,
            "original": brief,
            "title": f"History of “{brief.title}”",
            "entries": entries,
            "page": page,
            "can_restore": model_admin.has_change_permission(request, brief),
        },
    )


def _linked_names(revisions: list[editing.Revision]) -> dict[str, list[tuple[int, str]]]:
    """The names of every author, person, organisation and event any of the revisions
    names or links, in order: four queries for a whole history, not four a revision."""

    def ids(attribute: str) -> set[int]:
        return set().union(*(getattr(rev, attribute) for rev in revisions))

    users = get_user_model().objects.filter(pk__in=ids("author_ids")).select_related("author")
    return {
        "Authors": sorted(((u.pk, _author_name(u)) for u in users), key=lambda a: a[1]),
        "People": list(Actor.objects.filter(pk__in=ids("actor_ids")).values_list("pk", "name")),
        "Organisations": list(
            Organisation.objects.filter(pk__in=ids("organisation_ids")).values_list("pk", "name")
        ),
        "Events": list(Event.objects.filter(pk__in=ids("event_ids")).values_list("pk", "title")),
    }


def _author_name(user) -> str:
    """How the desk names an author: their public name, else their full or login name."""
    author = getattr(user, "author", None)
    return (author.display_name if author else "") or user.get_full_name() or user.get_username()


def _flatten(rev: editing.Revision, names: dict[str, list[tuple[int, str]]]) -> dict[str, str]:
    """A revision as labelled texts, so that two revisions compare key by key."""
    record = rev.record
    texts = {
        "Title": record.title,
        "Slug": record.slug,
        "Summary": record.summary,
        "Date": record.date.isoformat() if record.date else "",
        "Authors": _names(names["Authors"], rev.author_ids),
        "Cover": f"{record.cover} — {record.cover_alt} — {record.cover_credit}".strip(" —"),
        "Countries": ", ".join(str(c) for c in record.countries) if record.countries else "",
        "State": record.get_status_display(),
    }
    for section in rev.sections:
        texts[f"Section: {section.heading}"] = section.body
    texts["Sources"] = "\n".join(str(s) + (f" <{s.url}>" if s.url else "") for s in rev.sources)
    linked = {
        "People": rev.actor_ids,
        "Organisations": rev.organisation_ids,
        "Events": rev.event_ids,
    }
    for label, chosen in linked.items():
        texts[label] = _names(names[label], chosen)
    texts["Ambiguous names"] = _choices_text(record.mention_choices or {}, names)
    return texts


def _names(names: list[tuple[int, str]], chosen: set[int]) -> str:
    return ", ".join(name for pk, name in names if pk in chosen)


def _choices_text(choices: dict, names: dict[str, list[tuple[int, str]]]) -> str:
    """The analyst's choices for ambiguous mentions, one line each."""
    known = {("organisation", pk): n for pk, n in names["Organisations"]}
    known |= {("actor", pk): n for pk, n in names["People"]}
    lines = []
    for mention_id, value in sorted(choices.items()):
        name, before, after = ([*mention_id.split("|"), "", ""])[:3]
        ref = mentions.parse_ref(value)
        label = "not a mention" if ref is None else known.get(ref, f"{ref[0]} #{ref[1]}")
        lines.append(f"“{name}” (…{before} · {after.split('#')[0]}…): {label}")
    return "\n".join(lines)


def compare(model_admin, request, object_id):
    """Two revisions side by side, with word-level differences."""
    brief = _brief(model_admin, request, object_id)
    # By default the latest revision and the one before it (or itself, if it is the first).
    latest = list(brief.history.order_by("-history_date", "-history_id")[:2])
    try:
        a = int(request.GET.get("a") or latest[-1].history_id)
        b = int(request.GET.get("b") or latest[0].history_id)
    except (IndexError, ValueError) as exc:
        raise Http404("Choose two revisions to compare.") from exc
    try:
        old, new = editing.revision(brief, a), editing.revision(brief, b)
    except brief.history.model.DoesNotExist as exc:
        raise Http404("No such revision of this brief.") from exc
    if old.when > new.when:
        old, new = new, old
    names = _linked_names([old, new])
    return TemplateResponse(
        request,
        "admin/briefs/brief/compare.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Brief._meta,
            "original": brief,
            "title": f"Compare revisions of “{brief.title}”",
            "old": old,
            "new": new,
            "old_label": _label(old.record),
            "new_label": _label(new.record),
            "rows": compare_rows(_flatten(old, names), _flatten(new, names)),
            "can_restore": model_admin.has_change_permission(request, brief),
        },
    )


def restore(model_admin, request, object_id, history_id):
    """Make an old revision the working copy again (POST). Never changes the state."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    brief = _brief(model_admin, request, object_id, change=True)
    try:
        missing = editing.missing_links(editing.revision(brief, history_id))
        editing.restore_revision(brief, history_id, by=request.user)
    except brief.history.model.DoesNotExist as exc:
        raise Http404("No such revision of this brief.") from exc
    if missing:
        messages.warning(
            request, "Left out, because they were deleted since: " + ", ".join(missing) + "."
        )
    messages.success(
        request,
        "The revision is now the working copy. Readers still see the published version "
        "until an editor publishes again."
        if workflow.current_publication(brief)
        else "The revision is now the working copy.",
    )
    return redirect(reverse("admin:briefs_brief_change", args=[brief.pk]))


def preview(model_admin, request, object_id):
    """The working copy exactly as readers will see it. Staff only, never cached."""
    from briefs.public.views import render_brief

    brief = _brief(model_admin, request, object_id)
    response = render_brief(request, snapshot.take(brief).publication, preview=True)
    # Exactly this, whatever the page renderer added (a max-age of 0 and the like).
    response["Cache-Control"] = "private, no-store"
    return response
