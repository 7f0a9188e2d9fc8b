"""`manage.py load_demo`: the demo content of fixtures/demo.json, and local demo accounts."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefs import demo

ORDER = ["organisations", "relationships", "actors", "roles", "events", "briefs", "system user"]


class Command(BaseCommand):
    help = (
        "Load the demo content (organisations, actors and their roles, events, and a "
        "published brief) from fixtures/demo.json. Safe to run again: what is already "
        "there, matched by slug, is left as it is and nothing is duplicated. All or "
        "nothing: on an error nothing is written. "
        "The demo accounts analyst, editor and admin have known passwords, so they are "
        "created only when DEBUG is on (`make run` sets DJANGO_DEBUG=1) or with "
        "--accounts; otherwise the brief is written and published by the user "
        f"'{demo.SYSTEM_USERNAME}', which cannot log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Create the demo accounts even though DEBUG is off. Never on a server.",
        )
        parser.add_argument(
            "--file",
            type=Path,
            default=demo.FIXTURE,
            help="Read another file in the same format (default: fixtures/demo.json).",
        )

    def handle(self, *args, accounts=False, file=demo.FIXTURE, **options):
        with_accounts = accounts or settings.DEBUG
        try:
            report = demo.load(file, accounts=with_accounts)
        except demo.DemoError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc

        if report.created:
            line = "Demo content loaded: " + _counts(report.created)
            if report.found:
                line += f"; already there: {_counts(report.found)}"
            self.stdout.write(self.style.SUCCESS(line + "."))
        else:
            self.stdout.write(
                f"Demo content already there ({_counts(report.found)}); nothing changed."
            )
        for brief in report.published:
            self.stdout.write(f"Published “{brief.title}” at /briefs/{brief.slug}/")

        if report.accounts is None:
            self.stdout.write(
                "Demo accounts skipped: DEBUG is off, and accounts with known passwords "
                "must never reach a server. On your own machine use `make run`, or "
                "load_demo --accounts."
            )
            return
        self.stdout.write(f"\nLog in at {demo.LOGIN_URL} (demo accounts, local use only):")
        for account, created in report.accounts:
            note = "" if created else "  (already there: password left as it was)"
            self.stdout.write(
                f"  {account.username:<8} password {account.password:<13} {account.label:<10}{note}"
            )


def _counts(counter) -> str:
    parts = []
    for label in ORDER:
        n = counter.get(label, 0)
        if n:
            noun = label if n != 1 else label.rstrip("s")
            parts.append(f"{n} {noun}")
    return ", ".join(parts) or "nothing"
