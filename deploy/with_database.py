"""Keep the embedded PostgreSQL up while a command runs, and stop it afterwards.

    python deploy/with_database.py -- COMMAND [ARGS...]   # `make run`, `make serve`
    python deploy/with_database.py                        # until SIGTERM (bench/run)

Without `DATABASE_URL` the CMS uses an embedded server (tap_cms/database.py) that
stops when the last process holding it exits. Each process adds its pid to the
server's list of handles (`.handle_pids.json` in its data directory) and takes it
out at exit; the last one out stops the server. Two things break that:

- migrate, load_demo and runserver each start and stop the server in turn; held
  from here, it starts once.
- runserver's autoreloader runs the site in a child process and, on Ctrl-C, kills
  that child with SIGKILL 0.25 s later (`subprocess.run`, which the autoreloader
  uses, does so on KeyboardInterrupt). A process killed that way never takes its pid
  out, so no process is ever the last one and the server keeps running after
  `make run` has ended (and after every later run too). So this holder waits for
  the command to end, then takes the pids of processes that no longer exist off the
  list (under the list's own lock) before it exits itself: it is then the last
  handle, and the server stops (or, with TAP_PGDATA_THROWAWAY=1, is deleted).

Ctrl-C reaches the command directly (it is in the terminal's process group); this
process ignores it and waits for the command to finish. With `DATABASE_URL` set it
only runs the command.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def embedded_data_dir() -> Path | None:
    """The embedded server's data directory, as tap_cms/database.py picks it."""
    if os.environ.get("DATABASE_URL"):
        return None
    return Path(os.environ.get("TAP_PGDATA", ROOT / "var" / "postgres")).resolve()


def hold(command: list[str]) -> int:
    """Run `command` (or wait for SIGTERM) with the database up; its exit status."""
    data_dir = embedded_data_dir()
    host = ""
    if data_dir is not None:
        from tap_cms.database import database_settings, forget_dead_handles

        if data_dir.exists():
            forget_dead_handles(data_dir)
        host = database_settings(ROOT)["HOST"]  # starts the server; this process holds it
    if not command:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
        print(f"ready {host}", flush=True)
        try:
            while True:
                signal.pause()
        except SystemExit:
            return 0
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    child = subprocess.Popen(command, preexec_fn=_default_sigint)
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    return child.wait()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    try:
        return hold(command)
    finally:
        data_dir = embedded_data_dir()
        if data_dir is not None and data_dir.exists():
            from tap_cms.database import forget_dead_handles

            forget_dead_handles(data_dir)


if __name__ == "__main__":
    # A normal exit: the embedded server's own atexit handler then stops it.
    sys.exit(main(sys.argv[1:]))
