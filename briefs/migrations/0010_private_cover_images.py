"""Covers: stored privately, re-encoded, under random names; old renditions pruned.

The covers already uploaded sat under the public MEDIA_ROOT (`covers/<year>/<name>`)
with their metadata; `move_to_private` re-encodes each into the private storage and
points the brief, its history and its publications at the new name. Renditions under
`MEDIA_ROOT/renditions/` that no current publication shows (those the admin preview
wrote for drafts, and those of withdrawn briefs) are deleted: from now on the preview
writes its renditions privately.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import actors.images


def move(apps, schema_editor):
    Brief = apps.get_model("briefs", "Brief")
    Publication = apps.get_model("briefs", "Publication")
    actors.images.move_to_private(
        Brief,
        "cover",
        also=[
            (apps.get_model("briefs", "HistoricalBrief"), "cover"),
            (Publication, "cover"),
        ],
    )
    shown = set()
    current = Publication.objects.filter(ends_at__isnull=True).exclude(cover="")
    for cover in current.values_list("content__cover", flat=True).iterator():
        for rendition in (cover or {}).get("srcset", []):
            shown.add(rendition["url"].removeprefix(settings.MEDIA_URL).split("/")[1])
    renditions = Path(settings.MEDIA_ROOT) / "renditions"
    if renditions.is_dir():
        for folder in renditions.iterdir():
            if folder.is_dir() and folder.name not in shown:
                shutil.rmtree(folder)


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0009_section_body_max_length"),
    ]

    operations = [
        migrations.AlterField(
            model_name="brief",
            name="cover",
            field=models.ImageField(
                blank=True,
                storage=actors.images.UploadedImageStorage(),
                upload_to="covers/",
                validators=[actors.images.validate_image],
                verbose_name="cover image",
            ),
        ),
        migrations.RunPython(move, migrations.RunPython.noop, elidable=True),
    ]
