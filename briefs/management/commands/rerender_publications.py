"""`manage.py rerender_publications`: store the articles again after a deploy."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from briefs.models import Publication
from briefs.publishing import article


class Command(BaseCommand):
    help = (
        "Render again the stored article of every live or scheduled publication that "
        "was rendered by other templates or code, or for another SITE_URL or "
        "SITE_NAME. Run it after each deploy, with the site's own environment: until "
        "then, the brief pages still show the current markup, but render the article on "
        "every request that reaches the application. All or nothing."
    )

    def handle(self, *args, **options):
        current = article.fingerprint()
        now = timezone.now()
        with transaction.atomic():
            stale = (
                Publication.objects.select_for_update()
                .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))  # current, or still live
                .exclude(article_fingerprint=current)
                .order_by("pk")
                .iterator(chunk_size=500)
            )
            count = 0
            for publication in stale:
                article.freeze(publication)
                publication.save(
                    update_fields=[
                        "article_head",
                        "article_html",
                        "article_fingerprint",
                        "changed_at",
                    ]
                )
                count += 1
        if count:
            self.stdout.write(f"Rendered the article of {count} publication(s) again.")
        else:
            self.stdout.write("Every stored article is current: nothing to do.")
