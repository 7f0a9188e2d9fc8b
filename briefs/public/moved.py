"""Old addresses: an entity's or an author's page, or feed, at a slug it had before.

Entities and authors keep every slug they ever had (`actors.slugs`, `keeps_old_slugs`):
a request for a page at an old slug answers 301 to the same page at the current one
(same URL name, same query), so links frozen into published briefs, feeds and other
sites keep reaching the entity they were made for. A page found at its slug costs
what it did; only an address that is not current pays for one more query.
"""

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from actors.slugs import former_holder


class Moved(Exception):
    """The row asked for by an old slug has another slug now."""

    def __init__(self, holder):
        self.holder = holder
        super().__init__(holder.slug)


def by_slug(queryset, slug: str):
    """The row of `queryset` at `slug`; raises `Moved` for an old slug, else Http404."""
    model = queryset.model
    try:
        return queryset.get(slug=slug)
    except model.DoesNotExist:
        holder = former_holder(model, slug)
        if holder is None:
            raise Http404(f"No such {model._meta.verbose_name}.") from None
        raise Moved(holder) from None


def follows_old_slugs(view):
    """Answer `Moved` from `view` with a 301 to the same page at the current slug."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Moved as moved:
            match = request.resolver_match
            url = reverse(match.view_name, args=args, kwargs={**kwargs, "slug": moved.holder.slug})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return wrapper
