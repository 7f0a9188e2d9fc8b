"""Slugs that are unique and never change on their own once set.

A model with `keeps_old_slugs` (the entities, whose pages are public as soon as they
exist, and authors) keeps every slug a row ever had, from its history: an old
address redirects to the row's page (`former_holder`), and no other row may take it
(`validate_unique`, and `unique_slug` skips it). That is what keeps a published
brief's links right: they were frozen as addresses when it was approved, and an
address only ever leads to the entity it was given to.
"""

from django.core.exceptions import ValidationError
from django.db.models import Subquery
from django.utils.text import slugify


def unique_slug(instance, source: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug for `source` not yet used by another row of the instance's model (nor,
    where the model keeps old slugs, ever used by another row still there).

    Latin names give ASCII slugs; names in other scripts (Urdu, Pashto) keep their
    letters rather than becoming empty.
    """
    base = (slugify(source) or slugify(source, allow_unicode=True) or "item")[:max_length]
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    slug, n = base, 2
    while others.filter(**{field: slug}).exists() or former_holder(model, slug, not_pk=instance.pk):
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def former_holder(model, slug: str, *, not_pk=None):
    """The row of `model` that once had `slug` and is still there (the latest to have
    had it), if the model keeps old slugs; else None. One query, by the history's
    slug index."""
    if not getattr(model, "keeps_old_slugs", False):
        return None
    rows = model._default_manager
    history = model.history.filter(slug=slug, id__in=rows.values("pk"))
    if not_pk is not None:
        history = history.exclude(id=not_pk)
    latest = history.order_by("-history_date").values("id")[:1]
    return rows.filter(pk=Subquery(latest)).first()


class SluggedModel:
    """Fill in `slug` from `slug_source` when the row has none. Never changes a set slug."""

    slug_source = "name"
    # Whether every slug a row had stays its own (see the module's docstring).
    keeps_old_slugs = False

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        model = type(self)
        if (exclude and "slug" in exclude) or not self.slug or not model.keeps_old_slugs:
            return
        if self.pk and model._default_manager.filter(pk=self.pk, slug=self.slug).exists():
            return  # its own address as it stands
        holder = former_holder(model, self.slug, not_pk=self.pk)
        if holder is not None:
            raise ValidationError(
                {
                    "slug": (
                        f"“{self.slug}” was the address of {holder} and still leads there: "
                        "links to it in published briefs and elsewhere must keep reaching "
                        "it. Choose another slug."
                    )
                }
            )
