"""The one matcher's rules (`actors.matching`), on plain text: no database."""

import pytest

from actors.matching import Matcher, Name, key, normalise

AFGHAN, TTP, ISK, HAQQANI, NRF = (("organisation", n) for n in range(1, 6))
REGISTRY = Matcher(
    [
        Name("Afghan Taliban", AFGHAN),
        Name("Taliban", AFGHAN, ambiguous=True),
        Name("Tehrik-i-Taliban Pakistan", TTP),
        Name("Tehrik-e-Taliban", TTP),
        Name("TTP", TTP),
        Name("تحریک طالبان پاکستان", TTP),
        Name("Islamic State – Khorasan", ISK),
        Name("IS-K", ISK),
        Name("Sirajuddin Haqqani", HAQQANI),
        Name("National Resistance Front", NRF),
        Name("Resistance Front", NRF, ambiguous=True),
    ]
)


def found(text):
    return [(text[m.start : m.end], m.refs, m.ambiguous) for m in REGISTRY.find(text)]


@pytest.mark.parametrize(
    "text",
    ["Tehrik-e-Taliban fighters", "an anti-Taliban militia", "the Taliban-led government"],
)
def test_a_hyphen_joins_words_so_the_taliban_are_not_inside_a_compound(text):
    assert all(refs != (AFGHAN,) for _, refs, _ in found(text))


def test_longest_match_wins_and_possessives_match():
    assert found("The TTP's men and Tehrik-i-Taliban Pakistan’s leader") == [
        ("TTP", (TTP,), False),
        ("Tehrik-i-Taliban Pakistan", (TTP,), False),
    ]


def test_abbreviations_match_only_in_capitals():
    assert found("ttp and Ttp and is-k") == []
    assert found("IS-K and ISK") == [("IS-K", (ISK,), False)]


@pytest.mark.parametrize(
    "text",
    [
        "Sirājuddīn Ḥaqqānī",  # composed
        "Sira\u0304juddi\u0304n H\u0323aqqa\u0304ni\u0304",  # decomposed
        "SIRAJUDDIN haqqani",
        "Siraj\u00adud\u200bdin\u200c Haqqani",  # soft hyphen, zero-width space and non-joiner
        "Sirajuddin\u00a0Haqqani",
        "Sirajuddin\n  Haqqani",
    ],
)
def test_accents_case_and_invisible_characters_do_not_matter(text):
    ((written, refs, _),) = found(f"said {text}.")
    assert written == text and refs == (HAQQANI,)


def test_arabic_script_variants_are_one_letter():
    # Arabic yeh and kaf (U+064A, U+0643) for Farsi yeh and keheh; tatweel; harakat.
    for text in ["تحريك طالبان پاكستان", "تحریـــک طالبان پاکستان", "تَحریک طالِبان پاکستان"]:
        assert [refs for _, refs, _ in found(text)] == [(TTP,)], text
    assert key("هـ") == key("ہ") == key("ه")
    assert key("أفغان") == key("افغان") == key("إفغان") == key("آفغان")


def test_dashes_and_line_breaks_inside_a_name_are_equivalent():
    for text in ["Islamic State–Khorasan", "Islamic State - Khorasan", "Islamic State—\nKhorasan"]:
        assert [refs for _, refs, _ in found(text)] == [(ISK,)], text
    assert found("Tehrik-i-\nTaliban Pakistan") == [("Tehrik-i-\nTaliban Pakistan", (TTP,), False)]


def test_ambiguous_names_are_found_as_ambiguous():
    assert found("Pakistan blamed the Taliban") == [("Taliban", (AFGHAN,), True)]
    assert found("the resistance front line held") == [("resistance front", (NRF,), True)]
    shared = Matcher([Name("Haqqanis", HAQQANI), Name("Haqqanis", AFGHAN)])
    (match,) = shared.find("the Haqqanis")
    assert match.ambiguous and set(match.refs) == {HAQQANI, AFGHAN} and match.ref is None


def test_offsets_map_back_to_the_original_characters():
    norm = normalise("Ḥaq\u200bqānī—x")
    assert norm.text == "haqqani x"
    assert (norm.start[0], norm.end[-3]) == (0, 8)
