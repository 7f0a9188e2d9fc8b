"""`manage.py recount_live`: rebuild the live counts from the publications."""

from django.core.management.base import BaseCommand

from briefs.publishing import counts


class Command(BaseCommand):
    help = (
        "Rebuild the counts of live briefs per tag, organisation, person, event, author, "
        "country and year (briefs.publishing.counts) from the publications, in one "
        "transaction. The workflow keeps them as it goes; run this after loading "
        "publications by SQL, or if a count is ever doubted."
    )

    def handle(self, *args, **options):
        rows = counts.recount_all()
        self.stdout.write(f"Rebuilt {rows} live counts.")
