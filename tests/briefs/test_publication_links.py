"""An entity that a published brief discusses cannot be deleted from under it."""

import pytest
from django.db.models import ProtectedError

from briefs.models import Publication
from briefs.publishing import workflow
from tests.factories import BriefFactory, OrganisationFactory, SectionFactory


def test_deleting_an_organisation_only_a_publication_links_is_refused(db, editor):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", abbreviation="TTP")
    brief = BriefFactory(title="Karachi attack")
    SectionFactory(brief=brief)
    brief.organisations.add(ttp)
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    brief.organisations.remove(ttp)  # the working copy drops it; the live version keeps it

    with pytest.raises(ProtectedError) as refused:
        ttp.delete()

    assert "Karachi attack" in str(refused.value.protected_objects)
    assert list(Publication.objects.live().get().organisations.all()) == [ttp]
