"""Django's PostgreSQL backend, with a health check that needs no round trip while
the kept connection is quiet (`ENGINE = "tap_cms.postgresql"`, set by
`tap_cms.database`).

Django checks a kept connection before the first query of each request
(`CONN_HEALTH_CHECKS`) with `SELECT 1`: one more round trip to the server per
request. On the brief page, served by gunicorn with every cache off, that round trip
cost 10–25% of the requests per second (bench/README.md). A server that goes away
(stopped, restarted, an idle session ended) says so on the socket: it sends an error
and closes, so the idle socket becomes readable. A connection with no transaction
open and nothing to read is therefore usable as it is; any other connection is
checked with Django's `SELECT 1`, and closed and opened anew when that fails.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if (
            connection is not None
            and not connection.closed
            and not connection.broken
            and connection.info.transaction_status == pq.TransactionStatus.IDLE
            and not _readable(connection.fileno())
        ):
            return True
        return super().is_usable()


def _readable(fd: int) -> bool:
    """Whether anything (data, an error, the end of the stream) waits on `fd`."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))
