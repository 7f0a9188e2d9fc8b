from django.db import migrations


def sync_groups(apps, schema_editor):
    """Analysts and editors edit an event's actors and claims and an organisation's
    designations, as they edit its other parts."""
    from briefs.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0005_events_codebook_and_designations'),
        ('briefs', '0017_editorial_record'),
    ]

    operations = [
        migrations.RunPython(sync_groups, migrations.RunPython.noop),
    ]
