"""The kept connection's health check (tap_cms.postgresql): a quiet connection the
server answered a moment ago is usable with no round trip; one the server ended, or
one left in a failed transaction, is not, and Django opens a new one."""

import select

import psycopg
import pytest
from django.db import connection

from tap_cms.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    """A connection of the site's own, outside the test's transaction, as a worker
    keeps between requests."""
    wrapper = connection.copy()
    wrapper.connect()
    yield wrapper
    wrapper.close()


@pytest.fixture
def observer():
    """Another session, to see what the server knows of the kept one."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        yield other


def last_query(observer, pid: int) -> str:
    row = observer.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return row[0] if row else ""


def backend_pid(wrapper) -> int:
    return wrapper.connection.info.backend_pid


def test_the_site_uses_the_backend_with_the_cheaper_check():
    assert connection.settings_dict["ENGINE"] == "tap_cms.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_quiet_connection_is_usable_without_asking_the_server(kept, observer):
    assert kept.is_usable()  # asks: nothing answered on this connection yet
    assert last_query(observer, backend_pid(kept)) == "SELECT 1"
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'the last thing this session asked'")
    assert kept.is_usable()
    # Django's own check would have sent SELECT 1 again.
    assert last_query(observer, backend_pid(kept)) == "SELECT 'the last thing this session asked'"


def test_after_the_window_the_check_asks_the_server_again(kept, observer, monkeypatch):
    assert kept.is_usable()
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'before the window closed'")
    monkeypatch.setattr(DatabaseWrapper, "health_check_bypass_seconds", 0.0)
    assert kept.is_usable()
    assert last_query(observer, backend_pid(kept)) == "SELECT 1"


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced(kept, observer):
    old_pid = backend_pid(kept)
    # With a timeout, it waits until the session has ended.
    assert observer.execute("SELECT pg_terminate_backend(%s, 5000)", [old_pid]).fetchone()[0]
    assert not kept.is_usable()
    # As at the start of a request: the failed check closes it, the next query opens
    # a new one and succeeds.
    kept.health_check_done = False
    kept.close_if_health_check_failed()
    assert kept.connection is None
    with kept.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert backend_pid(kept) != old_pid


def test_a_connection_left_in_a_failed_transaction_is_not_usable(kept):
    kept.connection.autocommit = False
    with pytest.raises(psycopg.errors.DivisionByZero):
        kept.connection.execute("SELECT 1 / 0")
    assert not kept.is_usable()


def test_a_connection_with_a_message_waiting_is_asked(kept, observer):
    """Anything the server sent while the connection was idle (here a notification)
    sends the check to the server, which answers, and the connection stays."""
    kept.connection.execute("LISTEN tap_health_check")
    assert kept.is_usable()  # the server answers: the window opens
    kept.connection.execute("SELECT 'after listening'")
    observer.execute("NOTIFY tap_health_check")
    readable, _, _ = select.select([kept.connection.fileno()], [], [], 5)
    assert readable, "the notification did not arrive within 5 s"
    assert kept.is_usable()
    assert last_query(observer, backend_pid(kept)) == "SELECT 1"
