"""A second factor for editors and superusers (django-otp), through the admin's login."""

import logging
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.accounts.conftest import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


def code(device: TOTPDevice, *, offset: int = 0) -> str:
    """What the phone shows now (or `offset` steps later)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def admin_page(client) -> int:
    return client.get("/admin/").status_code


def set_up(client, username) -> list[str]:
    """Password, then the setup page, confirmed with a code; the recovery codes shown."""
    assert log_in(client, username)["Location"] == "/admin/login/setup/"
    page = client.get("/admin/login/setup/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    response = client.post("/admin/login/setup/", {"token": code(device)})
    assert response.status_code == 200
    return response.context["codes"]


def test_an_editor_with_a_password_alone_gets_no_admin_page(client, editor):
    response = log_in(client, "editor")
    assert response.status_code == 302 and response["Location"] == "/admin/login/setup/"
    assert "_auth_user_id" not in client.session
    for url in ["/admin/", "/admin/briefs/brief/", "/admin/profile/"]:
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")


def test_a_forced_password_only_session_gets_no_admin_page(editor_client):
    """Even a logged-in session is refused until it has passed the second factor."""
    assert admin_page(editor_client) == 302


def test_the_setup_page_shows_the_key_as_uri_and_server_drawn_qr_code(client, editor):
    log_in(client, "editor")
    page = client.get("/admin/login/setup/")
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert "otpauth://totp/TAP%20CMS%3Aeditor?secret=" in html
    assert '<svg width="' in html and 'class="tap-qr"' in html
    # Under the CSP: no inline script or style.
    assert not re.search(r"<script(?![^>]*\ssrc=)", html) and "style=" not in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    # Reloading shows the same key.
    again = client.get("/admin/login/setup/").content.decode()
    assert re.search(r"secret=(\w+)", html)[1] == re.search(r"secret=(\w+)", again)[1]


def test_setup_then_login_with_a_code(client, editor):
    codes = set_up(client, "editor")
    assert len(codes) == 10 and len(set(codes)) == 10
    assert admin_page(client) == 200

    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed
    later = Client()
    assert log_in(later, "editor")["Location"] == "/admin/login/verify/"
    assert admin_page(later) == 302
    refused = later.post("/admin/login/verify/", {"token": "000000"})
    assert refused.status_code == 200 and b"not right" in refused.content
    assert admin_page(later) == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's own throttle after the wrong code
    device.throttling_failure_timestamp = None
    device.save()
    response = later.post("/admin/login/verify/", {"token": code(device, offset=1)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert admin_page(later) == 200


def test_a_wrong_setup_code_confirms_nothing(client, editor):
    log_in(client, "editor")
    client.get("/admin/login/setup/")
    response = client.post("/admin/login/setup/", {"token": "123456x"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert admin_page(client) == 302


def test_a_recovery_code_works_once(client, editor):
    codes = set_up(client, "editor")
    first = Client()
    log_in(first, "editor")
    response = first.post("/admin/login/verify/", {"token": codes[0]})
    assert response.status_code == 302 and admin_page(first) == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 9

    second = Client()
    log_in(second, "editor")
    refused = second.post("/admin/login/verify/", {"token": codes[0]})
    assert refused.status_code == 200 and admin_page(second) == 302


def test_superusers_need_it_too(client, superuser):
    assert log_in(client, "root")["Location"] == "/admin/login/setup/"
    assert admin_page(client) == 302


def test_an_analyst_without_a_device_logs_in_with_a_password(client, analyst):
    response = log_in(client, "analyst")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert admin_page(client) == 200


def test_an_analyst_may_add_a_device_and_is_then_asked_for_it(client, analyst):
    log_in(client, "analyst")
    assert client.get("/admin/login/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=analyst)
    assert client.post("/admin/login/setup/", {"token": code(device)}).status_code == 200
    later = Client()
    assert log_in(later, "analyst")["Location"] == "/admin/login/verify/"
    assert admin_page(later) == 302


def test_the_second_step_expires(client, editor, monkeypatch):
    set_up(Client(), "editor")
    log_in(client, "editor")
    session = client.session
    session["tap_two_factor_pending"]["at"] -= 3600
    session.save()
    assert client.get("/admin/login/verify/")["Location"] == "/admin/login/"


def test_off_lifts_the_requirement(client, editor, settings):
    settings.STAFF_2FA = "off"
    assert log_in(client, "editor")["Location"] == "/admin/"
    assert admin_page(client) == 200


def test_an_unsafe_next_is_not_followed(client, editor):
    set_up(Client(), "editor")
    device = TOTPDevice.objects.get(user=editor)
    client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "editor", "password": "pw-for-tests-only", "next": "https://evil.example/"},
    )
    response = client.post("/admin/login/verify/", {"token": code(device, offset=1)})
    assert response["Location"] == "/admin/"


def test_an_editor_session_is_the_editor_of_a_new_user(client, editor):
    other = factories.editor(username="other")
    set_up(client, "editor")
    assert log_in(client, "other")["Location"] == "/admin/login/setup/"
    # The editor's session ended when the other password was given.
    assert admin_page(client) == 302
    assert other.pk


def test_a_wrong_code_is_logged_with_account_and_address(client, editor, caplog):
    set_up(Client(), "editor")
    log_in(client, "editor", ip="203.0.113.44")
    logger = logging.getLogger("tap_cms.two_factor")
    logger.addHandler(caplog.handler)
    try:
        client.post(
            "/admin/login/verify/", {"token": "000000"}, HTTP_X_FORWARDED_FOR="203.0.113.44"
        )
    finally:
        logger.removeHandler(caplog.handler)
    assert any(
        "'editor'" in r.getMessage() and "203.0.113.44" in r.getMessage() for r in caplog.records
    )
