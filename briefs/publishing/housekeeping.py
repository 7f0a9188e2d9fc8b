"""Signal receivers that keep derived data in step; no workflow logic lives here.

Connected in `BriefsConfig.ready`.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from actors.models import Event, EventClaim, EventParty, Role
from briefs.models import Publication
from briefs.publishing import counts, facts


@receiver(pre_delete, sender=Publication, dispatch_uid="briefs.uncount_deleted_publication")
def uncount_deleted_publication(sender, instance: Publication, **kwargs) -> None:
    """A deleted current publication stops counting, while its links still exist."""
    if instance.ends_at is None:
        counts.ending(Publication.objects.filter(pk=instance.pk))


# A correction in the registry reaches the current briefs that show it
# (briefs.publishing.facts), whichever way it is saved: the admin, a command, a shell.


@receiver(post_save, sender=Event, dispatch_uid="briefs.revise_event")
def revise_event(sender, instance: Event, raw=False, **kwargs) -> None:
    if not raw:
        facts.event_changed(instance.pk)


# An event's actors and claims are facts of its timeline entry (its perpetrators, its
# claimants); its other organisations (participants, targets) are not.
@receiver(post_save, sender=EventParty, dispatch_uid="briefs.revise_event_actor_saved")
@receiver(post_delete, sender=EventParty, dispatch_uid="briefs.revise_event_actor_gone")
@receiver(post_save, sender=EventClaim, dispatch_uid="briefs.revise_event_claim_saved")
@receiver(post_delete, sender=EventClaim, dispatch_uid="briefs.revise_event_claim_gone")
def revise_event_part(sender, instance: EventParty | EventClaim, raw=False, **kwargs) -> None:
    if not raw:
        facts.event_changed(instance.event_id)


@receiver(post_save, sender=Role, dispatch_uid="briefs.revise_role_saved")
@receiver(post_delete, sender=Role, dispatch_uid="briefs.revise_role_gone")
def revise_role(sender, instance: Role, raw=False, **kwargs) -> None:
    if not raw:
        facts.person_changed(instance.actor_id)
