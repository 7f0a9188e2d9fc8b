"""A member of staff changes how readers see them: their public name and address.

A publication is never edited, except here: its byline is the author's identity,
not the brief's text, so when an author renames themselves every current
publication they wrote shows the new name and links to the new address (its
stored article, the JSON-LD in it and its card are rendered again), in the same
transaction as the change. The old address keeps working: `/authors/<old slug>/`
redirects, found in the author's history.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from briefs.models import Author, Publication
from briefs.publishing import article


@transaction.atomic
def rename(author: Author, *, display_name: str, slug: str, by: AbstractBaseUser) -> Author:
    """Give `author` a new public name and slug. The author themselves, or a user
    who may change users; the caller has validated both values."""
    author = Author.objects.select_for_update().get(pk=author.pk)
    author.display_name, author.slug = display_name, slug
    author._change_reason = "Public name changed"
    author._history_user = by
    author.save()
    byline = {"name": author.display_name, "slug": author.slug, "url": author.get_absolute_url()}
    # A byline names the author by the slug they had when the brief was approved.
    slugs = set(Author.history.filter(id=author.pk).values_list("slug", flat=True))
    publications = Publication.objects.current().filter(authors=author.user_id).defer("search")
    for publication in publications.select_for_update():
        publication.content["authors"] = [
            byline if entry.get("slug") in slugs else entry
            for entry in publication.content.get("authors", [])
        ]
        publication.card = {**publication.card, "authors": publication.content["authors"]}
        article.freeze(publication)
        publication.save(
            update_fields=["content", "card", "article_head", "article_html", "article_fingerprint"]
        )
    return author
