import os
from pathlib import Path

import pytest
from django.db import connections

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the tests themselves
# are synchronous, so Django's guard against ORM calls inside an event loop is moot.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Test users need a password, not a strong hash of it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def analyst(db):
    return factories.analyst(username="analyst")


@pytest.fixture
def editor(db):
    return factories.editor(username="editor")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    # This machine reaches no network: without these Chromium keeps calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium():
    """Debian's chromium driven by Playwright (Playwright's own browsers cannot be
    downloaded here). Skips when it is missing, except in CI, where it fails.

    Request it after the fixtures that make data: Playwright's sync API runs an event
    loop in this thread, and connections opened while it runs would outlive the test.
    """
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def demo_registry(db):
    """The demo registry (fixtures/demo.json) with its published brief: organisations
    and people by slug."""
    from actors.models import Actor, Organisation
    from briefs import demo

    demo.load(accounts=False)
    return {
        **{o.slug: o for o in Organisation.objects.all()},
        **{a.slug: a for a in Actor.objects.all()},
    }
