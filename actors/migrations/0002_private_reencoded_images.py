"""Logos and photos: stored privately, re-encoded, under random names.

The files already uploaded sat under the public MEDIA_ROOT with their uploaded names
and metadata; `move_to_private` re-encodes each into the private storage and points
the rows (and their history) at the new name.
"""

from django.db import migrations, models

import actors.images


def move(apps, schema_editor):
    for model, field in (("Organisation", "logo"), ("Actor", "photo")):
        actors.images.move_to_private(
            apps.get_model("actors", model),
            field,
            also=[(apps.get_model("actors", f"Historical{model}"), field)],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actor",
            name="photo",
            field=models.ImageField(
                blank=True,
                storage=actors.images.UploadedImageStorage(),
                upload_to="photos/",
                validators=[actors.images.validate_image],
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="logo",
            field=models.ImageField(
                blank=True,
                storage=actors.images.UploadedImageStorage(),
                upload_to="logos/",
                validators=[actors.images.validate_image],
            ),
        ),
        migrations.RunPython(move, migrations.RunPython.noop, elidable=True),
    ]
