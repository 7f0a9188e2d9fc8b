"""Uploaded images as a user sends them through the admin, and what readers can reach.

Every upload is decoded, checked and re-encoded before it is stored (no metadata, no
appended bytes, a random name with the real format's extension), the originals are
private, and only the renditions of live publications are public: the proxy serves
`MEDIA_ROOT/renditions/` at `/media/renditions/` and nothing else under `/media/`
(deploy/nginx/tap-cms.conf); `public_file` below is that rule.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from actors.models import Actor, Organisation
from briefs.models import Brief
from tests.briefs.admin_forms import form_data
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db

GPS = 0x8825


def _jpeg_with_gps(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = image.getexif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "Editing software"
    exif.get_ifd(GPS).update({1: "N", 2: (34.0, 31.0, 0.0), 3: "E", 4: (69.0, 10.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def _png(size=(1000, 500), colour=(30, 60, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


POLYGLOT_TAIL = b"<html><script>alert(document.cookie)</script></html>"


def _stored_files(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


def public_file(settings, url: str) -> Path | None:
    """The file the proxy would send for `url`, if any (the /media/ rule of nginx)."""
    prefix = f"{settings.MEDIA_URL}renditions/"
    if not url.startswith(prefix):
        return None
    path = Path(settings.MEDIA_ROOT) / "renditions" / url.removeprefix(prefix)
    return path if path.is_file() else None


def _upload_cover(client, brief, upload, **fields):
    url = f"/admin/briefs/brief/{brief.pk}/change/"
    data = form_data(client.get(url))
    data.update(cover=upload, cover_alt="A meeting room", **fields)
    return client.post(url, data)


@pytest.fixture
def draft(db):
    return build_brief(title="Cover draft")


@pytest.fixture
def reader():
    return Client()


# -- what is stored --------------------------------------------------------------------


def test_exif_and_gps_are_stripped(editor_client, draft, settings):
    data = _jpeg_with_gps()
    assert b"Camera maker" in data and b"secret comment" in data
    response = _upload_cover(editor_client, draft, SimpleUploadedFile("holiday.jpg", data))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert re.fullmatch(r"covers/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", draft.cover.name)
    assert "holiday" not in draft.cover.name
    with draft.cover.open("rb") as handle:
        stored = handle.read()
    assert b"Camera maker" not in stored and b"secret comment" not in stored
    assert b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (1200, 800)
        assert not image.getexif() and GPS not in image.getexif()
        assert "exif" not in image.info and "comment" not in image.info


def test_appended_bytes_are_dropped(editor_client, draft):
    polyglot = _png() + POLYGLOT_TAIL
    response = _upload_cover(editor_client, draft, SimpleUploadedFile("x.png", polyglot))
    assert response.status_code == 302
    draft.refresh_from_db()
    with draft.cover.open("rb") as handle:
        stored = handle.read()
    assert b"<script>" not in stored and b"html" not in stored
    assert stored.endswith(b"IEND\xaeB`\x82")  # the PNG ends where its image ends


def test_a_png_named_pdf_is_stored_as_png(editor_client, draft):
    upload = SimpleUploadedFile("report.pdf", _png(), content_type="application/pdf")
    assert _upload_cover(editor_client, draft, upload).status_code == 302
    draft.refresh_from_db()
    assert draft.cover.name.endswith(".png") and "report" not in draft.cover.name
    with draft.cover.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "PNG"


def test_the_original_is_stored_privately(editor_client, draft, settings):
    _upload_cover(editor_client, draft, SimpleUploadedFile("a.png", _png()))
    draft.refresh_from_db()
    path = Path(draft.cover.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT) / "renditions")
    assert draft.cover.url.startswith("/private-media/")


# -- what is refused ---------------------------------------------------------------------


def _refused(response, field, fragment):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert any(fragment in e for e in errors), errors


def test_a_text_file_named_jpg_is_a_form_error_and_writes_nothing(editor_client, draft, settings):
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a JPEG</html>\n" * 20, "image/jpeg")
    _refused(_upload_cover(editor_client, draft, fake), "cover", "image")
    assert not Brief.objects.get(pk=draft.pk).cover
    assert _stored_files(settings.MEDIA_ROOT) == []


def test_a_gif_is_a_form_error(editor_client, draft, settings):
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    upload = SimpleUploadedFile("a.gif", buffer.getvalue(), "image/gif")
    _refused(_upload_cover(editor_client, draft, upload), "cover", "JPEG, PNG or WebP")
    assert _stored_files(settings.MEDIA_ROOT) == []


def test_an_image_with_too_many_pixels_is_a_form_error(editor_client, draft, settings):
    settings.MAX_IMAGE_PIXELS = 100_000
    upload = SimpleUploadedFile("wide.png", _png(size=(1000, 500)), "image/png")
    _refused(_upload_cover(editor_client, draft, upload), "cover", "1000×500 pixels")
    assert not Brief.objects.get(pk=draft.pk).cover
    assert _stored_files(settings.MEDIA_ROOT) == []


def test_a_new_organisation_with_a_fake_logo_is_not_created(client, settings, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    data = form_data(client.get("/admin/actors/organisation/add/"))
    fake = SimpleUploadedFile("logo.png", b"GIF89a but not really" * 10, "image/png")
    data.update(name="Fake Logo Front", logo=fake)
    response = client.post("/admin/actors/organisation/add/", data)
    _refused(response, "logo", "image")
    assert not Organisation.objects.filter(name="Fake Logo Front").exists()
    assert _stored_files(settings.MEDIA_ROOT) == []


def test_logos_and_photos_are_reencoded_and_private(client, settings, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    data = form_data(client.get("/admin/actors/organisation/add/"))
    data.update(name="Logo Front", logo=SimpleUploadedFile("logo.pdf", _png() + POLYGLOT_TAIL))
    assert client.post("/admin/actors/organisation/add/", data).status_code == 302
    logo = Organisation.objects.get(name="Logo Front").logo
    data = form_data(client.get("/admin/actors/actor/add/"))
    data.update(name="Photo Person", photo=SimpleUploadedFile("me.jpg", _jpeg_with_gps()))
    assert client.post("/admin/actors/actor/add/", data).status_code == 302
    photo = Actor.objects.get(name="Photo Person").photo
    assert re.fullmatch(r"logos/../[0-9a-f]{32}\.png", logo.name)
    assert re.fullmatch(r"photos/../[0-9a-f]{32}\.jpg", photo.name)
    for field in (logo, photo):
        assert Path(field.path).is_relative_to(Path(settings.MEDIA_ROOT) / "private")
        with field.open("rb") as handle:
            stored = handle.read()
        assert b"<script>" not in stored and b"Camera maker" not in stored
        assert Client().get(field.url).status_code == 404


# -- what readers can reach --------------------------------------------------------------


def _urls_in(html: str, settings) -> set[str]:
    """Every address of a file the page names (src, srcset, og:image), site-relative."""
    found = re.findall(r"((?:https?://[\w.:-]+)?/[\w./-]+\.(?:webp|png|jpg))", html)
    return {url.removeprefix(settings.SITE_URL) for url in found}


def test_a_drafts_cover_is_not_reachable(editor_client, draft, reader, settings):
    _upload_cover(editor_client, draft, SimpleUploadedFile("draft.jpg", _jpeg_with_gps()))
    draft.refresh_from_db()
    preview = editor_client.get(f"/admin/briefs/brief/{draft.pk}/preview/")
    assert preview.status_code == 200
    html = preview.content.decode()
    images = sorted(u for u in _urls_in(html, settings) if u.endswith(".webp"))
    assert images and all(u.startswith("/private-media/renditions/") for u in images)
    assert editor_client.get(images[0]).status_code == 200  # the desk sees its preview
    for url in [*images, draft.cover.url]:
        assert reader.get(url).status_code == 404
        assert public_file(settings, url) is None
    # Under the directory the proxy serves there is nothing at all.
    assert _stored_files(Path(settings.MEDIA_ROOT) / "renditions") == []
    # Nor does Django answer anything under /media/.
    name = draft.cover.name
    for url in (f"/media/{name}", f"/media/private/{name}", f"/private-media/{name}"):
        assert reader.get(url).status_code == 404
    assert reader.get(f"/briefs/{draft.slug}/").status_code == 404


def test_a_live_briefs_renditions_are_public_and_its_original_is_not(
    editor_client, draft, publish, reader, settings
):
    _upload_cover(editor_client, draft, SimpleUploadedFile("live.jpg", _jpeg_with_gps()))
    draft.refresh_from_db()
    publish(draft)
    html = reader.get(f"/briefs/{draft.slug}/").content.decode()
    images = {u for u in _urls_in(html, settings) if u.endswith(".webp")}
    assert images
    for url in images:
        path = public_file(settings, url)
        assert path is not None, url
        with Image.open(path) as image:
            assert image.format == "WEBP" and not image.getexif()
    assert draft.cover.name not in html and "/private-media/" not in html
    assert public_file(settings, f"/media/{draft.cover.name}") is None
    assert reader.get(draft.cover.url).status_code == 404
    # The files under the public root are the renditions and nothing else.
    public = _stored_files(Path(settings.MEDIA_ROOT) / "renditions")
    assert public and all(p.suffix == ".webp" for p in public)


def test_a_withdrawn_briefs_renditions_are_no_longer_served(
    editor_client, draft, publish, editor, settings, django_capture_on_commit_callbacks
):
    from briefs.publishing import workflow

    _upload_cover(editor_client, draft, SimpleUploadedFile("live.jpg", _jpeg_with_gps()))
    draft.refresh_from_db()
    publish(draft)
    public = Path(settings.MEDIA_ROOT) / "renditions"
    assert _stored_files(public)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(draft, by=editor, comment="Legal review")
    assert _stored_files(public) == []


def test_a_scheduled_briefs_renditions_are_served_only_once_it_is_live(
    editor_client, draft, publish, reader, settings
):
    import datetime

    from django.utils import timezone

    from briefs.models import Publication

    _upload_cover(editor_client, draft, SimpleUploadedFile("later.jpg", _jpeg_with_gps()))
    draft.refresh_from_db()
    publish(draft, at=timezone.now() + datetime.timedelta(hours=1))
    public = Path(settings.MEDIA_ROOT) / "renditions"
    assert _stored_files(public) == []
    urls = [f["url"] for f in Publication.objects.get().card["cover"]["srcset"]]
    assert urls and all(u.startswith(f"{settings.MEDIA_URL}renditions/") for u in urls)
    for url in urls:
        assert reader.get(url).status_code == 404  # not before its time
    Publication.objects.update(go_live_at=timezone.now())
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert len(_stored_files(public)) == len(urls)  # moved: the proxy serves them now
    assert reader.get(f"{settings.MEDIA_URL}renditions/{'0' * 24}/480.webp").status_code == 404
    assert reader.get(f"{settings.MEDIA_URL}renditions/../private/x.webp").status_code == 404


# -- files stored before the re-encoding ---------------------------------------------------


def test_old_public_originals_are_moved_and_reencoded(settings):
    from actors.images import move_to_private
    from briefs.models import Publication

    old = Path(settings.MEDIA_ROOT) / "covers" / "2024" / "holiday.jpg"
    old.parent.mkdir(parents=True)
    old.write_bytes(_jpeg_with_gps() + POLYGLOT_TAIL)
    brief = build_brief(title="Old cover")
    Brief.objects.filter(pk=brief.pk).update(cover="covers/2024/holiday.jpg")
    move_to_private(Brief, "cover", also=[(Brief.history.model, "cover"), (Publication, "cover")])
    brief.refresh_from_db()
    assert not old.exists()
    assert re.fullmatch(r"covers/2024/../[0-9a-f]{32}\.jpg", brief.cover.name)
    with brief.cover.open("rb") as handle:
        stored = handle.read()
    assert b"Camera maker" not in stored and b"<script>" not in stored
    assert Path(brief.cover.path).is_relative_to(Path(settings.MEDIA_ROOT) / "private")
