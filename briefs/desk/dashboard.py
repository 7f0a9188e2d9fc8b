"""The desk's home page: what is waiting for each person, and the lists behind it.

Analysts (and everybody who writes) see their drafts, the drafts an editor returned
to them with the editor's comment, and their briefs in review. Editors also see the
review queue (oldest first), the scheduled publications (with reschedule and
cancel), what went live recently, and the live briefs whose facts were revised.

Each list shows at most `ROWS` rows (one more is read to know whether there are
more) and links to the brief list filtered the same way (`QUEUES`, used by the
list's "queue" filter): the page costs the same with 100,000 briefs as with ten.
Every list is found from an index: the status index (drafts and briefs in review are
few beside the live archive), `brief_review_queue`, the publications' `go_live_at`.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from briefs.desk.forms import RescheduleForm
from briefs.models import Brief, Publication, RevisedFact, Transition
from briefs.publishing import scheduling, workflow

ROWS = 10
Status = Brief.Status


def mine(user) -> Q:
    """The briefs `user` wrote or is an author of. Asked of each brief the status index
    finds (one probe of the authors' unique index each), not by listing the person's
    briefs: an analyst may have written 25,000 of the archive's. Not a join on authors
    either, which would list a brief once per author."""
    authored = Brief.authors.through.objects.filter(brief_id=OuterRef("pk"), user=user)
    return Q(created_by=user) | Q(Exists(authored))


def _last_step() -> QuerySet:
    return Transition.objects.filter(brief=OuterRef("pk")).order_by("-at", "-pk")


def _with_last_step(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(last_from=Subquery(_last_step().values("from_status")[:1]))


# The brief list's "queue" filter: name -> (label, the briefs, who may use it).
def _my_drafts(qs, user):
    return qs.filter(mine(user), status=Status.DRAFT)


def _returned_to_me(qs, user):
    """My drafts whose last step was an editor's return."""
    return _with_last_step(_my_drafts(qs, user)).filter(last_from=Status.REVIEW)


def _my_reviews(qs, user):
    return qs.filter(mine(user), status=Status.REVIEW)


def _waiting(qs, user):
    return qs.filter(status=Status.REVIEW)


def _assigned(qs, user):
    return qs.filter(status=Status.REVIEW, assigned_editor=user)


def _scheduled(qs, user):
    return qs.filter(pk__in=Publication.objects.current().scheduled().values("brief_id"))


QUEUES = {
    "mine": ("My drafts", _my_drafts, None),
    "returned": ("Returned to me", _returned_to_me, None),
    "my_review": ("My briefs in review", _my_reviews, None),
    "review": ("Waiting for review", _waiting, "briefs.review_brief"),
    "assigned": ("Assigned to me", _assigned, "briefs.review_brief"),
    "scheduled": ("Scheduled", _scheduled, None),
}


def queues_for(user) -> list[tuple[str, str]]:
    """The queue filter's choices for `user`."""
    return [
        (name, label)
        for name, (label, _, perm) in QUEUES.items()
        if not perm or user.has_perm(perm)
    ]


def in_queue(queryset: QuerySet, name: str, user) -> QuerySet:
    """The briefs of `queryset` in the queue `name` (unknown names: all of them)."""
    if name not in QUEUES:
        return queryset
    _, briefs, perm = QUEUES[name]
    if perm and not user.has_perm(perm):
        return queryset.none()
    return briefs(queryset, user)


def revised_facts_for(user) -> list:
    """Facts of current (live or scheduled) briefs that the registry corrected since
    they were approved (`briefs.publishing.facts`), newest correction first: the
    editor decides whether the text needs a correction."""
    return list(
        RevisedFact.objects.current()
        .select_related("publication", "event", "actor")
        .order_by("-revised_at", "-pk")[:ROWS]
    )


@dataclass
class Panel:
    key: str
    title: str
    rows: list
    more_url: str = ""
    empty: str = "Nothing here."
    extra: dict = field(default_factory=dict)


def _bounded(queryset) -> tuple[list, bool]:
    rows = list(queryset[: ROWS + 1])
    return rows[:ROWS], len(rows) > ROWS


def _changelist(query: str) -> str:
    return f"{reverse('admin:briefs_brief_changelist')}?{query}"


def _panel(key, title, queryset, query, empty) -> Panel:
    rows, more = _bounded(queryset)
    return Panel(key, title, rows, _changelist(query) if more else "", empty)


def panels_for(user, *, now: datetime.datetime | None = None) -> list[Panel]:
    """The desk's lists for `user`, in the order the page shows them."""
    now = now or timezone.now()
    panels = []
    editor = user.has_perm("briefs.publish_brief")
    if editor:
        panels += _editor_panels(user, now)
    if user.has_perm("briefs.change_brief"):
        # An editor's own drafts, when there are any; an analyst sees the empty lists too.
        panels += [p for p in _writer_panels(user) if p.rows or not editor]
    return panels


def _writer_panels(user) -> list[Panel]:
    briefs = Brief.objects.only(
        "pk", "title", "updated_at", "status", "submitted_at", "assigned_editor"
    )
    step = _last_step().values(
        json=JSONObject(
            comment="comment",
            at="at",
            first_name="by__first_name",
            last_name="by__last_name",
            username="by__username",
        )
    )[:1]
    returned = _returned_to_me(briefs, user).annotate(step=Subquery(step))
    returned_rows, more = _bounded(returned.order_by("-updated_at", "-pk"))
    for brief in returned_rows:
        brief.step["at"] = datetime.datetime.fromisoformat(brief.step["at"])
        brief.step["by"] = (
            f"{brief.step['first_name']} {brief.step['last_name']}".strip()
            or brief.step["username"]
            or "a former member of staff"  # the account was deleted since
        )
    # A draft never moved has no last step (NULL, which a plain exclude would drop).
    drafts = _with_last_step(_my_drafts(briefs, user)).filter(
        Q(last_from__isnull=True) | ~Q(last_from=Status.REVIEW)
    )
    return [
        Panel(
            "returned",
            "Returned to me",
            returned_rows,
            _changelist("queue=returned") if more else "",
            "No brief of yours is waiting for changes.",
        ),
        _panel(
            "drafts",
            "My drafts",
            drafts.order_by("-updated_at", "-pk"),
            "queue=mine",
            "You have no drafts.",
        ),
        _panel(
            "in_review",
            "My briefs in review",
            _my_reviews(briefs, user)
            .select_related("assigned_editor")
            .order_by("submitted_at", "pk"),
            "queue=my_review",
            "None of your briefs is in review.",
        ),
    ]


def _editor_panels(user, now) -> list[Panel]:
    waiting = (
        Brief.objects.filter(status=Status.REVIEW)
        .only("pk", "title", "submitted_at", "assigned_editor")
        .select_related("assigned_editor")
        .order_by("submitted_at", "pk")
    )
    scheduled = (
        Publication.objects.current()
        .scheduled(now)
        .only("pk", "brief_id", "title", "go_live_at", "first_published_at", "published_by")
        .select_related("published_by")
        .order_by("go_live_at", "pk")
    )
    recent = (
        Publication.objects.live(now)
        .only("pk", "brief_id", "title", "slug", "go_live_at", "first_published_at", "published_by")
        .select_related("published_by")
        .order_by("-go_live_at", "-pk")
    )
    scheduled_panel = _panel(
        "scheduled",
        "Scheduled",
        scheduled,
        "queue=scheduled",
        "Nothing is scheduled.",
    )
    for publication in scheduled_panel.rows:
        publication.reschedule_form = RescheduleForm(
            initial={"go_live_at": timezone.localtime(publication.go_live_at)},
            auto_id=f"id_reschedule_{publication.pk}_%s",
        )
    return [
        _panel(
            "waiting",
            "Waiting for review",
            waiting,
            "queue=review",
            "No brief is waiting for review.",
        ),
        scheduled_panel,
        _panel(
            "recent",
            "Recently published",
            recent,
            "status__exact=published",
            "Nothing was published yet.",
        ),
        Panel(
            "revised_facts",
            "Live briefs with revised facts",
            revised_facts_for(user),
            reverse("admin:briefs_revisedfact_changelist"),
            "No live brief has facts revised since it was published.",
        ),
    ]


# -- the scheduled list's two buttons ------------------------------------------------


@require_POST
def reschedule(request, pk):
    brief = get_object_or_404(Brief, pk=pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, f"“{brief.title}”: {' '.join(errors)}")
        return redirect("admin:index")
    return _step(
        request,
        brief,
        lambda: scheduling.reschedule(
            brief,
            by=request.user,
            at=form.cleaned_data["go_live_at"],
            comment=form.cleaned_data["comment"],
        ),
        "rescheduled",
    )


@require_POST
def cancel_schedule(request, pk):
    brief = get_object_or_404(Brief, pk=pk)
    return _step(
        request,
        brief,
        lambda: scheduling.cancel_schedule(brief, by=request.user),
        "scheduled publication cancelled",
    )


def _step(request, brief, step, done: str):
    try:
        step()
    except workflow.TransitionNotAllowed as refusal:
        messages.error(request, f"“{brief.title}”: {refusal}")
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"“{brief.title}”: {done}.")
    return redirect("admin:index")
