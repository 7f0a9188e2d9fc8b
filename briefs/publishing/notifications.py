"""The mails the workflow sends, through Django's mail framework.

| kind       | sent on                                    | to                                  |
|------------|--------------------------------------------|-------------------------------------|
| submitted  | submit_for_review                          | the named editor, or every editor   |
| returned   | return_to_draft (with the comment)         | the brief's authors                 |
| published  | publish (now)                              | the brief's authors                 |
| scheduled  | publish (later), reschedule, cancel        | the brief's authors                 |
| withdrawn  | withdraw                                   | the brief's authors                 |

Nobody is told of their own step, a user without an address gets nothing, and each
kind can be turned off on one's profile page (`MailPreferences`). The mails go out
once the transition's transaction has committed: a step that is undone sends nothing,
and a mail that cannot be sent is logged and never undoes or blocks the step.
The backend is configured by `DJANGO_EMAIL_URL` (tap_cms.settings).
"""

import datetime
import functools
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from briefs.models import Brief
from briefs.roles import editors

logger = logging.getLogger(__name__)

KINDS = ("submitted", "returned", "published", "scheduled", "withdrawn")

SUBJECTS = {
    "submitted": "Waiting for your review: {title}",
    "returned": "Returned to you: {title}",
    "published": "Published: {title}",
    "scheduled": "Scheduled: {title}",
    "withdrawn": "Withdrawn: {title}",
}


def local(moment: datetime.datetime) -> str:
    """A time as the desk shows it: in the site's time zone, with the zone."""
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M %Z}"


def after_commit(
    kind: str,
    brief: Brief,
    *,
    by,
    comment: str = "",
    go_live_at: datetime.datetime | None = None,
    subject: str = "",
) -> None:
    """Send the `kind` mail about `brief` once the current transaction commits."""
    assert kind in KINDS, kind
    transaction.on_commit(
        functools.partial(
            _send,
            kind,
            brief_pk=brief.pk,
            by_pk=by.pk,
            comment=comment,
            go_live_at=go_live_at,
            subject=subject,
        ),
        robust=True,
    )


def recipients(kind: str, brief: Brief, *, by_pk: int | None):
    """Who gets the `kind` mail about `brief`: active users with an address who
    have not turned that kind off, never the person who took the step."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if kind == "submitted":
        if brief.assigned_editor_id:
            users = users.filter(pk=brief.assigned_editor_id)
        else:
            users = editors(users)
    elif brief.authors.exists():
        users = users.filter(pk__in=brief.authors.values("pk"))
    else:  # a brief without authors: whoever wrote it
        users = users.filter(pk=brief.created_by_id)
    return (
        users.exclude(pk=by_pk)
        .exclude(**{f"mail_preferences__{kind}": False})
        .distinct()
        .order_by("pk")
    )


def _send(kind, *, brief_pk, by_pk, comment, go_live_at, subject) -> None:
    try:
        brief = Brief.objects.select_related("assigned_editor").get(pk=brief_pk)
        by = get_user_model().objects.filter(pk=by_pk).first()
        who = (by.get_full_name() or by.get_username()) if by else "Somebody"
        body = _body(kind, brief, who=who, comment=comment, go_live_at=go_live_at)
        title = subject or SUBJECTS[kind].format(title=brief.title)
        messages = [
            EmailMessage(f"[TAP CMS] {title}", body, to=[user.email])
            for user in recipients(kind, brief, by_pk=by_pk)
        ]
        if messages:
            get_connection().send_messages(messages)
    except Exception:  # a mail server's failure of any kind: the step stands
        logger.exception("The %s mail about brief %s was not sent", kind, brief_pk)


def _body(kind, brief: Brief, *, who: str, comment: str, go_live_at) -> str:
    lines = {
        "submitted": f"{who} submitted “{brief.title}” for review.",
        "returned": f"{who} returned “{brief.title}” to draft.",
        "published": f"{who} published “{brief.title}”: it is on the public site now.",
        "scheduled": f"{who} scheduled “{brief.title}”.",
        "withdrawn": f"{who} withdrew “{brief.title}” from the public site.",
    }
    parts = [lines[kind]]
    if go_live_at is not None:
        parts.append(f"It goes live on {local(go_live_at)}.")
    if comment:
        parts.append(f"Comment:\n\n{comment}")
    url = settings.SITE_URL.rstrip("/") + reverse("admin:briefs_brief_change", args=[brief.pk])
    parts.append(f"The brief on the desk: {url}")
    parts.append("You can turn these mails off on your profile page in the desk.")
    return "\n\n".join(parts)
