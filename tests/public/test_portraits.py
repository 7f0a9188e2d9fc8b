"""Logos and photos on the public pages: a rendition of the current image, with its
alt text; the private original and any replaced image stay out of reach."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.factories import ActorFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _upload(size=(800, 800), colour=(30, 60, 90), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _image_url(html: str, alt: str) -> str:
    match = re.search(
        rf'<img class="entity__image[^"]*" src="([^"]+)" alt="{re.escape(alt)}"', html
    )
    assert match, f"no image with alt {alt!r}"
    return match[1]


def test_an_organisations_logo_is_shown_with_its_alt_text(client):
    ttp = OrganisationFactory(name="Tehrik-i-Taliban Pakistan", logo_alt="White flag of the TTP")
    ttp.logo = _upload()
    ttp.save()
    url = _image_url(client.get(ttp.get_absolute_url()).content.decode(), "White flag of the TTP")
    assert url.startswith(f"/organisations/{ttp.slug}/logo/") and url.endswith(".webp")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "WEBP" and image.width == 320  # a rendition, not the original
    assert "public" in response["Cache-Control"]
    # The original stays private, whatever the rendition's address says.
    assert client.get(ttp.logo.url).status_code == 404


def test_a_persons_photo_has_a_default_alt_text(client):
    asif = ActorFactory(name="Khawaja Muhammad Asif")
    asif.photo = _upload(size=(200, 300), name="asif.png")
    asif.save()
    url = _image_url(
        client.get(asif.get_absolute_url()).content.decode(), "Photo of Khawaja Muhammad Asif"
    )
    response = client.get(url)
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (200, 300)  # never enlarged


def test_a_replaced_or_removed_image_is_not_served(client):
    ttp = OrganisationFactory()
    ttp.logo = _upload(colour=(200, 0, 0))
    ttp.save()
    old = _image_url(client.get(ttp.get_absolute_url()).content.decode(), f"Logo of {ttp.name}")
    ttp.logo = _upload(colour=(0, 200, 0))
    ttp.save()
    new = _image_url(client.get(ttp.get_absolute_url()).content.decode(), f"Logo of {ttp.name}")
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    ttp.logo = ""
    ttp.save()
    assert 'class="entity__image' not in client.get(ttp.get_absolute_url()).content.decode()
    assert client.get(new).status_code == 404
    assert Client().get(f"/organisations/{ttp.slug}/logo/..%2F..%2Fsecret.webp").status_code == 404


def test_an_entity_without_an_image_shows_none(client):
    assert (
        'class="entity__image'
        not in client.get(OrganisationFactory().get_absolute_url()).content.decode()
    )


def test_an_image_costs_one_query_and_the_page_none_more(client, django_assert_num_queries):
    ttp = OrganisationFactory()
    ttp.logo = _upload()
    ttp.save()
    # As without a logo: tests/public/test_queries.py less the brief rows (there are none).
    with django_assert_num_queries(10):
        html = client.get(ttp.get_absolute_url()).content.decode()
    url = _image_url(html, f"Logo of {ttp.name}")
    with django_assert_num_queries(1):  # the organisation's slug and logo
        assert client.get(url).status_code == 200
