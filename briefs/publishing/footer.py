"""The disclaimer and copyright a publication goes out with.

Each publication keeps the footer of the site settings at the moment it was made
(`snapshot.take` copies it), so a changed disclaimer reaches the briefs published
after the change. A site admin who wants it on every live brief as well says so
when saving the settings; `apply_to_live` then rewrites the current publications'
footer in one statement (their articles are unchanged: the footer is outside them).
"""

from django.db import transaction
from django.utils import timezone

from briefs.models import Publication, SiteSettings


@transaction.atomic
def apply_to_live(site: SiteSettings) -> int:
    """Give every live or scheduled publication the footer of `site`; how many."""
    return Publication.objects.current().update(
        disclaimer=site.disclaimer, copyright=site.copyright, changed_at=timezone.now()
    )
