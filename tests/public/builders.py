"""Building briefs for the public-site tests; publishing goes through the workflow."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from briefs.models import BriefActor, BriefEvent, BriefOrganisation
from tests.factories import BriefFactory, SectionFactory, SourceFactory


def build_brief(
    *,
    title="Delegation visits Kabul",
    summary="Pakistan's defence minister and intelligence chief went to Kabul.",
    sections=(("What happened?", "The delegation met officials in Kabul."),),
    tags=("Pakistan",),
    actors=(),
    organisations=(),
    events=(),
    authors=(),
    countries=("PK",),
    date=datetime.date(2023, 2, 22),
    sources=1,
    **fields,
):
    brief = BriefFactory(
        title=title, summary=summary, date=date, countries=list(countries), **fields
    )
    for order, (heading, body) in enumerate(sections):
        SectionFactory(brief=brief, heading=heading, body=body, order=order)
    for _ in range(sources):
        SourceFactory(brief=brief)
    for actor in actors:
        BriefActor.objects.create(brief=brief, actor=actor)
    for organisation in organisations:
        BriefOrganisation.objects.create(brief=brief, organisation=organisation)
    for event in events:
        BriefEvent.objects.create(brief=brief, event=event)
    brief.authors.set(authors)
    brief.tags.set(list(tags))
    return brief


def image_upload(name="cover.png", size=(2000, 1000), fmt="PNG", colour=(30, 60, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")
