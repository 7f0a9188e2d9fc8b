"""Content for the proxy tests, made the real way: factories, then the workflow."""

import re
import secrets
from dataclasses import dataclass

from django.urls import reverse

from briefs.models import BriefOrganisation, Publication

# The one place the tests name the workflow's module.
from briefs.publishing import erasure, workflow
from tests import factories


def publish(brief, *, by, at=None) -> Publication:
    """Submit for review and publish, as an editor does."""
    workflow.submit_for_review(brief, by=by)
    return workflow.publish(brief, by=by, at=at)


def withdraw(brief, *, by):
    """Taken down: its address answers 404, like an unknown brief's."""
    return workflow.withdraw(brief, by=by, comment="Withdrawn in a proxy test", mode="takedown")


def erase(brief):
    """A superuser's erasure: a published brief cannot be deleted otherwise."""
    site_admin = factories.UserFactory(username="proxy-site-admin", is_superuser=True)
    return erasure.erase(brief, by=site_admin, reason="Erased in a proxy test")


@dataclass
class World:
    """An editor, an author, an organisation and a tag, and one live brief on them
    (so that the tag, author and organisation pages exist)."""

    uid: str
    editor: object
    author: object
    organisation: object
    tag: str
    anchor: object
    author_page: str = ""  # found on the anchor's page: see find_author_page

    def brief(self, title: str, **fields):
        """A draft brief by the author, on the organisation and the tag."""
        brief = factories.BriefFactory(title=title, **fields)
        factories.SectionFactory(brief=brief, heading="What happened?", body="Officials met.")
        factories.SourceFactory(brief=brief)
        BriefOrganisation.objects.create(brief=brief, organisation=self.organisation)
        brief.authors.set([self.author])
        brief.tags.set([self.tag])
        return brief

    def pages(self) -> dict[str, str]:
        """Every public page that lists or shows the world's briefs."""
        return {
            "home": "/",
            "list": "/briefs/",
            "tag": reverse("briefs:tag", kwargs={"slug": self.tag}),
            "author": self.author_page,
            "organisation": self.organisation.get_absolute_url(),
            "feed": reverse("briefs:feed"),
            "sitemap": reverse("briefs:sitemap"),
            "sitemap of briefs": reverse("briefs:sitemap_part", kwargs={"section": "briefs"}),
            "anchor": brief_url(self.anchor),
        }


def brief_url(brief) -> str:
    return reverse("briefs:detail", kwargs={"slug": brief.slug})


def make_world() -> World:
    uid = secrets.token_hex(4)
    editor = factories.editor(username=f"editor{uid}")
    author = factories.analyst(username=f"author{uid}", first_name="Ada", last_name=f"Lovell{uid}")
    organisation = factories.OrganisationFactory(name=f"Organisation{uid}")
    world = World(uid, editor, author, organisation, f"tag{uid}", anchor=None)
    world.anchor = world.brief(f"Anchor{uid}")
    publish(world.anchor, by=editor)
    return world


def find_author_page(brief_page: str, author) -> str:
    """The address of `author`'s page, as the brief page links it."""
    for path, text in re.findall(r'<a[^>]+href="(/authors/[^"]+/)"[^>]*>([^<]*)<', brief_page):
        if author.last_name in text:
            return path
    raise AssertionError(f"the brief page links no page of {author.get_full_name()}")
