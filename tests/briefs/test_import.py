"""`manage.py import_brief`, run as a command against the real database.

The sample files under `samples/` are written for these tests; the CRLF, BOM and
Latin-1 files are byte-exact (see `samples/.gitattributes`).
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from briefs.models import STANDARD_HEADINGS, Brief, BriefActor, BriefOrganisation, Section
from briefs.publishing.editing import revision
from tests.factories import ActorFactory, OrganisationFactory, UserFactory

SAMPLES = Path(__file__).parent / "samples"
DISCLAIMER_START = "The viewpoints expressed"
STANDARD_ORDER = [("What happened?", 0), ("Background", 1), ("Assessment", 2)]

pytestmark = pytest.mark.django_db


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run(*args) -> Run:
    """Call the command as the shell would, returning its exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_brief", *[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return Run(code=code, out=out.getvalue(), err=err.getvalue())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def nothing_written() -> bool:
    return not (
        Brief.objects.exists()
        or Section.objects.exists()
        or BriefOrganisation.objects.exists()
        or BriefActor.objects.exists()
        or Brief.history.exists()
    )


@pytest.fixture
def known(db) -> dict:
    """Organisations and people of the sample's world, with their other names."""
    return {
        "ttp": OrganisationFactory(
            name="Tehrik-i-Taliban Pakistan",
            abbreviation="TTP",
            aliases=["Tehrik-e-Taliban-e-Pakistan", "Pakistani Taliban"],
        ),
        "isk": OrganisationFactory(
            name="Islamic State Khorasan Province", abbreviation="IS-K", aliases=["ISKP"]
        ),
        "isi": OrganisationFactory(name="Inter-Services Intelligence", abbreviation="ISI"),
        "taliban": OrganisationFactory(name="Afghan Taliban", aliases=["Taliban"]),
        "tribune": OrganisationFactory(name="The Express Tribune"),
        "asif": ActorFactory(name="Khawaja Muhammad Asif", aliases=["خواجہ محمد آصف"]),
        "baradar": ActorFactory(
            name="Mullah Abdul Ghani Baradar", aliases=["Mullah Baradar", "ملا عبدالغني برادر"]
        ),
        "haqqani": ActorFactory(name="Sirajuddin Haqqani", aliases=["سراج الدين حقاني"]),
        "balkhi": ActorFactory(name="Abdul Qahhar Balkhi"),
    }


# A good file ------------------------------------------------------------------------


def test_imports_a_file_as_a_draft_with_the_standard_sections(known):
    result = run(SAMPLES / "kabul-visit.txt")

    assert result.code == 0, result.err
    assert result.err == ""
    brief = Brief.objects.get()
    assert brief.status == Brief.Status.DRAFT
    sections = list(brief.sections.all())
    assert [(s.heading, s.order) for s in sections] == STANDARD_ORDER
    happened = sections[0].body
    assert happened.startswith("On Wednesday, February 22, 2023, a Pakistani delegation")
    assert happened.endswith("from IS-K.")
    # Two paragraphs, separated by one blank line, as Markdown wants.
    assert happened.count("\n\n") == 1
    assert "\n\nThe two capitals described" in happened
    assert sections[2].body.endswith("looks more likely than a crackdown.")
    assert result.out_lines == [
        f'{SAMPLES / "kabul-visit.txt"}: draft #{brief.pk} "{brief.title}" '
        "(3 sections, 4 organisations, 3 people, 0 events)",
        "Imported 1, failed 0.",
    ]


def test_disclaimer_and_copyright_lines_are_dropped(db):
    run(SAMPLES / "kabul-visit.txt", SAMPLES / "heading-variants.txt")

    bodies = " ".join(Section.objects.values_list("body", flat=True))
    assert Section.objects.count() == 6
    assert DISCLAIMER_START not in bodies
    assert "All Rights Reserved" not in bodies
    assert "©" not in bodies


def test_wrapped_disclaimer_is_dropped_but_text_about_copyright_stays(tmp_path):
    path = write(
        tmp_path,
        "footer.txt",
        "Assessment\n\nCopyright law was not on the agenda in 2023.\n\n"
        "*The viewpoints expressed by the authors do not necessarily reflect\n"
        "the opinions of Terrorism Analysis Platform.\n\nCopyright (c) 2019 TAP\n",
    )

    assert run(path).code == 0

    assert Section.objects.get().body == "Copyright law was not on the agenda in 2023."


def test_working_title_summary_and_date_come_from_the_first_sentence(db):
    run(SAMPLES / "kabul-visit.txt")

    brief = Brief.objects.get()
    assert brief.title.startswith("A Pakistani delegation led by Defence Minister")
    assert brief.title.endswith("…")
    assert len(brief.title) <= 90
    assert brief.summary == (
        "On Wednesday, February 22, 2023, a Pakistani delegation led by Defence Minister "
        "Khawaja Muhammad Asif and ISI chief Lt. Gen. Nadeem Anjum arrived in Kabul without "
        "prior announcement."
    )
    assert brief.date == datetime.date(2023, 2, 22)
    assert brief.slug.startswith("a-pakistani-delegation-led-by")


def test_date_written_day_first_is_found(db):
    run(SAMPLES / "heading-variants.txt")

    brief = Brief.objects.get()
    assert brief.date == datetime.date(2023, 2, 18)
    assert brief.title.startswith("Pakistan's foreign minister spoke at the Munich")


def test_without_a_date_in_the_text_the_file_name_or_today_is_used(tmp_path):
    text = "What happened?\n\nOfficials met in Kabul to talk about the border.\n"
    dated = write(tmp_path, "brief-2021-08-15.txt", text)
    undated = write(tmp_path, "notes.txt", text.replace("Officials", "Envoys"))

    assert run(dated, undated).code == 0

    dates = {b.history.get().history_change_reason: b.date for b in Brief.objects.all()}
    assert dates == {
        "Imported from brief-2021-08-15.txt": datetime.date(2021, 8, 15),
        "Imported from notes.txt": timezone.localdate(),
    }


def test_a_single_line_above_the_first_heading_is_the_title(tmp_path):
    path = write(
        tmp_path,
        "titled.txt",
        "Pakistan presses Kabul on the TTP\n\nWhat happened?\n\nOn March 1, 2023, envoys met.\n",
    )

    assert run(path).code == 0

    brief = Brief.objects.get()
    assert brief.title == "Pakistan presses Kabul on the TTP"
    assert [s.body for s in brief.sections.all()] == ["On March 1, 2023, envoys met."]


def test_title_option_replaces_the_working_title(db):
    run(SAMPLES / "kabul-visit.txt", "--title", "Pakistani delegation visits Kabul")

    brief = Brief.objects.get()
    assert brief.title == "Pakistani delegation visits Kabul"
    assert brief.slug == "pakistani-delegation-visits-kabul"


def test_title_option_longer_than_the_field_is_refused(db):
    with pytest.raises(CommandError, match="--title is longer than 250"):
        run(SAMPLES / "kabul-visit.txt", "--title", "x" * 251)
    assert nothing_written()


# Encodings, line ends, scripts, headings ---------------------------------------------


def test_crlf_file_with_byte_order_mark(db):
    raw = (SAMPLES / "crlf-bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the sample is what it claims

    assert run(SAMPLES / "crlf-bom.txt").code == 0

    brief = Brief.objects.get()
    sections = list(brief.sections.all())
    # "Assessment" there ends in a no-break space, like the archive's own files.
    assert [s.heading for s in sections] == STANDARD_HEADINGS
    assert not any("\r" in s.body or "\ufeff" in s.body for s in sections)
    assert "\ufeff" not in brief.title and "\ufeff" not in brief.summary
    assert sections[1].body == "The TTP said it carried out the raid."
    assert sections[2].body.endswith("across the border.")
    assert brief.date == datetime.date(2023, 2, 17)


def test_urdu_and_pashto_names_stay_intact_and_link(known):
    assert run(SAMPLES / "urdu-pashto.txt").code == 0

    brief = Brief.objects.get()
    text = " ".join(brief.sections.values_list("body", flat=True))
    for name in ["خواجہ محمد آصف", "ملا عبدالغني برادر", "سراج الدين حقاني"]:
        assert name in text
    assert "خواجہ محمد آصف" in brief.title
    # Haqqani is named only in Arabic script here.
    assert set(brief.actors.all()) == {known["asif"], known["baradar"], known["haqqani"]}


def test_headings_in_any_case_with_colon_or_question_mark_in_standard_order(db):
    assert run(SAMPLES / "heading-variants.txt").code == 0

    sections = list(Brief.objects.get().sections.all())
    # The file has Assessment before Background; they are stored in the standard order.
    assert [(s.heading, s.order) for s in sections] == STANDARD_ORDER
    # An indented line would be a Markdown code block; it is stored as a plain paragraph.
    assert sections[2].body == (
        "The speech signalled that Pakistan intends to press the issue in international "
        "forums.\n\nIts officials are likely to repeat the message."
    )


# Links to organisations and people ---------------------------------------------------


def test_links_organisations_and_people_by_name_alias_and_abbreviation(known):
    run(SAMPLES / "kabul-visit.txt")

    brief = Brief.objects.get()
    assert set(brief.organisations.all()) == {
        known["ttp"],
        known["isk"],
        known["isi"],
        known["taliban"],
    }
    assert set(brief.actors.all()) == {known["asif"], known["baradar"], known["haqqani"]}


def test_abbreviations_match_only_in_capitals_and_as_whole_words(known, tmp_path):
    path = write(
        tmp_path,
        "words.txt",
        "What happened?\n\nAnalysts wrote ttp and isi in lower case, and ISIS and "
        "ISKPs as other words.\n",
    )

    run(path)

    assert not Brief.objects.get().organisations.exists()


def test_full_names_match_in_any_case(known, tmp_path):
    path = write(
        tmp_path,
        "case.txt",
        "What happened?\n\nThe TEHRIK-E-TALIBAN-E-PAKISTAN claimed the attack.\n",
    )

    run(path)

    assert list(Brief.objects.get().organisations.all()) == [known["ttp"]]


def test_longer_names_win_and_prefixed_names_do_not_count(known, tmp_path):
    path = write(
        tmp_path,
        "taliban.txt",
        "What happened?\n\nThe Pakistani Taliban attacked, and the anti-Taliban "
        "Resistance Front held Panjshir.\n",
    )

    run(path)

    # Neither "Taliban" inside "Pakistani Taliban" nor "anti-Taliban" is the Afghan Taliban.
    assert list(Brief.objects.get().organisations.all()) == [known["ttp"]]


def test_a_name_shared_by_two_organisations_links_neither(known, tmp_path):
    other = OrganisationFactory(name="Taliban movement of old", aliases=["Taliban"])
    path = write(
        tmp_path, "ambiguous.txt", "What happened?\n\nThe Taliban answered the TTP's statement.\n"
    )

    result = run(path)

    assert list(Brief.objects.get().organisations.all()) == [known["ttp"]]
    assert other not in Brief.objects.get().organisations.all()
    assert result.out_lines[0].endswith("; ambiguous, not linked: Taliban")


# History and authors ------------------------------------------------------------------


def test_history_has_one_revision_including_sections_and_links(known):
    run(SAMPLES / "kabul-visit.txt")

    brief = Brief.objects.get()
    (record,) = brief.history.all()
    assert record.history_change_reason == "Imported from kabul-visit.txt"
    assert record.history_user is None
    at_import = revision(brief, record.history_id)
    assert [(s.heading, s.order) for s in at_import.sections] == STANDARD_ORDER
    assert at_import.sections[0].body == brief.sections.get(order=0).body
    assert at_import.organisation_ids == {known[k].pk for k in ["ttp", "isk", "isi", "taliban"]}
    assert at_import.actor_ids == {known[k].pk for k in ["asif", "baradar", "haqqani"]}


def test_without_author_nobody_is_credited(db):
    run(SAMPLES / "kabul-visit.txt")

    brief = Brief.objects.get()
    assert brief.created_by is None
    assert not brief.authors.exists()


def test_author_is_credited_and_recorded_in_history(db):
    user = UserFactory(username="analyst1")

    assert run(SAMPLES / "kabul-visit.txt", "--author", "analyst1").code == 0

    brief = Brief.objects.get()
    assert list(brief.authors.all()) == [user]
    assert brief.created_by == user
    assert brief.history.get().history_user == user
    assert {h.history_user for h in Section.history.all()} == {user}


def test_unknown_author_imports_nothing(db):
    UserFactory(username="analyst1")

    with pytest.raises(CommandError, match='--author "nobody": no such user; none of the 2'):
        run(SAMPLES / "kabul-visit.txt", SAMPLES / "crlf-bom.txt", "--author", "nobody")

    assert nothing_written()


# Bad input ----------------------------------------------------------------------------


BAD_FILES = {
    "empty.txt": (None, "is empty"),
    "blank.txt": (b" \n\n\t\r\n", "is empty"),
    "picture.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "is a binary file"),
    "latin1.txt": (None, "is not UTF-8 text (byte 0xe9 on line 3)"),
    "utf16.txt": ("What happened?\n\nText.\n".encode("utf-16"), "is UTF-16 text"),
    "no-sections.txt": (None, "has no recognisable section"),
    "missing.txt": (None, "no such file"),
    "twice.txt": (
        b"Background\n\nOne.\n\nBACKGROUND:\n\nTwo.\n",
        'has the heading "Background" twice (again on line 5)',
    ),
    "preamble.txt": (
        b"A title\nand a second line\n\nAssessment\n\nText.\n",
        "has 2 lines before the first heading",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_gets_one_line_and_writes_nothing(name, db, tmp_path):
    content, reason = BAD_FILES[name]
    if content is not None:
        (tmp_path / name).write_bytes(content)
        path = tmp_path / name
    else:
        path = (tmp_path if name == "missing.txt" else SAMPLES) / name

    result = run(path)

    assert result.code == 1
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"{path}: ")
    assert reason in result.err_lines[0]
    assert result.out_lines == ["Imported 0, failed 1."]
    assert nothing_written()


def test_one_bad_file_among_good_ones(db):
    files = [SAMPLES / "kabul-visit.txt", SAMPLES / "latin1.txt", SAMPLES / "crlf-bom.txt"]

    result = run(*files)

    assert result.code == 1
    assert Brief.objects.count() == 2
    assert set(Brief.history.values_list("history_change_reason", flat=True)) == {
        "Imported from kabul-visit.txt",
        "Imported from crlf-bom.txt",
    }
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"{files[1]}: is not UTF-8")
    assert [line.split(":")[0] for line in result.out_lines[:2]] == [str(files[0]), str(files[2])]
    assert result.out_lines[-1] == "Imported 2, failed 1."


# Dry run ------------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_says_what_it_would_create(known):
    result = run(SAMPLES / "kabul-visit.txt", "--dry-run")

    assert result.code == 0
    assert nothing_written()
    lines = result.out_lines
    assert lines[0].startswith(
        f'{SAMPLES / "kabul-visit.txt"}: would create draft "A Pakistani delegation led by'
    )
    assert "dated 2023-02-22" in lines[0]
    assert lines[1:4] == [
        "  What happened?: 77 words",
        "  Background: 57 words",
        "  Assessment: 27 words",
    ]
    # In order of first mention (the working title comes first).
    assert lines[4] == (
        "  organisations: Inter-Services Intelligence, Afghan Taliban, "
        "Tehrik-i-Taliban Pakistan, Islamic State Khorasan Province"
    )
    assert lines[5] == (
        "  people: Khawaja Muhammad Asif, Mullah Abdul Ghani Baradar, Sirajuddin Haqqani"
    )
    assert lines[-1] == "Would import 1, failed 0. Nothing was written (dry run)."


def test_dry_run_still_reports_bad_files(db):
    result = run(SAMPLES / "kabul-visit.txt", SAMPLES / "empty.txt", "--dry-run")

    assert result.code == 1
    assert result.err_lines == [f"{SAMPLES / 'empty.txt'}: is empty"]
    assert result.out_lines[-1] == "Would import 1, failed 1. Nothing was written (dry run)."
    assert nothing_written()


# What we found (issue 9), on the demo registry ----------------------------------------

FOUND = (
    "What happened?\n\n"
    "On 17 February 2023 militants attacked the police office in Karachi. "
    "Tehrik-e-Taliban fighters were blamed, and an anti-Taliban militia was mentioned.\n\n"
    "Pakistan blamed the Taliban. The resistance front line held.\n\n"
    "Urdu papers wrote تحريك طالبان پاكستان. Sira\u0304juddi\u0304n Haqqa\u0304ni\u0304 spoke; "
    "Islamic State–Khorasan was named, and the Tehrik-i-\nTaliban Pakistan again.\n"
)


def test_what_we_found_on_the_importer(demo_registry, tmp_path):
    result = run(write(tmp_path, "found.txt", FOUND))

    assert result.code == 0, result.err
    brief = Brief.objects.exclude(imported_digest="").get()  # not the demo brief
    assert set(brief.organisations.values_list("slug", flat=True)) == {
        "tehrik-i-taliban-pakistan",
        "islamic-state-khorasan-province",
    }
    assert list(brief.actors.values_list("slug", flat=True)) == ["sirajuddin-haqqani"]
    # The attack's day and place are both named: the event is linked too.
    assert list(brief.events.values_list("slug", flat=True)) == [
        "karachi-police-office-attack-2023"
    ]
    assert result.out_lines[0].endswith(
        "(1 section, 2 organisations, 1 person, 1 event); "
        "ambiguous, not linked: Taliban, resistance front"
    )


def test_an_event_needs_both_its_day_and_its_place(demo_registry, tmp_path):
    run(write(tmp_path, "karachi.txt", "What happened?\n\nOn 18 February 2023 Karachi was calm.\n"))
    assert not Brief.objects.exclude(imported_digest="").get().events.exists()


def test_a_text_imported_before_is_skipped_unless_again(known, tmp_path):
    first = write(tmp_path, "brief.txt", "What happened?\n\nThe TTP attacked a post.\n")
    copy = write(tmp_path, "copy.txt", "What happened?\n\nThe TTP attacked a post.\n")
    assert run(first).code == 0
    brief = Brief.objects.get()

    result = run(copy)

    assert result.code == 0
    assert result.out_lines == [
        f'{copy}: already imported as draft #{brief.pk} "{brief.title}"; '
        "skipped (--again imports it once more)",
        "Imported 0, failed 0, skipped 1 imported before.",
    ]
    assert Brief.objects.count() == 1
    assert run(copy, "--again").code == 0
    assert Brief.objects.count() == 2
