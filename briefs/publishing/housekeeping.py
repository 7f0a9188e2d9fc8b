"""Signal receivers that keep derived data in step; no workflow logic lives here.

Connected in `BriefsConfig.ready`.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from briefs.models import Publication
from briefs.publishing import counts


@receiver(pre_delete, sender=Publication, dispatch_uid="briefs.uncount_deleted_publication")
def uncount_deleted_publication(sender, instance: Publication, **kwargs) -> None:
    """A deleted current publication stops counting, while its links still exist."""
    if instance.ends_at is None:
        counts.ending(Publication.objects.filter(pk=instance.pk))
