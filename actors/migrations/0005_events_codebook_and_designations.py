# Events to the grade of the ACLED and GTD codebooks, and organisations' designations.
#
# Every existing figure is kept: `place`, `killed` and `injured` are renamed to
# `location`, `killed_best` and `injured_best` (same columns, same values); each
# perpetrator link becomes actor 1 (the first the main actor, the others associated)
# and each claimant link a claim; every event with a country gets its public id,
# numbered per country in date order.

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.datetime
import django_countries.fields
import simple_history.models
import taggit.managers
from django.conf import settings
from django.db import migrations, models


# The ACLED actor type an organisation's kind suggests, for the links moved to actor 1.
ACTOR_TYPE_OF_KIND = {"militant": 2, "government": 1, "intelligence": 1}
EXTERNAL_OTHER = 8


def forward(apps, schema_editor):
    Event = apps.get_model("actors", "Event")
    EventOrganisation = apps.get_model("actors", "EventOrganisation")
    EventParty = apps.get_model("actors", "EventParty")
    EventClaim = apps.get_model("actors", "EventClaim")
    EventSequence = apps.get_model("actors", "EventSequence")

    parties, claims, moved = [], {}, []
    sides: dict[int, int] = {}
    links = EventOrganisation.objects.filter(part__in=["perpetrator", "claimant"])
    for link in links.select_related("organisation").order_by("event_id", "pk"):
        moved.append(link.pk)
        if link.part == "claimant":
            claims.setdefault((link.event_id, link.organisation_id), link)
            continue
        order = sides.get(link.event_id, 0)
        sides[link.event_id] = order + 1
        parties.append(
            EventParty(
                event_id=link.event_id,
                side=1,
                associated=order > 0,
                organisation_id=link.organisation_id,
                actor_type=ACTOR_TYPE_OF_KIND.get(link.organisation.kind, EXTERNAL_OTHER),
                order=order,
            )
        )
    EventParty.objects.bulk_create(parties)
    EventClaim.objects.bulk_create(
        EventClaim(event_id=event_id, organisation_id=organisation_id)
        for event_id, organisation_id in claims
    )
    EventOrganisation.objects.filter(pk__in=moved).delete()

    last: dict[str, int] = {}
    events = Event.objects.exclude(country="").filter(public_id__isnull=True)
    for event in events.order_by("date", "pk").only("pk", "country"):
        prefix = event.country.alpha3
        last[prefix] = last.get(prefix, 0) + 1
        Event.objects.filter(pk=event.pk).update(public_id=f"{prefix}-{last[prefix]}")
    EventSequence.objects.bulk_create(EventSequence(prefix=p, last=n) for p, n in last.items())


def backward(apps, schema_editor):
    EventOrganisation = apps.get_model("actors", "EventOrganisation")
    EventParty = apps.get_model("actors", "EventParty")
    EventClaim = apps.get_model("actors", "EventClaim")
    links = [
        EventOrganisation(event_id=p.event_id, organisation_id=p.organisation_id, part="perpetrator")
        for p in EventParty.objects.filter(side=1, organisation__isnull=False).order_by("pk")
    ] + [
        EventOrganisation(event_id=c.event_id, organisation_id=c.organisation_id, part="claimant")
        for c in EventClaim.objects.order_by("pk")
    ]
    EventOrganisation.objects.bulk_create(links, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0004_alias_registry'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Designation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jurisdiction', models.CharField(choices=[('PK', 'Pakistan: proscribed organisation (Anti-Terrorism Act 1997)'), ('US-FTO', 'United States: Foreign Terrorist Organization'), ('US-SDGT', 'United States: Specially Designated Global Terrorist'), ('GB', 'United Kingdom: proscribed organisation (Terrorism Act 2000)'), ('UN-1267', "United Nations: ISIL (Da'esh) and Al-Qaida sanctions list (1267)"), ('UN-1988', 'United Nations: Taliban sanctions list (1988)'), ('EU', 'European Union: terrorist list'), ('CA', 'Canada: listed terrorist entity'), ('AU', 'Australia: listed terrorist organisation'), ('IN', 'India: banned terrorist organisation (UAPA)'), ('other', 'Other')], max_length=16, verbose_name='list')),
                ('listed', models.DateField(blank=True, null=True)),
                ('listed_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='listed precision')),
                ('delisted', models.DateField(blank=True, help_text='Leave empty while listed.', null=True)),
                ('delisted_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='delisted precision')),
                ('source_title', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source URL')),
            ],
            options={
                'ordering': ['organisation', 'listed', 'jurisdiction'],
            },
        ),
        migrations.CreateModel(
            name='EventClaim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mode', models.CharField(blank=True, choices=[('statement', 'Statement'), ('video', 'Video'), ('social_media', 'Social media or website'), ('other', 'Other')], help_text='Empty when not known.', max_length=16, verbose_name='claim mode')),
            ],
            options={
                'verbose_name': 'claim of responsibility',
                'verbose_name_plural': 'claims of responsibility',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='EventParty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('side', models.PositiveSmallIntegerField(choices=[(1, 'Actor 1'), (2, 'Actor 2')], default=1)),
                ('associated', models.BooleanField(default=False, help_text="An actor alongside the side's main actor (ACLED's associated actor).", verbose_name='associated actor')),
                ('category', models.CharField(blank=True, choices=[('civilians', 'Civilians'), ('police', 'Police forces'), ('military', 'Military forces'), ('government', 'Government officials'), ('unidentified_armed_group', 'Unidentified armed group'), ('protesters', 'Protesters'), ('rioters', 'Rioters'), ('other', 'Other')], help_text='When the actor is not an organisation of the registry.', max_length=32)),
                ('actor_type', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'State forces'), (2, 'Rebel group'), (3, 'Political militia'), (4, 'Identity militia'), (5, 'Rioters'), (6, 'Protesters'), (7, 'Civilians'), (8, 'External/other forces')], help_text="ACLED's inter code. Left empty for a category, it follows from it.", null=True, verbose_name='actor type')),
                ('order', models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'actor in event',
                'verbose_name_plural': 'actors in event',
                'ordering': ['side', 'associated', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='EventSequence',
            fields=[
                ('prefix', models.CharField(max_length=3, primary_key=True, serialize=False)),
                ('last', models.PositiveIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalDesignation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('jurisdiction', models.CharField(choices=[('PK', 'Pakistan: proscribed organisation (Anti-Terrorism Act 1997)'), ('US-FTO', 'United States: Foreign Terrorist Organization'), ('US-SDGT', 'United States: Specially Designated Global Terrorist'), ('GB', 'United Kingdom: proscribed organisation (Terrorism Act 2000)'), ('UN-1267', "United Nations: ISIL (Da'esh) and Al-Qaida sanctions list (1267)"), ('UN-1988', 'United Nations: Taliban sanctions list (1988)'), ('EU', 'European Union: terrorist list'), ('CA', 'Canada: listed terrorist entity'), ('AU', 'Australia: listed terrorist organisation'), ('IN', 'India: banned terrorist organisation (UAPA)'), ('other', 'Other')], max_length=16, verbose_name='list')),
                ('listed', models.DateField(blank=True, null=True)),
                ('listed_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='listed precision')),
                ('delisted', models.DateField(blank=True, help_text='Leave empty while listed.', null=True)),
                ('delisted_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='delisted precision')),
                ('source_title', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source URL')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical designation',
                'verbose_name_plural': 'historical designations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEventClaim',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('mode', models.CharField(blank=True, choices=[('statement', 'Statement'), ('video', 'Video'), ('social_media', 'Social media or website'), ('other', 'Other')], help_text='Empty when not known.', max_length=16, verbose_name='claim mode')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical claim of responsibility',
                'verbose_name_plural': 'historical claims of responsibility',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEventParty',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('side', models.PositiveSmallIntegerField(choices=[(1, 'Actor 1'), (2, 'Actor 2')], default=1)),
                ('associated', models.BooleanField(default=False, help_text="An actor alongside the side's main actor (ACLED's associated actor).", verbose_name='associated actor')),
                ('category', models.CharField(blank=True, choices=[('civilians', 'Civilians'), ('police', 'Police forces'), ('military', 'Military forces'), ('government', 'Government officials'), ('unidentified_armed_group', 'Unidentified armed group'), ('protesters', 'Protesters'), ('rioters', 'Rioters'), ('other', 'Other')], help_text='When the actor is not an organisation of the registry.', max_length=32)),
                ('actor_type', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'State forces'), (2, 'Rebel group'), (3, 'Political militia'), (4, 'Identity militia'), (5, 'Rioters'), (6, 'Protesters'), (7, 'Civilians'), (8, 'External/other forces')], help_text="ACLED's inter code. Left empty for a category, it follows from it.", null=True, verbose_name='actor type')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical actor in event',
                'verbose_name_plural': 'historical actors in event',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RenameField(
            model_name='event',
            old_name='injured',
            new_name='injured_best',
        ),
        migrations.RenameField(
            model_name='event',
            old_name='killed',
            new_name='killed_best',
        ),
        migrations.RenameField(
            model_name='event',
            old_name='place',
            new_name='location',
        ),
        migrations.RenameField(
            model_name='historicalevent',
            old_name='injured',
            new_name='injured_best',
        ),
        migrations.RenameField(
            model_name='historicalevent',
            old_name='killed',
            new_name='killed_best',
        ),
        migrations.RenameField(
            model_name='historicalevent',
            old_name='place',
            new_name='location',
        ),
        migrations.AddField(
            model_name='event',
            name='admin1',
            field=models.CharField(blank=True, max_length=200, verbose_name='first-level area'),
        ),
        migrations.AddField(
            model_name='event',
            name='admin2',
            field=models.CharField(blank=True, max_length=200, verbose_name='second-level area'),
        ),
        migrations.AddField(
            model_name='event',
            name='attribution',
            field=models.CharField(choices=[('confirmed', 'Confirmed'), ('suspected', 'Suspected'), ('unknown', 'Unknown')], default='unknown', help_text='How sure the attribution to actor 1 is.', max_length=16, verbose_name='attribution certainty'),
        ),
        migrations.AddField(
            model_name='event',
            name='civilian_targeting',
            field=models.BooleanField(default=False, help_text="Civilians were the target (ACLED's civilian targeting)."),
        ),
        migrations.AddField(
            model_name='event',
            name='competing_claims',
            field=models.BooleanField(default=False, help_text="More than one group claimed it (GTD's competing claims)."),
        ),
        migrations.AddField(
            model_name='event',
            name='end_date_precision',
            field=models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='end date precision'),
        ),
        migrations.AddField(
            model_name='event',
            name='event_type',
            field=models.CharField(blank=True, choices=[('Battles', 'Battles'), ('Explosions/Remote violence', 'Explosions/Remote violence'), ('Violence against civilians', 'Violence against civilians'), ('Protests', 'Protests'), ('Riots', 'Riots'), ('Strategic developments', 'Strategic developments')], max_length=40, verbose_name='ACLED event type'),
        ),
        migrations.AddField(
            model_name='event',
            name='geo_precision',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — the place itself'), (2, '2 — near the place, or a part of a region'), (3, '3 — only the region (first- or second-level area)')], null=True, verbose_name='geo precision'),
        ),
        migrations.AlterField(
            model_name='event',
            name='injured_best',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured'),
        ),
        migrations.AddField(
            model_name='event',
            name='injured_high',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured, high'),
        ),
        migrations.AddField(
            model_name='event',
            name='injured_low',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured, low'),
        ),
        migrations.AlterField(
            model_name='event',
            name='killed_best',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed'),
        ),
        migrations.AddField(
            model_name='event',
            name='killed_high',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed, high'),
        ),
        migrations.AddField(
            model_name='event',
            name='killed_low',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed, low'),
        ),
        migrations.AddField(
            model_name='event',
            name='killed_perpetrators',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='of them perpetrators'),
        ),
        migrations.AddField(
            model_name='event',
            name='killed_victims',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='of them victims'),
        ),
        migrations.AddField(
            model_name='event',
            name='latitude',
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True),
        ),
        migrations.AlterField(
            model_name='event',
            name='location',
            field=models.CharField(blank=True, help_text="The town, village or site (ACLED's location).", max_length=200),
        ),
        migrations.AddField(
            model_name='event',
            name='longitude',
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='public_id',
            field=models.CharField(editable=False, help_text='<ISO3>-<number>, given once from the country and never changed or reused.', max_length=16, null=True, unique=True, verbose_name='event ID'),
        ),
        migrations.AddField(
            model_name='event',
            name='sub_event_type',
            field=models.CharField(blank=True, choices=[('Battles', [('Armed clash', 'Armed clash'), ('Government regains territory', 'Government regains territory'), ('Non-state actor overtakes territory', 'Non-state actor overtakes territory')]), ('Explosions/Remote violence', [('Chemical weapon', 'Chemical weapon'), ('Air/drone strike', 'Air/drone strike'), ('Suicide bomb', 'Suicide bomb'), ('Shelling/artillery/missile attack', 'Shelling/artillery/missile attack'), ('Remote explosive/landmine/IED', 'Remote explosive/landmine/IED'), ('Grenade', 'Grenade')]), ('Violence against civilians', [('Sexual violence', 'Sexual violence'), ('Attack', 'Attack'), ('Abduction/forced disappearance', 'Abduction/forced disappearance')]), ('Protests', [('Peaceful protest', 'Peaceful protest'), ('Protest with intervention', 'Protest with intervention'), ('Excessive force against protesters', 'Excessive force against protesters')]), ('Riots', [('Violent demonstration', 'Violent demonstration'), ('Mob violence', 'Mob violence')]), ('Strategic developments', [('Agreement', 'Agreement'), ('Arrests', 'Arrests'), ('Change to group/activity', 'Change to group/activity'), ('Disrupted weapons use', 'Disrupted weapons use'), ('Headquarters or base established', 'Headquarters or base established'), ('Looting/property destruction', 'Looting/property destruction'), ('Non-violent transfer of territory', 'Non-violent transfer of territory'), ('Other', 'Other')])], max_length=40, verbose_name='ACLED sub-event type'),
        ),
        migrations.AddField(
            model_name='event',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='taggit.TaggedItem', to='taggit.Tag', verbose_name='Tags'),
        ),
        migrations.AddField(
            model_name='eventsource',
            name='scale',
            field=models.CharField(blank=True, choices=[('Local partner', 'Local partner'), ('Local', 'Local'), ('Subnational', 'Subnational'), ('National', 'National'), ('Regional', 'Regional'), ('International', 'International'), ('New media', 'New media'), ('Other', 'Other')], max_length=16, verbose_name='source scale'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='admin1',
            field=models.CharField(blank=True, max_length=200, verbose_name='first-level area'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='admin2',
            field=models.CharField(blank=True, max_length=200, verbose_name='second-level area'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='attribution',
            field=models.CharField(choices=[('confirmed', 'Confirmed'), ('suspected', 'Suspected'), ('unknown', 'Unknown')], default='unknown', help_text='How sure the attribution to actor 1 is.', max_length=16, verbose_name='attribution certainty'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='civilian_targeting',
            field=models.BooleanField(default=False, help_text="Civilians were the target (ACLED's civilian targeting)."),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='competing_claims',
            field=models.BooleanField(default=False, help_text="More than one group claimed it (GTD's competing claims)."),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='end_date_precision',
            field=models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year')], default='day', max_length=5, verbose_name='end date precision'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='event_type',
            field=models.CharField(blank=True, choices=[('Battles', 'Battles'), ('Explosions/Remote violence', 'Explosions/Remote violence'), ('Violence against civilians', 'Violence against civilians'), ('Protests', 'Protests'), ('Riots', 'Riots'), ('Strategic developments', 'Strategic developments')], max_length=40, verbose_name='ACLED event type'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='geo_precision',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 — the place itself'), (2, '2 — near the place, or a part of a region'), (3, '3 — only the region (first- or second-level area)')], null=True, verbose_name='geo precision'),
        ),
        migrations.AlterField(
            model_name='historicalevent',
            name='injured_best',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='injured_high',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured, high'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='injured_low',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='injured, low'),
        ),
        migrations.AlterField(
            model_name='historicalevent',
            name='killed_best',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='killed_high',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed, high'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='killed_low',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='killed, low'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='killed_perpetrators',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='of them perpetrators'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='killed_victims',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='of them victims'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='latitude',
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True),
        ),
        migrations.AlterField(
            model_name='historicalevent',
            name='location',
            field=models.CharField(blank=True, help_text="The town, village or site (ACLED's location).", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='longitude',
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='public_id',
            field=models.CharField(db_index=True, editable=False, help_text='<ISO3>-<number>, given once from the country and never changed or reused.', max_length=16, null=True, verbose_name='event ID'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='sub_event_type',
            field=models.CharField(blank=True, choices=[('Battles', [('Armed clash', 'Armed clash'), ('Government regains territory', 'Government regains territory'), ('Non-state actor overtakes territory', 'Non-state actor overtakes territory')]), ('Explosions/Remote violence', [('Chemical weapon', 'Chemical weapon'), ('Air/drone strike', 'Air/drone strike'), ('Suicide bomb', 'Suicide bomb'), ('Shelling/artillery/missile attack', 'Shelling/artillery/missile attack'), ('Remote explosive/landmine/IED', 'Remote explosive/landmine/IED'), ('Grenade', 'Grenade')]), ('Violence against civilians', [('Sexual violence', 'Sexual violence'), ('Attack', 'Attack'), ('Abduction/forced disappearance', 'Abduction/forced disappearance')]), ('Protests', [('Peaceful protest', 'Peaceful protest'), ('Protest with intervention', 'Protest with intervention'), ('Excessive force against protesters', 'Excessive force against protesters')]), ('Riots', [('Violent demonstration', 'Violent demonstration'), ('Mob violence', 'Mob violence')]), ('Strategic developments', [('Agreement', 'Agreement'), ('Arrests', 'Arrests'), ('Change to group/activity', 'Change to group/activity'), ('Disrupted weapons use', 'Disrupted weapons use'), ('Headquarters or base established', 'Headquarters or base established'), ('Looting/property destruction', 'Looting/property destruction'), ('Non-violent transfer of territory', 'Non-violent transfer of territory'), ('Other', 'Other')])], max_length=40, verbose_name='ACLED sub-event type'),
        ),
        migrations.AddField(
            model_name='historicaleventsource',
            name='scale',
            field=models.CharField(blank=True, choices=[('Local partner', 'Local partner'), ('Local', 'Local'), ('Subnational', 'Subnational'), ('National', 'National'), ('Regional', 'Regional'), ('International', 'International'), ('New media', 'New media'), ('Other', 'Other')], max_length=16, verbose_name='source scale'),
        ),
        migrations.AlterField(
            model_name='event',
            name='country',
            field=django_countries.fields.CountryField(max_length=2),
        ),
        migrations.AlterField(
            model_name='eventorganisation',
            name='part',
            field=models.CharField(choices=[('participant', 'Participant'), ('target', 'Target')], default='participant', max_length=16),
        ),
        migrations.AlterField(
            model_name='historicalevent',
            name='country',
            field=django_countries.fields.CountryField(max_length=2),
        ),
        migrations.AlterField(
            model_name='historicaleventorganisation',
            name='part',
            field=models.CharField(choices=[('participant', 'Participant'), ('target', 'Target')], default='participant', max_length=16),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('sub_event_type', ''), models.Q(('event_type', 'Battles'), ('sub_event_type__in', ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'])), models.Q(('event_type', 'Explosions/Remote violence'), ('sub_event_type__in', ['Chemical weapon', 'Air/drone strike', 'Suicide bomb', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade'])), models.Q(('event_type', 'Violence against civilians'), ('sub_event_type__in', ['Sexual violence', 'Attack', 'Abduction/forced disappearance'])), models.Q(('event_type', 'Protests'), ('sub_event_type__in', ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'])), models.Q(('event_type', 'Riots'), ('sub_event_type__in', ['Violent demonstration', 'Mob violence'])), models.Q(('event_type', 'Strategic developments'), ('sub_event_type__in', ['Agreement', 'Arrests', 'Change to group/activity', 'Disrupted weapons use', 'Headquarters or base established', 'Looting/property destruction', 'Non-violent transfer of territory', 'Other'])), _connector='OR'), name='event_sub_type_of_its_type', violation_error_message="The sub-event type must be one of the event type's."),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('geo_precision', None), ('latitude__isnull', True), ('longitude__isnull', True)), models.Q(('geo_precision__isnull', False), ('latitude__isnull', False), ('longitude__isnull', False)), _connector='OR'), name='event_coordinates_with_precision', violation_error_message='Give latitude, longitude and geo precision together, or none of them.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('latitude__isnull', True), models.Q(('latitude__gte', -90), ('latitude__lte', 90), ('longitude__gte', -180), ('longitude__lte', 180)), _connector='OR'), name='event_coordinates_on_earth', violation_error_message='Latitude is between -90 and 90, longitude between -180 and 180.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('killed_low__isnull', True), ('killed_high__isnull', True)), ('killed_best__isnull', False), _connector='OR'), name='event_killed_range_of_a_known_figure', violation_error_message='A range of the number killed needs its best figure: leave all empty when it is not known (empty is unknown, 0 is none).'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('killed_low__isnull', True), ('killed_low__lte', models.F('killed_best')), _connector='OR'), name='event_killed_low_within', violation_error_message='The low figure killed is above the best figure.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('killed_high__isnull', True), ('killed_high__gte', models.F('killed_best')), _connector='OR'), name='event_killed_high_within', violation_error_message='The high figure killed is below the best figure.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('injured_low__isnull', True), ('injured_high__isnull', True)), ('injured_best__isnull', False), _connector='OR'), name='event_injured_range_of_a_known_figure', violation_error_message='A range of the number injured needs its best figure: leave all empty when it is not known (empty is unknown, 0 is none).'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('injured_low__isnull', True), ('injured_low__lte', models.F('injured_best')), _connector='OR'), name='event_injured_low_within', violation_error_message='The low figure injured is above the best figure.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('injured_high__isnull', True), ('injured_high__gte', models.F('injured_best')), _connector='OR'), name='event_injured_high_within', violation_error_message='The high figure injured is below the best figure.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('killed_victims__isnull', True), ('killed_perpetrators__isnull', True)), ('killed_best__isnull', False), _connector='OR'), name='event_killed_split_of_a_known_figure', violation_error_message='Victims and perpetrators killed need the number killed: an unknown figure has no split.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('killed_victims__isnull', True), ('killed_perpetrators__isnull', True), ('killed_best', django.db.models.expressions.CombinedExpression(models.F('killed_victims'), '+', models.F('killed_perpetrators'))), _connector='OR'), name='event_killed_split_sums', violation_error_message='Victims and perpetrators killed must add up to the number killed.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('killed_victims__isnull', True), ('killed_victims__lte', models.F('killed_best')), _connector='OR'), name='event_killed_victims_within', violation_error_message='More victims killed than people killed.'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('killed_perpetrators__isnull', True), ('killed_perpetrators__lte', models.F('killed_best')), _connector='OR'), name='event_killed_perpetrators_within', violation_error_message='More perpetrators killed than people killed.'),
        ),
        migrations.AddField(
            model_name='designation',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='designations', to='actors.organisation'),
        ),
        migrations.AddField(
            model_name='eventclaim',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='actors.event'),
        ),
        migrations.AddField(
            model_name='eventclaim',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='event_claims', to='actors.organisation'),
        ),
        migrations.AddField(
            model_name='eventparty',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parties', to='actors.event'),
        ),
        migrations.AddField(
            model_name='eventparty',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='event_parties', to='actors.organisation'),
        ),
        migrations.AddField(
            model_name='historicaldesignation',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaldesignation',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.organisation'),
        ),
        migrations.AddField(
            model_name='historicaleventclaim',
            name='event',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.event'),
        ),
        migrations.AddField(
            model_name='historicaleventclaim',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaleventclaim',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.organisation'),
        ),
        migrations.AddField(
            model_name='historicaleventparty',
            name='event',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.event'),
        ),
        migrations.AddField(
            model_name='historicaleventparty',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaleventparty',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actors.organisation'),
        ),
        migrations.AddConstraint(
            model_name='designation',
            constraint=models.CheckConstraint(condition=models.Q(('delisted__isnull', True), ('listed__isnull', True), ('delisted__gte', models.F('listed')), _connector='OR'), name='designation_delisted_after_listed', violation_error_message='A listing cannot end before it began.'),
        ),
        migrations.AddConstraint(
            model_name='designation',
            constraint=models.UniqueConstraint(fields=('organisation', 'jurisdiction', 'listed'), name='unique_designation', violation_error_message='This listing is already recorded.'),
        ),
        migrations.AddConstraint(
            model_name='eventclaim',
            constraint=models.UniqueConstraint(fields=('event', 'organisation'), name='one_claim_per_organisation', violation_error_message="This organisation's claim is already recorded."),
        ),
        migrations.AddConstraint(
            model_name='eventparty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('organisation__isnull', False), ('category', '')), models.Q(('organisation__isnull', True), models.Q(('category', ''), _negated=True)), _connector='OR'), name='event_party_organisation_or_category', violation_error_message='An actor is either an organisation or a category.'),
        ),
        migrations.AddConstraint(
            model_name='eventparty',
            constraint=models.CheckConstraint(condition=models.Q(('actor_type__isnull', False)), name='event_party_has_actor_type', violation_error_message="An actor needs its actor type (ACLED's inter code)."),
        ),
        migrations.AddConstraint(
            model_name='eventparty',
            constraint=models.UniqueConstraint(condition=models.Q(('associated', False)), fields=('event', 'side'), name='one_main_actor_per_side', violation_error_message='Each side has one main actor; add others as associated.'),
        ),
        migrations.RemoveConstraint(
            model_name='event',
            name='event_ends_after_start',
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('date')), models.Q(('end_date__gte', django.db.models.functions.datetime.TruncMonth('date')), ('end_date_precision', 'month')), models.Q(('end_date__gte', django.db.models.functions.datetime.TruncYear('date')), ('end_date_precision', 'year')), _connector='OR'), name='event_ends_after_start', violation_error_message='An event cannot end before it starts.'),
        ),
        migrations.RunPython(forward, backward),
    ]
