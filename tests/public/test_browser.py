"""The brief page in a real browser (Debian's chromium through Playwright), at phone and
desktop widths. Screenshots are kept in test-artifacts/ (git-ignored)."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from actors.models import EventClaim
from tests.factories import (
    ActorFactory,
    EventFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)
from tests.public.builders import build_brief

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# serialized_rollback: the groups and permissions made by migrations survive the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _cover() -> SimpleUploadedFile:
    """A landscape picture: dusk over hills, drawn here so the test needs no file."""
    width, height = 2000, 1000
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=(int(28 + 150 * t), int(46 + 80 * t), int(78 + 40 * t))
        )
    draw.polygon(
        [(0, 760), (420, 520), (900, 700), (1400, 480), (2000, 720), (2000, 1000), (0, 1000)],
        fill=(24, 32, 44),
    )
    draw.polygon(
        [(0, 880), (600, 700), (1200, 860), (2000, 760), (2000, 1000), (0, 1000)], fill=(14, 20, 28)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile("kabul.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def sample_brief(publish, settings):
    settings.ROOT_URLCONF = "tests.public.urls_with_media"
    ttp = OrganisationFactory(
        name="Tehrik-i-Taliban Pakistan",
        abbreviation="TTP",
        aliases=["Pakistani Taliban"],
        country="PK",
    )
    isi = OrganisationFactory(
        name="Inter-Services Intelligence", abbreviation="ISI", kind="intelligence", country="PK"
    )
    haqqani = OrganisationFactory(name="Haqqani Network")
    people = []
    for name, title, organisation in [
        ("Khawaja Muhammad Asif", "Defence Minister of Pakistan", None),
        ("Nadeem Anjum", "Director General", isi),
        ("Abdul Ghani Baradar", "Deputy Prime Minister, Taliban administration", None),
        ("Sirajuddin Haqqani", "Interior Minister, Taliban administration", None),
    ]:
        person = ActorFactory(name=name)
        RoleFactory(
            actor=person, title=title, organisation=organisation, start=datetime.date(2021, 9, 7)
        )
        people.append(person)
    attack = EventFactory(
        title="Attack on the Karachi police office",
        killed_best=4,
        injured_best=14,
        date=datetime.date(2023, 2, 17),
        claim="claimed",
    )
    EventClaim.objects.create(event=attack, organisation=ttp)
    speech = EventFactory(
        title="Foreign minister speaks in Munich",
        kind="speech",
        location="Munich",
        country="DE",
        date=datetime.date(2023, 2, 18),
    )
    author = UserFactory(username="ayesha", first_name="Ayesha", last_name="Khan")
    brief = build_brief(
        title="Pakistani delegation makes a surprise visit to Kabul",
        summary="Pakistan's defence minister and intelligence chief flew to Kabul to press the "
        "Taliban on the TTP; the two sides described the talks very differently.",
        sections=(
            (
                "What happened?",
                "On 22 February 2023 Defence Minister Khawaja Muhammad Asif and the ISI chief, "
                "Nadeem Anjum, arrived in Kabul unannounced. They met Abdul Ghani Baradar and "
                "Sirajuddin Haqqani.\n\nKabul's readout stressed trade; Islamabad's stressed the "
                "threat from the TTP and from Islamic State Khorasan Province.",
            ),
            (
                "Background",
                "Attacks by the Pakistani Taliban have risen since August 2021. On 17 February "
                "gunmen stormed a police office in Karachi; the TTP claimed the attack.\n\n"
                "> Afghanistan poses a threat to regional and world security.\n\n"
                "A day later, in Munich, Pakistan's foreign minister spoke of an *alphabet soup* "
                "of groups operating from Afghan soil.",
            ),
            (
                "Assessment",
                "Islamabad's leverage over the Taliban is real but limited: the movement's ties "
                "to the TTP run through kinship and ideology.\n\n"
                "- A mediated ceasefire is the likeliest outcome.\n"
                "- Pressure through trade and transit is Pakistan's strongest lever.\n"
                "- The Haqqani Network remains the channel to watch.",
            ),
        ),
        tags=("Pakistan", "Afghanistan", "Taliban", "Diplomacy"),
        actors=people,
        organisations=[ttp, isi, haqqani],
        events=[attack, speech],
        authors=[author],
        countries=("PK", "AF"),
        sources=3,
        cover=_cover(),
        cover_alt="Hills above Kabul at dusk",
        cover_credit="Illustration: TAP",
    )
    for n in range(4):
        publish(
            build_brief(
                title=f"Earlier brief number {n + 1} on the border crossings",
                date=datetime.date(2023, 1, 10 + n),
                tags=("Pakistan",),
            )
        )
    publish(brief)
    return brief


def _open(browser, live_server, path, viewport):
    page = browser.new_page(viewport=viewport)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    page.wait_for_load_state("load")
    return page


CONTRAST = """
(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const el = document.querySelector(selector);
  if (!el) return null;
  let bg = el;
  while (bg && rgb(getComputedStyle(bg).backgroundColor).length === 4
         && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
  const fore = lum(rgb(getComputedStyle(el).color));
  const back = lum(rgb(getComputedStyle(bg || document.body).backgroundColor));
  return (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
}
"""
TEXT = [
    ".brief__standfirst",
    ".byline",
    ".prose p",
    ".prose a.mention",
    ".kicker",
    ".panel__title",
    ".people__role",
    ".timeline__date",
    ".timeline__detail",
    ".brief__disclaimer",
    ".brief__copyright",
    ".site-nav a",
    ".site-footer__about",
    ".brief__cover figcaption",
    ".chips a",
    ".source__accessed, .brief__sources a",
]


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_brief_at_phone_and_desktop(live_server, sample_brief, chromium):
    browser = chromium
    ARTIFACTS.mkdir(exist_ok=True)
    path = f"/briefs/{sample_brief.slug}/"

    phone = _open(browser, live_server, path, PHONE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator("h1").count() == 1
    assert phone.locator("h1").is_visible()
    assert phone.locator("header").first.is_visible() and phone.locator("main").count() == 1
    assert phone.locator("footer.site-footer").count() == 1
    body, context = _box(phone, ".brief__body"), _box(phone, ".brief__context")
    assert context["y"] >= body["y"] + body["height"]  # one column: context after the text
    assert body["width"] <= PHONE["width"]
    cover = phone.locator(".brief__cover img")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    current = cover.evaluate("img => img.currentSrc")
    assert "/media/renditions/" in current and current.endswith("/480.webp")
    assert phone.locator(".brief__disclaimer").count() == 1
    phone.screenshot(path=ARTIFACTS / "brief-phone.png", full_page=True)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    skip = _box(phone, ".skip-link")
    assert skip["y"] >= 0  # shown when focused
    phone.close()

    desktop = _open(browser, live_server, path, DESKTOP)
    assert desktop.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    body, context = _box(desktop, ".brief__body"), _box(desktop, ".brief__context")
    assert context["x"] >= body["x"] + body["width"]  # two columns: context beside the text
    assert abs(context["y"] - body["y"]) < 5
    assert 560 <= body["width"] <= 800  # a readable measure
    current = desktop.locator(".brief__cover img").evaluate("img => img.currentSrc")
    assert current.endswith("/1600.webp")
    size = desktop.locator("h1").evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    assert size >= 44
    for selector in TEXT:  # WCAG AA for body text
        ratio = desktop.evaluate(CONTRAST, selector)
        assert ratio is not None and ratio >= 4.5, (selector, ratio)
    desktop.screenshot(path=ARTIFACTS / "brief-desktop.png", full_page=True)
    desktop.emulate_media(media="print")
    desktop.screenshot(path=ARTIFACTS / "brief-print.png", full_page=True)
    assert not desktop.locator(".site-header").is_visible()
    desktop.close()


def test_home_and_list_at_phone_and_desktop(live_server, sample_brief, chromium):
    browser = chromium
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        for page_name, path in [
            ("home", "/"),
            ("list", "/briefs/"),
            ("search", "/search/?q=kabul"),
            ("organisation", "/organisations/tehrik-i-taliban-pakistan/"),
            ("event", "/events/attack-on-the-karachi-police-office/"),
            ("actor", "/actors/khawaja-muhammad-asif/"),
        ]:
            page = _open(browser, live_server, path, viewport)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            assert page.locator("h1").count() == 1
            page.screenshot(path=ARTIFACTS / f"{page_name}-{name}.png", full_page=True)
            page.close()
