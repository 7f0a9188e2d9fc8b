"""Every case of issue 9's "What we found", on the public page, on the demo registry.

Each brief is published through the workflow and read back as a reader gets it.
"""

import pytest

from briefs import mentions
from briefs.desk import names
from briefs.models import Brief
from tests.public.builders import build_brief

pytestmark = pytest.mark.django_db


def body_of(client, brief) -> str:
    html = client.get(f"/briefs/{brief.slug}/").content.decode()
    return html[html.index('class="brief__body') : html.index("brief__sources")]


def link(registry, slug, text) -> str:
    return f'<a href="{registry[slug].get_absolute_url()}" class="mention">{text}</a>'


LINKED = ["afghan-taliban", "tehrik-i-taliban-pakistan", "national-resistance-front",
          "islamic-state-khorasan-province", "sirajuddin-haqqani"]  # fmt: skip

# (what was typed, what the page links: (text as written, slug), or None for nothing)
CASES = {
    "inside Tehrik-e-Taliban": (
        "Tehrik-e-Taliban fighters crossed the border.",
        ("Tehrik-e-Taliban", "tehrik-i-taliban-pakistan"),
    ),
    "anti-Taliban": ("An anti-Taliban militia formed in the north.", None),
    "Resistance Front inside National Resistance Front": (
        "The National Resistance Front fought on.",
        ("National Resistance Front", "national-resistance-front"),
    ),
    "Urdu typed with Arabic yeh and kaf": (
        "اخبار کے مطابق تحريك طالبان پاكستان نے ذمہ داری قبول کی۔",
        ("تحريك طالبان پاكستان", "tehrik-i-taliban-pakistan"),
    ),
    "zero-width non-joiner in a name": (
        "Then Tehrik-i-Taliban\u200c Pakistan claimed it.",
        ("Tehrik-i-Taliban\u200c Pakistan", "tehrik-i-taliban-pakistan"),
    ),
    "zero-width space in a name": (
        "Then Tehrik-i-Tali\u200bban Pakistan claimed it.",
        ("Tehrik-i-Tali\u200bban Pakistan", "tehrik-i-taliban-pakistan"),
    ),
    "soft hyphen in a name": (
        "Then Tehrik-i-Tali\u00adban Pakistan claimed it.",
        ("Tehrik-i-Tali\u00adban Pakistan", "tehrik-i-taliban-pakistan"),
    ),
    "accents, composed": (
        "Sirājuddīn Ḥaqqānī received them.",
        ("Sirājuddīn Ḥaqqānī", "sirajuddin-haqqani"),
    ),
    "accents, decomposed": (
        "Sira\u0304juddi\u0304n H\u0323aqqa\u0304ni\u0304 received them.",
        ("Sira\u0304juddi\u0304n H\u0323aqqa\u0304ni\u0304", "sirajuddin-haqqani"),
    ),
    "en dash in Islamic State–Khorasan": (
        "Islamic State–Khorasan struck Kabul.",
        ("Islamic State–Khorasan", "islamic-state-khorasan-province"),
    ),
    "line broken after a hyphen": (
        "The Tehrik-i-\nTaliban Pakistan claimed it.",
        ("Tehrik-i-\nTaliban Pakistan", "tehrik-i-taliban-pakistan"),
    ),
    "generic resistance front": ("The resistance front line held.", None),
    "Taliban meaning the TTP, unresolved": ("Pakistan blamed the Taliban.", None),
}


@pytest.mark.parametrize("case", CASES)
def test_what_we_found(case, client, publish, demo_registry):
    text, expected = CASES[case]
    brief = build_brief(
        title=f"Case {case}",
        sections=(("What happened?", text),),
        organisations=[demo_registry[s] for s in LINKED if "haqqani" not in s],
        actors=[demo_registry["sirajuddin-haqqani"]],
    )
    publish(brief)
    body = body_of(client, brief)
    if expected is None:
        assert 'class="mention"' not in body
    else:
        assert link(demo_registry, expected[1], expected[0]) in body
        assert body.count('class="mention"') == 1


def test_a_wrong_link_no_longer_uses_up_the_first_mention(client, publish, demo_registry):
    brief = build_brief(
        sections=(
            (
                "What happened?",
                "Tehrik-e-Taliban fighters attacked; the Afghan Taliban denied any role.",
            ),
        ),
        organisations=[demo_registry["afghan-taliban"]],
    )
    publish(brief)
    body = body_of(client, brief)
    assert "Tehrik-e-<a" not in body
    assert link(demo_registry, "afghan-taliban", "Afghan Taliban") in body


def test_an_ambiguous_mention_links_exactly_as_the_analyst_chose(client, publish, demo_registry):
    brief = build_brief(
        sections=(
            ("What happened?", "Pakistan blamed the Taliban. The resistance front line held."),
        ),
        organisations=[
            demo_registry["tehrik-i-taliban-pakistan"],
            demo_registry["national-resistance-front"],
        ],
    )
    panel = names.for_brief(brief)
    taliban, front = (a.mention for a in panel.ambiguous)
    Brief.objects.filter(pk=brief.pk).update(
        mention_choices={
            taliban.id: mentions.ref_id(
                ("organisation", demo_registry["tehrik-i-taliban-pakistan"].pk)
            ),
            front.id: mentions.NOT_A_MENTION,
        }
    )
    publish(Brief.objects.get(pk=brief.pk))
    body = body_of(client, brief)
    assert "blamed the " + link(demo_registry, "tehrik-i-taliban-pakistan", "Taliban") in body
    assert body.count('class="mention"') == 1


def test_the_demo_brief_links_the_taliban_as_its_analyst_chose(client, demo_registry):
    brief = Brief.objects.get()  # the demo brief, published by load_demo
    body = body_of(client, brief)
    assert link(demo_registry, "afghan-taliban", "Taliban") in body
    assert link(demo_registry, "national-resistance-front", "National Resistance Front") in body
    assert "Resistance Front</a>" not in body.replace("National Resistance Front</a>", "")
