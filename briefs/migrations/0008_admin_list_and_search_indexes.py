"""Indexes for the admin's brief list, its date bar and its search (issue #8).

Built CONCURRENTLY, so that briefs and sections stay writable while the trigram
indexes are built over an existing archive; that needs a migration outside a
transaction.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


def trigram(expression: str, name: str):
    return django.contrib.postgres.indexes.GinIndex(
        django.contrib.postgres.indexes.OpClass(
            django.db.models.functions.text.Upper(expression), name="gin_trgm_ops"
        ),
        name=name,
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("briefs", "0007_public_author_names"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="brief",
            index=models.Index(fields=["-updated_at", "-id"], name="brief_updated_at"),
        ),
        AddIndexConcurrently(
            model_name="brief",
            index=models.Index(fields=["date"], name="brief_date"),
        ),
        AddIndexConcurrently(model_name="brief", index=trigram("title", "brief_title_trgm")),
        AddIndexConcurrently(model_name="brief", index=trigram("summary", "brief_summary_trgm")),
        AddIndexConcurrently(model_name="brief", index=trigram("slug", "brief_slug_trgm")),
        AddIndexConcurrently(model_name="section", index=trigram("body", "section_body_trgm")),
    ]
