from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# "tap" is English stemming over unaccented words, so that "Sirajuddin" and a
# transliteration with diacritics meet, and "attacks" finds "attack".
CREATE = """
CREATE TEXT SEARCH CONFIGURATION tap (COPY = english);
ALTER TEXT SEARCH CONFIGURATION tap
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS tap;"


class Migration(migrations.Migration):
    dependencies = [("briefs", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(CREATE, DROP),
    ]
