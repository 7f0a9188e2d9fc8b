"""`manage.py import_brief FILE... [--title T] [--author USERNAME] [--dry-run] [--again]`

Turns plain-text archive briefs into draft briefs, one transaction and one revision
per file (see `briefs.importer` for the format and the rules).

- Without --title, the working title is the first sentence of "What happened?" with
  its leading date taken off, cut to 90 characters; a single line above the first
  heading is taken as the title instead. The brief's date is the first date written
  in that sentence, else a YYYY-MM-DD date in the file name, else today; the summary
  is that first sentence.
- Known organisations and people named in the text (name, abbreviation or alias)
  are linked, by the rules of `actors.matching` (the admin's and the public page's);
  ambiguous names (flagged so, or shared by several entries) are only reported.
  Events are linked when the text gives both their day and their place.
- A file whose text was imported before is skipped, with a line naming that brief,
  unless --again is given.
- A file that cannot be imported gets one line on stderr, "FILE: reason", and nothing
  is written for it; the other files are still imported and the exit status is 1.
- An unknown --author stops the whole call before any file is read: nothing is
  imported, because every file would otherwise be credited to the wrong person.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from actors.matching import registry_matcher
from briefs import importer
from briefs.importer import ImportFailed, Result


class Command(BaseCommand):
    help = (
        "Import plain-text archive briefs as drafts. Sections are found by their headings "
        "(What happened?, Background, Assessment); the disclaimer and copyright lines are "
        "dropped. Without --title the working title is the first sentence of "
        '"What happened?" without its leading date, cut to 90 characters (or a single '
        "title line above the first heading). A bad file is reported on stderr and "
        "skipped; the exit status is then 1. An unknown --author imports nothing. A text "
        "imported before is skipped unless --again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files.")
        parser.add_argument("--title", help="Title for every imported brief.")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Existing user to add as author; also recorded as who imported it.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; show what would be created."
        )
        parser.add_argument(
            "--again",
            action="store_true",
            help="Import a text even if it was imported before (a second draft).",
        )

    def handle(self, *args, files, title, author, dry_run, again, **options):
        title = (title or "").strip() or None
        if title and len(title) > importer.TITLE_MAX:
            raise CommandError(
                f"--title is longer than {importer.TITLE_MAX} characters; nothing imported."
            )
        user = None
        if author:
            User = get_user_model()
            try:
                user = User._default_manager.get_by_natural_key(author)
            except User.DoesNotExist:
                raise CommandError(
                    f'--author "{author}": no such user; none of the {len(files)} file(s) imported.'
                ) from None
        imported = failed = skipped = 0
        matcher = registry_matcher()  # the registry read once for all the files
        for name in files:
            try:
                result = importer.import_file(
                    Path(name),
                    by=user,
                    title=title,
                    dry_run=dry_run,
                    again=again,
                    matcher=matcher,
                )
            except ImportFailed as exc:
                self.stderr.write(f"{name}: {exc}")
                failed += 1
                continue
            if result.already is not None:
                skipped += 1
                self.stdout.write(
                    f"{name}: already imported as draft #{result.already.pk} "
                    f'"{result.already.title}"; skipped (--again imports it once more)'
                )
                continue
            imported += 1
            self.stdout.write(self._describe(name, result))
        verb = "Would import" if dry_run else "Imported"
        nothing = " Nothing was written (dry run)." if dry_run else ""
        already = f", skipped {skipped} imported before" if skipped else ""
        self.stdout.write(f"{verb} {imported}, failed {failed}{already}.{nothing}")
        if failed:
            raise SystemExit(1)

    def _describe(self, name: str, result: Result) -> str:
        parsed, mentions = result.parsed, result.mentions
        counts = ", ".join(
            [
                _count(len(parsed.sections), "section", "sections"),
                _count(len(mentions.organisations), "organisation", "organisations"),
                _count(len(mentions.actors), "person", "people"),
                _count(len(mentions.events), "event", "events"),
            ]
        )
        if result.brief is not None:
            line = f'{name}: draft #{result.brief.pk} "{parsed.title}" ({counts})'
            if mentions.ambiguous:
                line += "; ambiguous, not linked: " + ", ".join(mentions.ambiguous)
            return line
        lines = [f'{name}: would create draft "{parsed.title}" dated {parsed.date} ({counts})']
        lines += [f"  {s.heading}: {s.words} words" for s in parsed.sections]
        lines.append(
            "  organisations: " + (", ".join(o.name for o in mentions.organisations) or "none")
        )
        lines.append("  people: " + (", ".join(a.name for a in mentions.actors) or "none"))
        lines.append("  events: " + (", ".join(e.title for e in mentions.events) or "none"))
        if mentions.ambiguous:
            lines.append("  not linked, ambiguous: " + ", ".join(mentions.ambiguous))
        return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
