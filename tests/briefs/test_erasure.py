"""Nothing published disappears: deleting briefs through the admin, and erasure."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import ProtectedError

from actors.models import Organisation
from briefs.models import Brief, BriefOrganisation, Erasure, LiveCount, Publication, Transition
from briefs.publishing import erasure, workflow
from tests import factories
from tests.briefs.admin_forms import messages_of

Status = Brief.Status
CHANGELIST = "/admin/briefs/brief/"


def delete_url(brief) -> str:
    return f"/admin/briefs/brief/{brief.pk}/delete/"


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="siteadmin", is_superuser=True)


@pytest.fixture
def published(content, editor):
    brief = content["brief"]
    workflow.submit_for_review(brief, by=editor)
    workflow.publish(brief, by=editor)
    return brief


def test_an_editor_cannot_delete_a_published_brief_and_is_told_to_withdraw(
    editor_client, published
):
    page = editor_client.get(delete_url(published))
    assert page.status_code == 302
    response = editor_client.post(delete_url(published), {"post": "yes"}, follow=True)
    assert Brief.objects.filter(pk=published.pk).exists()
    assert Publication.objects.filter(brief=published).count() == 1
    assert any("withdraw it instead" in m for m in messages_of(response))


def test_an_editor_cannot_delete_a_withdrawn_brief_either(editor_client, published, editor):
    workflow.withdraw(published, by=editor, comment="Superseded by a later brief.")
    editor_client.post(delete_url(published), {"post": "yes"})
    assert Brief.objects.filter(pk=published.pk).exists()


def test_the_bulk_delete_of_a_selection_with_a_published_brief_deletes_nothing(
    editor_client, published
):
    draft = factories.BriefFactory(title="A draft nobody saw")
    response = editor_client.post(
        CHANGELIST,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [published.pk, draft.pk]},
        follow=True,
    )
    assert Brief.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2
    [message] = [m for m in messages_of(response) if "Nothing was deleted" in m]
    assert "Delegation visits Kabul" in message and "Withdraw them instead" in message
    # Confirming the deletion page's form is refused the same way.
    editor_client.post(
        CHANGELIST,
        {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [published.pk]},
    )
    assert Brief.objects.filter(pk=published.pk).exists()


def test_a_never_published_brief_is_deleted_with_its_log(editor_client, editor, analyst):
    draft = factories.BriefFactory(title="Returned once")
    workflow.submit_for_review(draft, by=analyst)
    workflow.return_to_draft(draft, by=editor, comment="Not needed after all.")
    page = editor_client.get(delete_url(draft))
    assert page.status_code == 200 and not page.context["protected"]
    response = editor_client.post(delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not Brief.objects.filter(pk=draft.pk).exists()
    assert not Transition.objects.filter(brief_id=draft.pk).exists()
    assert not Erasure.objects.exists()


def test_publications_and_the_log_are_protected_from_cascades(published):
    with pytest.raises(ProtectedError):
        Brief.objects.get(pk=published.pk).delete()
    assert Publication.objects.filter(brief=published).exists()
    assert Transition.objects.filter(brief=published).count() == 2


def test_a_superusers_deletion_asks_for_a_reason_and_changes_nothing_without(
    client, superuser, published
):
    client.force_login(superuser)
    page = client.get(delete_url(published))
    assert page.status_code == 200
    assert "legal erasure" in page.content.decode()
    response = client.post(delete_url(published), {"reason": "  ", "confirm": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert Brief.objects.filter(pk=published.pk).exists()
    assert not Erasure.objects.exists()


def test_an_erased_brief_leaves_its_record_and_answers_404(client, superuser, published):
    slug, pk = published.slug, published.pk
    assert client.get(f"/briefs/{slug}/").status_code == 200
    assert LiveCount.objects.get(key="all").briefs == 1
    client.force_login(superuser)
    response = client.post(
        delete_url(published),
        {"reason": "Court order 2023/114: the brief named a private person.", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not Brief.objects.filter(pk=pk).exists()
    assert not Publication.objects.filter(brief_id=pk).exists()
    assert not Transition.objects.filter(brief_id=pk).exists()
    assert LiveCount.objects.get(key="all").briefs == 0
    record = Erasure.objects.get()
    assert (record.brief_id, record.title, record.slug) == (pk, "Delegation visits Kabul", slug)
    assert record.by == superuser and record.by_username == "siteadmin"
    assert record.reason.startswith("Court order 2023/114")
    assert record.publications == 1
    # The record, for superusers in the admin.
    listing = client.get("/admin/briefs/erasure/")
    assert "Delegation visits Kabul" in listing.content.decode()
    detail = client.get(f"/admin/briefs/erasure/{record.pk}/change/")
    assert "Court order 2023/114" in detail.content.decode()
    # The brief is gone for readers, exactly like one that never existed.
    client.logout()
    gone = client.get(f"/briefs/{slug}/")
    unknown = client.get("/briefs/no-such-brief/")
    assert gone.status_code == unknown.status_code == 404


def test_the_erasure_record_is_for_superusers_only(editor_client, superuser, published):
    erasure.erase(published, by=superuser, reason="Legal request.")
    assert editor_client.get("/admin/briefs/erasure/").status_code == 403
    assert "Erasures" not in editor_client.get("/admin/").content.decode()


def test_an_entity_a_withdrawn_publication_showed_cannot_be_deleted(
    editor_client, editor, published, content
):
    organisation = content["organisation"]
    workflow.withdraw(published, by=editor, comment="Withdrawn.")
    BriefOrganisation.objects.filter(brief=published).delete()  # the working copy lets go
    url = f"/admin/actors/organisation/{organisation.pk}/delete/"
    page = editor_client.get(url)
    assert any("Delegation visits Kabul" in str(p) for p in page.context["protected"])
    editor_client.post(url, {"post": "yes"})
    assert Organisation.objects.filter(pk=organisation.pk).exists()
