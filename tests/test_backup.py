"""Issue #11, point 7: a backup restores. `deploy/backup` (what `make backup` runs)
against the test database, `deploy/restore` into a fresh database and media folder,
then the same public pages, byte for byte, the same counts, every media file."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from taggit.models import Tag

from briefs.models import Brief, Publication
from briefs.publishing import workflow
from tests import factories
from tests.public.builders import build_brief, image_upload

ROOT = Path(__file__).resolve().parent.parent
RESTORED = "test_tap_cms_restored"

# Renders public pages with Django's test client in a process of its own, against
# whatever DATABASE_URL and DJANGO_MEDIA_ROOT say; prints {path: body} as JSON.
RENDER = """
import json, os
from django.test import Client
client = Client()
pages = {}
for path in os.environ["PAGES"].split():
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    pages[path] = response.content.decode()
print(json.dumps(pages))
"""


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    if s["HOST"].startswith("/"):
        return f"postgres://{auth}@{quote(s['HOST'], safe='')}/{name}"  # a socket directory
    return f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{name}"


def _env(database: str, media: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    return {
        **env,
        "DATABASE_URL": _url(database),
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_SECRET_KEY": "backup-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        **extra,
    }


def _run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _pages(database: str, media: Path, paths: list[str]) -> dict:
    # `shell -c` takes no arguments: the paths go through the environment.
    # DEBUG on: the pages as `make run` serves them (no HTTPS redirect, no static manifest).
    env = _env(database, media, PAGES=" ".join(paths), DJANGO_DEBUG="1")
    done = _run(["manage.py", "shell", "--no-imports", "-c", RENDER], env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _recreate(*, drop_only=False) -> None:
    """An empty database beside the test database, owned by the test role (CREATEDB)."""
    with connection.cursor() as cursor:
        # Not WITH (FORCE): that would have to terminate the autovacuum worker a restore
        # starts, which the site's role (no superuser) may not; a plain DROP stops it.
        cursor.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{RESTORED}"')


@pytest.fixture
def fresh_database():
    _recreate()
    yield RESTORED
    _recreate(drop_only=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_fresh_database(settings, tmp_path, fresh_database):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    editor = factories.editor(username="backup-editor")
    brief = build_brief(title="Backup brief", tags=("Pakistan", "Backups"))
    brief.cover = image_upload()
    brief.cover_alt = "A cover"
    brief.save()
    workflow.submit_for_review(brief, by=editor)
    publication = workflow.publish(brief, by=editor)
    original = connection.settings_dict["NAME"]
    assert _files(media), "the cover and its renditions are on disk"

    backups = tmp_path / "backups"
    done = _run(["deploy/backup"], _env(original, media, BACKUP_DIR=str(backups)))
    assert done.returncode == 0, done.stderr
    archive = Path(done.stdout.strip().splitlines()[-1])
    assert archive.parent == backups and archive.is_file()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    cover = Path(brief.cover.path).resolve().relative_to(media.resolve()).as_posix()
    assert "database.dump" in names and f"media/{cover}" in names
    assert manifest["counts"]["briefs"] == Brief.objects.count()

    restored_media = tmp_path / "restored-media"
    done = _run(["deploy/restore", str(archive)], _env(fresh_database, restored_media))
    assert done.returncode == 0, done.stderr

    # Every file back, byte for byte: the uploaded cover and every rendition.
    assert _files(restored_media) == _files(media)
    for rendition in publication.content["cover"]["srcset"]:
        assert (restored_media / rendition["url"].removeprefix(settings.MEDIA_URL)).is_file()
    # The same public pages from either database.
    paths = ["/", publication.get_absolute_url()]
    assert _pages(fresh_database, restored_media, paths) == _pages(original, media, paths)
    # The same counts, read from the restored database.
    count = (
        "from briefs.models import Brief; from taggit.models import Tag; "
        "print(Brief.objects.count(), Brief.history.count(), Tag.objects.count(), "
        "sorted(Brief.objects.values_list('cover', flat=True)))"
    )
    done = _run(
        ["manage.py", "shell", "--no-imports", "-c", count], _env(fresh_database, restored_media)
    )
    assert done.returncode == 0, done.stderr
    expected = (Brief.objects.count(), Brief.history.count(), Tag.objects.count())
    assert done.stdout.split()[:3] == [str(n) for n in expected]
    assert Publication.objects.count() == manifest["counts"]["publications"]

    # A second restore is refused, database and media alike, and changes nothing.
    done = _run(["deploy/restore", str(archive)], _env(fresh_database, tmp_path / "empty"))
    assert done.returncode == 1 and "database" in done.stderr and "not empty" in done.stderr
    assert not (tmp_path / "empty").exists()
    _recreate()
    done = _run(["deploy/restore", str(archive)], _env(fresh_database, restored_media))
    assert done.returncode == 1 and "media folder" in done.stderr
    tables = "from django.db import connection; print(len(connection.introspection.table_names()))"
    done = _run(
        ["manage.py", "shell", "--no-imports", "-c", tables], _env(fresh_database, restored_media)
    )
    assert done.stdout.split()[-1] == "0"
