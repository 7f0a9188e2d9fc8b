"""Demo content for local work: `fixtures/demo.json` turned into rows.

`load()` creates what the file describes and the database does not have yet, all in
one transaction. Rows are matched by slug (relationships by their two organisations
and kind, users by username). A row that is already there is left exactly as it is,
together with its roles, links and sources, so running again writes nothing, not
even history, and local edits to the demo content survive.

Everything goes through ordinary saves, so every row has its history. The demo brief
is saved as an analyst's edit (`briefs.publishing.editing`), then submitted and published
through `briefs.publishing.workflow`, so it has the revisions, transitions and live publication
of a real brief. The file's format is described in `fixtures/README.md`.

Accounts with known passwords are for local use only; the caller decides whether to
create them. Without them the brief is written and published by a system user that
cannot log in (no usable password, not staff).
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from actors.dates import Precision
from actors.matching import ACTOR, ORGANISATION, key, registry_matcher
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
from briefs import mentions
from briefs.models import Brief, BriefActor, BriefEvent, BriefOrganisation, Section, Source
from briefs.publishing import editing, workflow
from briefs.roles import ANALYSTS, EDITORS

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
REASON = "Demo content"
LOGIN_URL = "http://127.0.0.1:8000/admin/"


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    group: str | None  # None for the superuser
    first_name: str
    last_name: str

    @property
    def label(self) -> str:
        return self.group or "superuser"


ACCOUNTS = (
    Account("analyst", "analyst-demo", ANALYSTS, "Sana", "Qureshi"),
    Account("editor", "editor-demo", EDITORS, "Daniel", "Hartley"),
    Account("admin", "admin-demo", None, "Margaret", "Okafor"),
)
# Writes and publishes the demo brief when the accounts above are not created.
SYSTEM_USERNAME = "demo-content"


# The event's own fields a demo item may give, with their defaults.
EVENT_FIELDS = {
    "location": "",
    "admin2": "",
    "admin1": "",
    "country": "",
    "latitude": None,
    "longitude": None,
    "geo_precision": None,
    "event_type": "",
    "sub_event_type": "",
    "civilian_targeting": False,
    "killed_best": None,
    "killed_low": None,
    "killed_high": None,
    "killed_victims": None,
    "killed_perpetrators": None,
    "injured_best": None,
    "injured_low": None,
    "injured_high": None,
    "competing_claims": False,
    "attribution": "unknown",
}


class DemoError(Exception):
    """The demo file is unreadable or inconsistent, or the database is not ready."""


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    published: list[Brief] = field(default_factory=list)
    # (account, created now) for each demo account; None when accounts were skipped.
    accounts: list[tuple[Account, bool]] | None = None


@transaction.atomic
def load(path: Path = FIXTURE, *, accounts: bool) -> Report:
    """Create the demo content in `path` that is not there yet, and the demo accounts
    if `accounts`. One transaction: on any error nothing is written."""
    data = _read(path)
    report = Report()
    if accounts:
        report.accounts = [(account, _account(account)) for account in ACCOUNTS]
        users = get_user_model().objects
        author, publisher = users.get(username="analyst"), users.get(username="editor")
    else:
        author = publisher = _system_user(report)
    _Loader(data, report, author=author, publisher=publisher).run()
    return report


def _read(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DemoError(f"{path}: cannot read the file ({exc.strerror}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DemoError(f"{path}: not valid UTF-8 JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise DemoError(f"{path}: expected an object with lists of organisations, actors, …")
    return data


# -- accounts ------------------------------------------------------------------------


def _group(name: str) -> Group:
    try:
        return Group.objects.get(name=name)
    except Group.DoesNotExist as exc:
        raise DemoError(f"The group {name!r} is missing: run `manage.py migrate` first.") from exc


def _account(account: Account) -> bool:
    """Create the account unless a user of that name exists, which is left alone."""
    User = get_user_model()
    if User.objects.filter(username=account.username).exists():
        return False
    user = User(
        username=account.username,
        first_name=account.first_name,
        last_name=account.last_name,
        email=f"{account.username}@example.org",
        is_staff=True,
        is_superuser=account.group is None,
    )
    user.set_password(account.password)
    user.save()
    if account.group:
        user.groups.add(_group(account.group))
    return True


def _system_user(report: Report) -> AbstractBaseUser:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "TAP", "last_name": "Demo", "is_staff": False},
    )
    if created:
        user.set_unusable_password()
        user.save()
        # Editors may also do what analysts do: write, submit and publish a brief.
        user.groups.add(_group(EDITORS))
        report.created["system user"] += 1
    return user


# -- content -------------------------------------------------------------------------


class _Loader:
    def __init__(self, data: dict, report: Report, *, author, publisher):
        self.data, self.report = data, report
        self.author, self.publisher = author, publisher
        self.organisations: dict[str, Organisation] = {}
        self.actors: dict[str, Actor] = {}
        self.events: dict[str, Event] = {}

    def run(self) -> None:
        for item in self.data.get("organisations", []):
            self.organisation(item)
        for item in self.data.get("relationships", []):
            self.relationship(item)
        for item in self.data.get("actors", []):
            self.actor(item)
        for item in self.data.get("events", []):
            self.event(item)
        for item in self.data.get("briefs", []):
            self.brief(item)

    # Each method creates its row and what hangs off it, or notes that it was there.

    def organisation(self, item: dict) -> None:
        slug = _required(item, "slug", "organisation")
        where = f"organisation {slug!r}"
        found = Organisation.objects.filter(slug=slug).first()
        if found:
            self.organisations[slug] = found
            self.report.found["organisations"] += 1
            return
        org = Organisation(
            slug=slug,
            name=_required(item, "name", where),
            abbreviation=item.get("abbreviation", ""),
            kind=item.get("kind", Organisation.Kind.OTHER),
            country=item.get("country", ""),
            description=item.get("description", ""),
            parent=self._ref(self.organisations, item.get("parent"), where, "parent"),
        )
        org.founded, org.founded_precision = _fuzzy(item.get("founded"), where)
        org.dissolved, org.dissolved_precision = _fuzzy(item.get("dissolved"), where)
        self._save(org, where)
        self._aliases(item, where, organisation=org)
        self.organisations[slug] = org
        self.report.created["organisations"] += 1
        for listing in item.get("designations", []):
            designation = Designation(
                organisation=org,
                jurisdiction=_required(listing, "list", f"{where}, designation"),
                source_title=listing.get("source", ""),
                source_url=listing.get("source_url", ""),
            )
            designation.listed, designation.listed_precision = _fuzzy(listing.get("listed"), where)
            designation.delisted, designation.delisted_precision = _fuzzy(
                listing.get("delisted"), where
            )
            self._save(designation, where)

    def relationship(self, item: dict) -> None:
        where = f"relationship {item.get('subject')!r} → {item.get('other')!r}"
        subject = self._ref(self.organisations, _required(item, "subject", where), where)
        other = self._ref(self.organisations, _required(item, "other", where), where)
        kind = _required(item, "kind", where)
        if Relationship.objects.filter(subject=subject, other=other, kind=kind).exists():
            self.report.found["relationships"] += 1
            return
        rel = Relationship(
            subject=subject,
            other=other,
            kind=kind,
            source=item.get("source", ""),
            source_url=item.get("source_url", ""),
        )
        rel.start, rel.start_precision = _fuzzy(item.get("start"), where)
        rel.end, rel.end_precision = _fuzzy(item.get("end"), where)
        self._save(rel, where)
        self.report.created["relationships"] += 1

    def actor(self, item: dict) -> None:
        slug = _required(item, "slug", "actor")
        where = f"actor {slug!r}"
        found = Actor.objects.filter(slug=slug).first()
        if found:
            self.actors[slug] = found
            self.report.found["actors"] += 1
            return
        actor = Actor(
            slug=slug,
            name=_required(item, "name", where),
            nationality=item.get("nationality", ""),
            biography=item.get("biography", ""),
        )
        self._save(actor, where)
        self._aliases(item, where, actor=actor)
        self.actors[slug] = actor
        self.report.created["actors"] += 1
        for role_item in item.get("roles", []):
            role_where = f"{where}, role {role_item.get('title')!r}"
            role = Role(
                actor=actor,
                title=_required(role_item, "title", role_where),
                organisation=self._ref(
                    self.organisations, role_item.get("organisation"), role_where
                ),
                rank=_rank(role_item.get("rank"), role_where),
            )
            role.start, role.start_precision = _fuzzy(role_item.get("start"), role_where)
            role.end, role.end_precision = _fuzzy(role_item.get("end"), role_where)
            self._save(role, role_where)
            self.report.created["roles"] += 1

    def event(self, item: dict) -> None:
        slug = _required(item, "slug", "event")
        where = f"event {slug!r}"
        found = Event.objects.filter(slug=slug).first()
        if found:
            self.events[slug] = found
            self.report.found["events"] += 1
            return
        event = Event(
            slug=slug,
            title=_required(item, "title", where),
            summary=item.get("summary", ""),
            kind=item.get("kind", Event.Kind.OTHER),
            claim=item.get("claim", Event.Claim.UNKNOWN),
            # A figure left out or null in the file is not known, which is not zero.
            **{key: item.get(key, default) for key, default in EVENT_FIELDS.items()},
        )
        event.date, event.date_precision = _fuzzy(_required(item, "date", where), where)
        event.end_date, event.end_date_precision = _fuzzy(item.get("end_date"), where)
        self._save(event, where)
        event.tags.set(item.get("tags", []))
        self.events[slug] = event
        self.report.created["events"] += 1
        for order, party in enumerate(item.get("actors", [])):
            self._save(
                EventParty(
                    event=event,
                    side=party.get("side", EventParty.Side.ACTOR_1),
                    associated=party.get("associated", False),
                    organisation=self._ref(self.organisations, party.get("organisation"), where),
                    category=party.get("category", ""),
                    actor_type=party.get("actor_type"),
                    order=order,
                ),
                where,
            )
        for claim in item.get("claims", []):
            org = self._ref(self.organisations, claim.get("organisation"), where)
            self._save(EventClaim(event=event, organisation=org, mode=claim.get("mode", "")), where)
        for link in item.get("organisations", []):
            org = self._ref(self.organisations, link.get("organisation"), where)
            self._save(
                EventOrganisation(
                    event=event, organisation=org, part=link.get("part", "participant")
                ),
                where,
            )
        for link in item.get("participants", []):
            actor = self._ref(self.actors, link.get("actor"), where)
            self._save(EventActor(event=event, actor=actor, part=link.get("part", "")), where)
        for order, source in enumerate(item.get("sources", [])):
            self._save(
                EventSource(
                    event=event,
                    order=order,
                    scale=source.get("scale", ""),
                    **_source(source, where),
                ),
                where,
            )

    def brief(self, item: dict) -> None:
        slug = _required(item, "slug", "brief")
        where = f"brief {slug!r}"
        if Brief.objects.filter(slug=slug).exists():
            self.report.found["briefs"] += 1
            return
        for user, perm in [
            (self.author, "briefs.change_brief"),
            (self.publisher, "briefs.publish_brief"),
        ]:
            if not user.has_perm(perm):
                raise DemoError(
                    f"{where}: the user {user.get_username()!r} exists but lacks "
                    f"the permission {perm}; give it its group or rename it."
                )
        brief = Brief(
            slug=slug,
            title=_required(item, "title", where),
            summary=item.get("summary", ""),
            date=_day(_required(item, "date", where), where),
            countries=item.get("countries", []),
        )
        self._check(brief, where)
        # The revision is written by finish_edit, after the sections, sources and links.
        editing.begin_edit(brief, by=self.author)
        for order, section in enumerate(_required(item, "sections", where)):
            body = section.get("body", "")
            self._save(
                Section(
                    brief=brief,
                    order=order,
                    heading=_required(section, "heading", where),
                    body="\n\n".join(body) if isinstance(body, list) else body,
                ),
                where,
            )
        for order, source in enumerate(item.get("sources", [])):
            self._save(Source(brief=brief, order=order, **_source(source, where)), where)
        for slug_ in item.get("actors", []):
            self._save(BriefActor(brief=brief, actor=self._ref(self.actors, slug_, where)), where)
        for slug_ in item.get("organisations", []):
            org = self._ref(self.organisations, slug_, where)
            self._save(BriefOrganisation(brief=brief, organisation=org), where)
        for slug_ in item.get("events", []):
            self._save(BriefEvent(brief=brief, event=self._ref(self.events, slug_, where)), where)
        brief.authors.set([self.author])
        brief.tags.set(item.get("tags", []))
        brief.mention_choices = self._mention_choices(item, brief, where)
        editing.finish_edit(brief, by=self.author, reason=REASON)
        self.report.created["briefs"] += 1
        if item.get("publish", True):
            workflow.submit_for_review(brief, by=self.author, comment=REASON)
            workflow.publish(brief, by=self.publisher, comment=REASON)
            brief.refresh_from_db()
            self.report.published.append(brief)

    def _mention_choices(self, item: dict, brief: Brief, where: str) -> dict:
        """`mentions`: [{"name": "Taliban", "organisation": slug}] (or "actor": slug, or
        "organisation": null for "not a mention"): what every ambiguous mention of that
        name in the brief means, as an analyst would choose it in the admin."""
        if not item.get("mentions"):
            return {}
        found = mentions.find(
            mentions.flats(list(brief.sections.values_list("body", flat=True))),
            registry_matcher(),
        )
        choices = {}
        for entry in item["mentions"]:
            name = _required(entry, "name", f"{where}, mentions")
            if entry.get("actor"):
                value = mentions.ref_id((ACTOR, self._ref(self.actors, entry["actor"], where).pk))
            elif entry.get("organisation"):
                org = self._ref(self.organisations, entry["organisation"], where)
                value = mentions.ref_id((ORGANISATION, org.pk))
            else:
                value = mentions.NOT_A_MENTION
            choices |= {m.id: value for m in found if m.ambiguous and key(m.text) == key(name)}
        return choices

    # -- helpers used by the methods above

    def _check(self, obj: models.Model, where: str) -> None:
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise DemoError(f"{where}: {_messages(exc)}") from exc

    def _aliases(self, item: dict, where: str, **owner) -> None:
        """The entity's aliases: each a text, or an object of `Alias` fields."""
        for entry in item.get("aliases", []):
            fields = {"text": entry} if isinstance(entry, str) else dict(entry)
            alias_where = f"{where}, alias {fields.get('text')!r}"
            unknown = set(fields) - _ALIAS_FIELDS
            if unknown:
                raise DemoError(f"{alias_where}: unknown field(s) {', '.join(sorted(unknown))}.")
            for name in ("start", "end"):
                fields[name] = _day(fields.get(name), alias_where)
            self._save(Alias(**owner, **fields), alias_where)
            self.report.created["aliases"] += 1

    def _save(self, obj: models.Model, where: str) -> None:
        """Validate like a form would, then save with an author and a reason for history."""
        self._check(obj, where)
        obj._change_reason = REASON
        obj._history_user = self.author
        obj.save()

    @staticmethod
    def _ref(known: dict, slug: str | None, where: str, what: str = "reference"):
        if not slug:
            return None
        try:
            return known[slug]
        except KeyError:
            raise DemoError(
                f"{where}: {what} {slug!r} is not defined earlier in the file."
            ) from None


_ALIAS_FIELDS = {"text", "kind", "language", "script", "start", "end", "ambiguous"}


def _required(item: dict, key: str, where: str):
    value = item.get(key)
    if value in (None, "", []):
        raise DemoError(f"{where}: {key!r} is required.")
    return value


def _rank(value: str | None, where: str) -> int:
    """ "leader", "deputy", "senior" or "other" (the default)."""
    try:
        return Role.Rank[str(value or "other").upper()]
    except KeyError:
        raise DemoError(
            f"{where}: rank {value!r} is not leader, deputy, senior or other."
        ) from None


def _fuzzy(value: str | None, where: str) -> tuple[datetime.date | None, str]:
    """ "2023-02-17" is a day, "2023-02" a month, "2023" a year."""
    if not value:
        return None, Precision.DAY
    parts = str(value).split("-")
    precision = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}.get(len(parts))
    try:
        if precision is None:
            raise ValueError
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime.date(*numbers), precision
    except ValueError:
        raise DemoError(
            f"{where}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)."
        ) from None


def _day(value: str | None, where: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise DemoError(f"{where}: {value!r} is not a date (YYYY-MM-DD).") from None


def _source(item: dict, where: str) -> dict:
    return {
        "outlet": item.get("outlet", ""),
        "title": _required(item, "title", f"{where}, source"),
        "url": item.get("url", ""),
        "accessed": _day(item.get("accessed"), where),
    }


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)
