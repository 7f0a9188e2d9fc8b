"""Aliases become rows: text, kind, language, script, dates, an ambiguous flag.

Each organisation's and person's comma-separated alias list is copied into `Alias`
rows in its order, every text as it was (only exact repeats within one list are
kept once), each with a history row saying where it came from. The script is filled
in where the text shows it (Latin or Arabic letters only), the kind where the alias
is written in capitals (an abbreviation); nothing else is guessed. Going back writes
the rows' texts back into the lists.
"""

import unicodedata

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


REASON = "Migrated from the comma-separated alias list"


def _script(text):
    scripts = set()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            scripts.add(
                "Arab" if name.startswith("ARABIC") else "Latn" if name.startswith("LATIN") else "?"
            )
    return scripts.pop() if len(scripts) == 1 and "?" not in scripts else ""


def _is_abbreviation(text):
    return any(c.isupper() for c in text) and not any(c.islower() for c in text)


def lists_to_rows(apps, schema_editor):
    from django.utils import timezone

    Alias = apps.get_model("actors", "Alias")
    HistoricalAlias = apps.get_model("actors", "HistoricalAlias")
    now = timezone.now()
    for model, field in (("Organisation", "organisation"), ("Actor", "actor")):
        for entity in apps.get_model("actors", model).objects.order_by("pk"):
            seen = set()
            for text in entity.alias_list_before_registry or []:
                if text in seen or not text.strip():
                    continue
                seen.add(text)
                alias = Alias.objects.create(
                    **{field: entity},
                    text=text,
                    script=_script(text),
                    kind="abbreviation" if _is_abbreviation(text) else "",
                )
                HistoricalAlias.objects.create(
                    id=alias.pk,
                    **{field: entity},
                    text=alias.text,
                    kind=alias.kind,
                    language="",
                    script=alias.script,
                    ambiguous=False,
                    history_date=now,
                    history_type="+",
                    history_change_reason=REASON,
                )


def rows_to_lists(apps, schema_editor):
    Alias = apps.get_model("actors", "Alias")
    for model, field in (("Organisation", "organisation"), ("Actor", "actor")):
        for entity in apps.get_model("actors", model).objects.all():
            entity.alias_list_before_registry = list(
                Alias.objects.filter(**{field: entity})
                .order_by("pk")
                .values_list("text", flat=True)
            )
            entity.save(update_fields=["alias_list_before_registry"])


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0003_role_seniority"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("actor", "aliases", "alias_list_before_registry"),
        migrations.RenameField("historicalactor", "aliases", "alias_list_before_registry"),
        migrations.RenameField("historicalorganisation", "aliases", "alias_list_before_registry"),
        migrations.RenameField("organisation", "aliases", "alias_list_before_registry"),
        migrations.CreateModel(
            name="HistoricalAlias",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=200, verbose_name="alias")),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("abbreviation", "Abbreviation"),
                            ("transliteration", "Transliteration"),
                            ("translation", "Translation"),
                            ("former", "Former name"),
                            ("nickname", "Nickname or nom de guerre"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text="ISO 639 code, e.g. en, ur, ps, fa, ar.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z]{2,3}$", "An ISO 639 code: “en”, “ur”, “ps”."
                            )
                        ],
                    ),
                ),
                (
                    "script",
                    models.CharField(
                        blank=True,
                        help_text="ISO 15924 code, e.g. Latn, Arab.",
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z][a-z]{3}$", "An ISO 15924 code: “Latn”, “Arab”."
                            )
                        ],
                    ),
                ),
                (
                    "start",
                    models.DateField(blank=True, help_text="First used (optional).", null=True),
                ),
                ("end", models.DateField(blank=True, help_text="Last used (optional).", null=True)),
                (
                    "ambiguous",
                    models.BooleanField(
                        default=False,
                        help_text="Can mean more than one entity: never linked without an analyst choosing.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical alias",
                "verbose_name_plural": "historical aliases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Alias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=200, verbose_name="alias")),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("abbreviation", "Abbreviation"),
                            ("transliteration", "Transliteration"),
                            ("translation", "Translation"),
                            ("former", "Former name"),
                            ("nickname", "Nickname or nom de guerre"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        help_text="ISO 639 code, e.g. en, ur, ps, fa, ar.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z]{2,3}$", "An ISO 639 code: “en”, “ur”, “ps”."
                            )
                        ],
                    ),
                ),
                (
                    "script",
                    models.CharField(
                        blank=True,
                        help_text="ISO 15924 code, e.g. Latn, Arab.",
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z][a-z]{3}$", "An ISO 15924 code: “Latn”, “Arab”."
                            )
                        ],
                    ),
                ),
                (
                    "start",
                    models.DateField(blank=True, help_text="First used (optional).", null=True),
                ),
                ("end", models.DateField(blank=True, help_text="Last used (optional).", null=True)),
                (
                    "ambiguous",
                    models.BooleanField(
                        default=False,
                        help_text="Can mean more than one entity: never linked without an analyst choosing.",
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="actors.actor",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="actors.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "aliases",
                "ordering": ["pk"],
                "indexes": [models.Index(fields=["text"], name="actors_alia_text_32c831_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("actor__isnull", False), ("organisation__isnull", True)),
                            models.Q(("actor__isnull", True), ("organisation__isnull", False)),
                            _connector="OR",
                        ),
                        name="alias_of_one_organisation_or_person",
                        violation_error_message="An alias belongs to one organisation or one person.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("organisation__isnull", False)),
                        fields=("organisation", "text"),
                        name="unique_organisation_alias",
                        violation_error_message="This organisation has this alias already.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("actor__isnull", False)),
                        fields=("actor", "text"),
                        name="unique_actor_alias",
                        violation_error_message="This person has this alias already.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end__isnull", True),
                            ("start__isnull", True),
                            ("end__gte", models.F("start")),
                            _connector="OR",
                        ),
                        name="alias_ends_after_start",
                        violation_error_message="An alias cannot end before it starts.",
                    ),
                ],
            },
        ),
        migrations.RunPython(lists_to_rows, rows_to_lists),
        migrations.RemoveField("actor", "alias_list_before_registry"),
        migrations.RemoveField("historicalactor", "alias_list_before_registry"),
        migrations.RemoveField("historicalorganisation", "alias_list_before_registry"),
        migrations.RemoveField("organisation", "alias_list_before_registry"),
    ]
