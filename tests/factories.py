"""Factories that fill in every required field, so a test names only what it depends on."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from actors.models import Actor, Alias, Event, EventSource, Organisation, Relationship, Role
from briefs.models import Author, Brief, Section, Source
from briefs.publishing import editing
from briefs.roles import ANALYSTS, EDITORS


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("pw-for-tests-only")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
            self.save()


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Author {n}")


def analyst(**kwargs):
    return UserFactory(groups=[ANALYSTS], **kwargs)


def editor(**kwargs):
    return UserFactory(groups=[EDITORS], **kwargs)


def _aliases(field: str):
    """`aliases=[...]`: texts, or dicts of Alias fields, saved as the entity's Alias rows."""

    def create(self, create, extracted, **kwargs):
        for item in extracted or []:
            fields = item if isinstance(item, dict) else {"text": item}
            Alias.objects.create(**{field: self}, **fields)

    return factory.post_generation(create)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.MILITANT_GROUP
    aliases = _aliases("organisation")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n}")
    aliases = _aliases("actor")


class AliasFactory(DjangoModelFactory):
    class Meta:
        model = Alias

    organisation = factory.SubFactory(OrganisationFactory)
    text = factory.Sequence(lambda n: f"Alias {n}")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    actor = factory.SubFactory(ActorFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Spokesperson"
    start = datetime.date(2020, 1, 1)


class RelationshipFactory(DjangoModelFactory):
    class Meta:
        model = Relationship

    subject = factory.SubFactory(OrganisationFactory)
    other = factory.SubFactory(OrganisationFactory)
    kind = Relationship.Kind.ALLY


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Incident {n}")
    date = datetime.date(2023, 2, 17)
    kind = Event.Kind.ATTACK
    location = "Karachi"
    country = "PK"


class EventSourceFactory(DjangoModelFactory):
    class Meta:
        model = EventSource

    event = factory.SubFactory(EventFactory)
    outlet = "Daily Report"
    title = factory.Sequence(lambda n: f"Report {n}")


class BriefFactory(DjangoModelFactory):
    class Meta:
        model = Brief

    title = factory.Sequence(lambda n: f"Brief {n}")
    summary = "A short account of what happened and why it matters."
    date = datetime.date(2023, 2, 22)


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    brief = factory.SubFactory(BriefFactory)
    heading = "What happened?"
    body = "Officials met in the capital."
    order = factory.Sequence(lambda n: n)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    brief = factory.SubFactory(BriefFactory)
    outlet = "The Daily"
    title = factory.Sequence(lambda n: f"Report {n}")
    url = "https://example.org/report"


def edit_working_copy(brief, *, by=None, body=None, **fields):
    """Change the working copy as the admin does: one new version, one revision.

    `fields` are set on the brief; `body` replaces the first section's text.
    """
    for name, value in fields.items():
        setattr(brief, name, value)
    editing.begin_edit(brief, by=by)
    if body is not None:
        section = brief.sections.first()
        section.body = body
        section.save()
    editing.finish_edit(brief, by=by, reason="Edited in a test")
    brief.refresh_from_db()
    return brief
