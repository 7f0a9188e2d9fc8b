"""The admin's forms behave (issue #10, point 8): one date format in the site's time
zone, shown with the zone; a step missing its comment saves nothing and keeps the text;
leaving a changed form asks first; states read as states; people greeted by name."""

import io
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command

from briefs.models import Brief, Publication
from briefs.publishing import workflow
from tests import factories
from tests.briefs.admin_forms import edit_brief, new_brief_data

Status = Brief.Status
ROOT = Path(__file__).resolve().parents[2]


def test_dates_read_and_write_as_dd_mm_yyyy_and_times_with_the_zone(
    client, analyst, editor, brief_in
):
    brief = brief_in(Status.REVIEW, by=analyst)
    client.force_login(editor)
    page = client.get(f"/admin/briefs/brief/{brief.pk}/change/").content.decode()
    assert 'name="date" value="22/02/2023"' in page
    response, _ = edit_brief(client, brief, date="23/02/2023")
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.date.isoformat() == "2023-02-23"
    # The list's times: 24-hour clock and the zone (GMT or BST) of Europe/London.
    listing = client.get("/admin/briefs/brief/").content.decode()
    updated = brief.updated_at.astimezone(zoneinfo.ZoneInfo("Europe/London"))
    assert f"{updated:%d/%m/%Y %H:%M %Z}" in listing
    # The step log too.
    assert f"{updated:%d/%m/%Y}" in page
    assert "p.m." not in listing and "a.m." not in listing


def test_withdrawing_without_a_reason_saves_nothing_and_keeps_the_text(
    editor_client, editor, brief_in
):
    brief = brief_in(Status.PUBLISHED, by=editor)
    version = brief.version
    response, _ = edit_brief(
        editor_client,
        brief,
        _transition="withdraw",
        _transition_comment="   ",
        title="A title typed but not saved",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the reason for withdrawing: a comment is required." in page
    assert 'value="A title typed but not saved"' in page
    assert "changed successfully" not in page
    brief.refresh_from_db()
    assert (brief.status, brief.version) == (Status.PUBLISHED, version)
    assert brief.title == "Delegation visits Kabul"
    assert Publication.objects.live().filter(brief=brief).exists()


def test_a_bad_go_live_time_keeps_the_comment_typed(editor_client, analyst, brief_in):
    brief = brief_in(Status.REVIEW, by=analyst)
    response, _ = edit_brief(
        editor_client,
        brief,
        _transition="publish",
        _go_live_at="30/02/2999 09:00",
        _transition_comment="Publish after the embargo.",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid date/time." in page
    assert "Publish after the embargo.</textarea>" in page
    assert 'value="30/02/2999 09:00"' in page
    assert not Publication.objects.exists()


def test_an_analyst_names_the_editor_when_submitting_a_new_brief(analyst_client, editor):
    data = new_brief_data(analyst_client)
    data.update(_transition="submit_for_review", _editor=str(editor.pk))
    response = analyst_client.post("/admin/briefs/brief/add/", data)
    assert response.status_code == 302
    brief = Brief.objects.get()
    assert (brief.status, brief.assigned_editor) == (Status.REVIEW, editor)


def test_leaving_a_changed_form_asks_first_with_a_script_the_policy_allows(analyst_client):
    page = analyst_client.get("/admin/briefs/brief/add/")
    html = page.content.decode()
    assert '<script src="/static/tap/unsaved.js" defer></script>' in html
    assert "script-src 'self'" in page["Content-Security-Policy"]
    script = Path(finders.find("tap/unsaved.js")).read_text()
    assert "beforeunload" in script and "changelist-form" in script


def test_states_read_as_states_not_as_errors(editor_client, editor, brief_in):
    brief_in(Status.PUBLISHED, by=editor)
    listing = editor_client.get("/admin/briefs/brief/").content.decode()
    assert 'class="field-unpublished_changes">None</td>' in listing
    assert "icon-no" not in listing and "icon-yes" not in listing
    assert 'class="field-state">Published</td>' in listing


def test_people_are_greeted_by_their_full_name(client, db):
    user = factories.analyst(username="sq", first_name="Sana", last_name="Qureshi")
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    assert 'Welcome, <strong class="user-name">Sana Qureshi</strong>.' in page


@pytest.mark.django_db
def test_the_demo_accounts_have_real_looking_names(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    names = {u.username: u.get_full_name() for u in get_user_model().objects.filter(is_staff=True)}
    assert names == {
        "analyst": "Sana Qureshi",
        "editor": "Daniel Hartley",
        "admin": "Margaret Okafor",
    }


# -- the settings read from the environment --------------------------------------------


def _settings(**env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(DJANGO_SECRET_KEY="x" * 60, DJANGO_SETTINGS_MODULE="tap_cms.settings", **env)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TIME_ZONE, s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


def test_time_zone_and_mail_come_from_the_environment():
    default = _settings()
    assert default.stdout.split()[:2] == [
        "Europe/London",
        "django.core.mail.backends.dummy.EmailBackend",  # production: no mail until set
    ], default.stderr
    debug = _settings(DJANGO_DEBUG="1")
    assert debug.stdout.split()[1] == "django.core.mail.backends.console.EmailBackend"
    configured = _settings(
        DJANGO_TIME_ZONE="Asia/Karachi", DJANGO_EMAIL_URL="smtp+tls://desk:pw@mail.example.org:587"
    )
    assert configured.stdout.split() == [
        "Asia/Karachi",
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
    ], configured.stderr
    wrong = _settings(DJANGO_TIME_ZONE="Europe/Atlantis")
    assert wrong.returncode != 0 and "DJANGO_TIME_ZONE" in wrong.stderr


def test_a_step_refused_after_the_form_saved_is_not_hidden(editor_client, editor, brief_in):
    # Publishing a brief already published as it stands: the form's own save is fine,
    # the step is refused and says why.
    brief = brief_in(Status.PUBLISHED, by=editor)
    response, _ = edit_brief(editor_client, brief, _transition="publish")
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "already published as it stands" in page
    assert workflow.current_publication(brief) is not None


def test_history_and_compare_show_times_in_the_site_zone(editor_client, editor, brief_in):
    brief = brief_in(Status.PUBLISHED, by=editor)
    when = zoneinfo.ZoneInfo("Europe/London")
    last = brief.history.order_by("-history_date").first().history_date.astimezone(when)
    history = editor_client.get(f"/admin/briefs/brief/{brief.pk}/history/").content.decode()
    assert f"{last:%d/%m/%Y %H:%M:%S %Z}" in history
    compare = editor_client.get(f"/admin/briefs/brief/{brief.pk}/compare/").content.decode()
    assert f"{last:%d/%m/%Y %H:%M:%S %Z} by editor" in compare
