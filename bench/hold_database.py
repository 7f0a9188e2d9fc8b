"""Keep the benchmark's throwaway embedded PostgreSQL server up for the whole run.

The embedded server stops (and, with TAP_PGDATA_THROWAWAY=1, deletes its data) when
the last Python process that opened it exits. migrate, load_demo and gunicorn's
workers come and go, so `bench/run` starts this holder first and ends it last.
It prints the server's socket directory (for reading pg_stat_database), then
sleeps until SIGTERM, which it turns into a normal exit so the server's own
cleanup runs.
"""

import signal
import sys
import time
from pathlib import Path

from tap_cms.database import database_settings


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    settings = database_settings(Path(__file__).resolve().parent.parent)
    print(f"ready {settings['HOST']}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
