"""Failed logins are throttled per account and per address (django-axes)."""

import logging

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from tests import factories
from tests.accounts.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

LIMIT = 5


def logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_the_account_even_from_other_addresses(client, editor):
    for n in range(LIMIT - 1):
        assert log_in(client, "editor", "wrong", ip=f"203.0.113.{n}").status_code == 200
    # The fifth failure locks the account.
    assert log_in(client, "editor", "wrong", ip="203.0.113.98").status_code == 429
    # The right password, from yet another address, is refused.
    response = log_in(client, "editor", ip="203.0.113.99")
    assert response.status_code == 429
    assert not logged_in(client)
    # Other accounts from that address are not affected.
    factories.analyst(username="ana")
    assert log_in(Client(), "ana", ip="203.0.113.99").status_code == 302


def test_one_address_trying_many_accounts_is_locked(client, editor):
    for n in range(LIMIT):
        log_in(client, f"guess{n}", "wrong", ip="203.0.113.7")
    assert log_in(client, "editor", ip="203.0.113.7").status_code == 429
    assert not logged_in(client)
    # The account itself is not locked: from another address it logs in.
    other = Client()
    assert log_in(other, "editor", ip="203.0.113.8").status_code == 302
    assert logged_in(other)


def test_the_address_is_the_one_the_proxy_wrote(client, editor):
    """nginx replaces X-Forwarded-For with the peer it saw; the last entry is trusted."""
    log_in(client, "editor", "wrong", ip="10.9.9.9, 203.0.113.50")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.0.113.50"
    # Without a proxy (the development server), the peer address.
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()


def test_fewer_failures_then_success_forgives_the_account(client, editor):
    for _ in range(LIMIT - 1):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor").status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    client.logout()
    for _ in range(LIMIT - 1):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor").status_code == 302


def test_each_failure_is_logged_with_account_and_address(client, editor, caplog):
    # The "axes" logger has its own timestamped handler and does not propagate.
    axes_log = logging.getLogger("axes")
    axes_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.WARNING, logger="axes"):
            log_in(client, "editor", "wrong", ip="203.0.113.77")
    finally:
        axes_log.removeHandler(caplog.handler)
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any('username: "editor"' in m and 'ip_address: "203.0.113.77"' in m for m in lines)
    assert all("wrong" not in m for m in lines)  # never the password


def test_the_log_configuration_shows_failures_with_a_time():
    from django.conf import settings

    logger = settings.LOGGING["loggers"]["axes"]
    assert logger["level"] == "WARNING"
    handler = settings.LOGGING["handlers"][logger["handlers"][0]]
    assert "%(asctime)s" in settings.LOGGING["formatters"][handler["formatter"]]["format"]


def test_an_unknown_account_and_a_wrong_password_look_the_same(client, editor):
    unknown = log_in(client, "nobody", "wrong", ip="203.0.113.1")
    wrong = log_in(client, "editor", "wrong", ip="203.0.113.2")
    assert unknown.status_code == wrong.status_code == 200

    def message(r):
        return r.context["form"].non_field_errors()

    assert message(unknown) == message(wrong)
    # And once locked, the page is the same too.
    for _ in range(LIMIT):
        log_in(client, "nobody", "wrong", ip="203.0.113.3")
        log_in(client, "editor", "wrong", ip="203.0.113.4")
    locked_unknown = log_in(client, "nobody", "wrong", ip="203.0.113.5")
    locked_known = log_in(client, "editor", "wrong", ip="203.0.113.6")
    assert locked_unknown.status_code == locked_known.status_code == 429
    assert locked_unknown.content == locked_known.content
    assert b"Too many failed logins" in locked_known.content
    assert b"editor" not in locked_known.content and b"nobody" not in locked_unknown.content


def test_a_superuser_unlocks_an_account_in_the_admin(client, editor, superuser):
    for _ in range(LIMIT):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor").status_code == 429

    admin = Client()
    admin.force_login(superuser)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and b"editor" in listing.content
    pks = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert log_in(client, "editor").status_code == 302
    assert logged_in(client)


def test_an_editor_cannot_see_or_delete_attempts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_axes_reset_unlocks_too(client, editor):
    for _ in range(LIMIT):
        log_in(client, "editor", "wrong")
    call_command("axes_reset_username", "editor")
    assert log_in(client, "editor", PASSWORD).status_code == 302
