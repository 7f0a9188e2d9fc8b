"""Django's PostgreSQL backend, with a health check that needs no round trip while
the kept connection is quiet and was checked a moment ago (`ENGINE =
"tap_cms.postgresql"`, set by `tap_cms.database`).

Django checks a kept connection before the first query of each request
(`CONN_HEALTH_CHECKS`) with `SELECT 1`: one more round trip to the server per
request. On the brief page, served by gunicorn with every cache off, that round trip
cost 10–25% of the requests per second (bench/README.md). A server that stops,
restarts or ends an idle session sends an error and closes the socket, so the idle
socket becomes readable. A connection is therefore taken as usable without asking
when it has no transaction open, nothing waits on its socket, and the server
answered a `SELECT 1` on it less than `health_check_bypass_seconds` ago (as
HikariCP's alive-bypass window). Anything else is checked with Django's `SELECT 1`,
and the connection is closed and opened anew when that fails.

What the socket cannot show is a server that vanished without closing it: the host
crashed, a failover moved its address, a firewall dropped the idle connection. Then
the first request within the window fails as it would without any check; after the
window, the check asks the server again.
"""

import select
import time

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    health_check_bypass_seconds = 1.0
    _server_answered_at = float("-inf")

    def is_usable(self):
        connection = self.connection
        if (
            connection is not None
            and not connection.closed
            and not connection.broken
            and connection.info.transaction_status == pq.TransactionStatus.IDLE
            and time.monotonic() - self._server_answered_at < self.health_check_bypass_seconds
            and not _readable(connection.fileno())
        ):
            return True
        usable = super().is_usable()
        if usable:
            self._server_answered_at = time.monotonic()
        return usable


def _readable(fd: int) -> bool:
    """Whether anything (data, an error, the end of the stream) waits on `fd`."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))
