import os

import pytest

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the tests themselves
# are synchronous, so Django's guard against ORM calls inside an event loop is moot.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
