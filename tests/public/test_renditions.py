"""Cover images: renditions for phone and desktop, never the original."""

import re
from pathlib import Path

import pytest
from PIL import Image

from briefs.models import Publication
from tests.public.builders import build_brief, image_upload

pytestmark = pytest.mark.django_db


def test_cover_renditions_are_made_at_publishing(client, publish, settings):
    brief = build_brief(title="With a cover")
    brief.cover = image_upload(size=(2400, 1200))
    brief.cover_alt = "Delegates at the palace"
    brief.cover_credit = "Photo: Press office"
    brief.save()
    publication = publish(brief)
    cover = Publication.objects.get(pk=publication.pk).content["cover"]
    assert [f["width"] for f in cover["srcset"]] == [480, 960, 1600]
    assert [f["height"] for f in cover["srcset"]] == [240, 480, 800]
    for rendition in cover["srcset"]:
        path = Path(settings.MEDIA_ROOT) / rendition["url"].removeprefix(settings.MEDIA_URL)
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition["width"], rendition["height"])

    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    img = re.search(r'<figure class="brief__cover.*?<img (.*?)>', html, re.S)[1]
    assert 'alt="Delegates at the palace"' in img
    assert 'width="1600" height="800"' in img
    assert all(f"{f['url']} {f['width']}w" in img for f in cover["srcset"])
    assert "Photo: Press office" in html
    assert brief.cover.name not in html  # the original is never served
    assert (
        f'<meta property="og:image" content="{settings.SITE_URL}{cover["srcset"][-1]["url"]}">'
        in html
    )


def test_small_cover_is_not_enlarged(publish):
    brief = build_brief(title="Small cover")
    brief.cover = image_upload(size=(700, 350))
    brief.save()
    cover = publish(brief).content["cover"]
    assert [f["width"] for f in cover["srcset"]] == [480, 700]


def test_same_cover_reuses_its_files(publish, edit):
    brief = build_brief(title="Reused cover")
    brief.cover = image_upload(size=(1000, 500))
    brief.save()
    first = publish(brief).content["cover"]
    edit(brief, summary="Changed summary.")
    second = publish(brief).content["cover"]
    assert first["srcset"] == second["srcset"]


def test_exif_rotation_is_applied(publish):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = BytesIO()
    image = Image.new("RGB", (1200, 600), (200, 10, 10))
    exif = image.getexif()
    exif[0x0112] = 6  # rotated 90° clockwise: shown 600 wide, 1200 high
    image.save(buffer, "JPEG", exif=exif)
    brief = build_brief(title="Rotated cover")
    brief.cover = SimpleUploadedFile("r.jpg", buffer.getvalue(), content_type="image/jpeg")
    brief.save()
    cover = publish(brief).content["cover"]
    assert (cover["srcset"][-1]["width"], cover["srcset"][-1]["height"]) == (600, 1200)


def test_brief_without_cover_has_no_figure(client, live_brief):
    html = client.get("/briefs/delegation-visits-kabul/").content.decode()
    assert "brief__cover" not in html
    assert "og:image" not in html
