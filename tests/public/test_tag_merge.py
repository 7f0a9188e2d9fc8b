"""Merging tags in the admin moves live briefs to the merged tag: lists and counts follow."""

import pytest

from briefs.models import LiveCount, Publication
from briefs.publishing import counts
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_a_merge_moves_live_briefs_to_the_new_tag(superuser_client, client, publish):
    from taggit.models import Tag

    publish(build_brief(title="On Karachi", tags=("Karachi",)))
    publish(build_brief(title="On Sindh", tags=("Sindh",)))
    old = list(Tag.objects.filter(name__in=["Karachi", "Sindh"]).values_list("pk", flat=True))
    session = superuser_client.session
    session["selected_tag_ids"] = ",".join(map(str, old))
    session.save()
    response = superuser_client.post(
        "/admin/taggit/tag/merge-tags/", {"new_tag_name": "Southern Pakistan"}
    )
    assert response.status_code == 302
    merged = Tag.objects.get(name="Southern Pakistan")
    assert all(p.tag_ids == [merged.pk] for p in Publication.objects.all())
    html = client.get(f"/briefs/?tag={merged.slug}").content.decode()
    assert "On Karachi" in html and "On Sindh" in html
    assert counts.read(["tag"]).of("tag", merged.pk) == 2
    assert not LiveCount.objects.filter(tag__in=old, briefs__gt=0).exists()
    assert "2 briefs" in client.get(f"/tags/{merged.slug}/").content.decode()
