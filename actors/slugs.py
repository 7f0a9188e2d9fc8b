"""Slugs that are unique and never change on their own once set."""

from django.utils.text import slugify


def unique_slug(instance, source: str, *, field: str = "slug", max_length: int = 80) -> str:
    """A slug for `source` not yet used by another row of the instance's model.

    Latin names give ASCII slugs; names in other scripts (Urdu, Pashto) keep their
    letters rather than becoming empty.
    """
    base = (slugify(source) or slugify(source, allow_unicode=True) or "item")[:max_length]
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    slug, n = base, 2
    while others.filter(**{field: slug}).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


class SluggedModel:
    """Fill in `slug` from `slug_source` when the row has none. Never changes a set slug."""

    slug_source = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)
