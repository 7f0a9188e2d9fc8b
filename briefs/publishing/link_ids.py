"""The ids of a publication's tags and organisations, copied onto the publication.

A list filtered by a tag or an organisation reads `Publication.tag_ids` and
`organisation_ids` from the reading-order index, so its deepest page costs an
index-only scan instead of a join per row (taggit's `object_id` is an integer, the
publication's id a bigint: the join cannot probe an index in reading order). The
workflow writes both when it publishes (`workflow._create_publication`); the link
rows remain the record. `refresh_all()` writes them again from the links, after a
bulk load (`bench/archive`) or a migration.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from briefs.models import Publication

LINK_IDS_SQL = """
UPDATE briefs_publication p SET
  tag_ids = COALESCE((
    SELECT array_agg(t.tag_id::bigint ORDER BY t.tag_id) FROM taggit_taggeditem t
     WHERE t.object_id = p.id AND t.content_type_id = %(content_type)s), '{}'),
  organisation_ids = COALESCE((
    SELECT array_agg(l.organisation_id ORDER BY l.organisation_id)
      FROM briefs_publicationorganisation l WHERE l.publication_id = p.id), '{}')
"""


def refresh_all() -> int:
    """Write every publication's tag and organisation ids from its links."""
    content_type = ContentType.objects.get_for_model(Publication).pk
    with connection.cursor() as cursor:
        cursor.execute(LINK_IDS_SQL, {"content_type": content_type})
        return cursor.rowcount
