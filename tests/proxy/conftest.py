"""The site as readers reach it: two gunicorns with production settings on the test
database, the shipped nginx site in front (tests/proxy/stack.py).

The servers run for the whole session. Tests here are transactional, so what they
write is committed and the servers see it; each test talks to the proxy under a host
name of its own (`t7.proxy.test`), so it never meets another test's cache entries.
"""

import itertools
import os
import time
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection

from tests.proxy import stack


@pytest.fixture(scope="session")
def nginx_installed():
    """Debian's nginx. Missing: skip, except in CI, where it fails (.ci/run installs it)."""
    if not stack.NGINX.exists():
        message = f"{stack.NGINX} is missing: apt-get install nginx"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def run_root(nginx_installed):
    path = stack.make_run_dir("tap-proxy")
    yield path
    stack.remove_run_dir(path)


@pytest.fixture(scope="session")
def static_root(run_root):
    """collectstatic as a deploy runs it: hashed, compressed names (manifest storage)."""
    root = run_root / "static"
    env = stack.production_env(
        database="postgres://unused@127.0.0.1:1/unused",
        static_root=root,
        media_root=run_root / "media",
    )
    stack.manage("collectstatic", "--noinput", env=env)
    return root


@dataclass
class Site:
    nginx: stack.Nginx
    gunicorns: list[stack.Gunicorn]
    media_root: object


@pytest.fixture(scope="session")
def site(django_db_setup, run_root, static_root):
    media_root = run_root / "media"
    media_root.mkdir(exist_ok=True)
    env = stack.production_env(
        database=stack.database_url(connection.settings_dict),
        static_root=static_root,
        media_root=media_root,
        # The articles stored at publish (in this process) stay current for them.
        DJANGO_SITE_URL=settings.SITE_URL,
    )
    gunicorns = []
    nginx = None
    try:
        for _ in range(2):
            gunicorns.append(stack.Gunicorn(stack.free_port(), env, run_root).start())
        nginx = stack.Nginx(
            run_root / "nginx",
            apps=[f"127.0.0.1:{g.port}" for g in gunicorns],
            static_root=static_root,
            media_root=media_root,
        ).start()
        yield Site(nginx, gunicorns, media_root)
    finally:
        if nginx is not None:
            nginx.stop()
        for g in gunicorns:
            g.stop()
        # The servers' connections are gone before the test database is dropped.


@dataclass
class Reader:
    """Requests under one host name: through the proxy, or straight to Django."""

    site: Site
    host: str

    def get(self, path, **kwargs) -> stack.Response:
        return stack.request(self.site.nginx.port, path, host=self.host, **kwargs)

    def direct(self, path, **kwargs) -> stack.Response:
        """What Django answers now, no cache in between."""
        return stack.request(self.site.gunicorns[0].port, path, host=self.host, **kwargs)

    def reached_django(self, path) -> int:
        """Requests for `path` in the access logs, once they have stopped growing:
        gunicorn writes a request's line after it has sent the answer."""
        count = stack.count_requests(self.site.gunicorns, host=self.host, path=path)
        while True:
            time.sleep(0.2)
            again = stack.count_requests(self.site.gunicorns, host=self.host, path=path)
            if again == count:
                return count
            count = again


_hosts = itertools.count(1)


@pytest.fixture
def reader(site):
    return Reader(site, f"t{next(_hosts)}.{stack.TEST_DOMAIN}")
