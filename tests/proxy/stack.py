"""The processes behind tests/proxy: gunicorn as in production, the shipped nginx site
in front, and plain HTTP to talk to them. Nothing here knows Django's internals."""

import http.client
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
GUNICORN = Path(sys.executable).with_name("gunicorn")

# deploy/ is not a package: load the renderer make serve uses from its file.
_spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "deploy" / "render_nginx.py")
render_nginx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_nginx)

# Django's side of the contract, shortened for the tests: S and W (seconds).
PUBLIC_CACHE_SECONDS = 1
PUBLIC_STALE_SECONDS = 1
# nginx keeps time in whole seconds: a page stored at 10.9 s with s-maxage=1 is
# fresh until 12.0 s. So a change shows within S + W + 1 s, plus a render.
BOUND = PUBLIC_CACHE_SECONDS + PUBLIC_STALE_SECONDS + 1
# What a loaded CI machine may add: requests, polling, a slow render.
MARGIN = 2.0
# Every test talks to the proxy on its own host name, so that it has cache entries
# of its own: Django allows any name under this domain.
TEST_DOMAIN = "proxy.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings: dict) -> str:
    """A DATABASE_URL for `settings` (Django's settings_dict), socket directory or host."""
    user = quote(settings["USER"] or "", safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host, port = settings["HOST"] or "", settings["PORT"] or ""
    name = quote(settings["NAME"], safe="")
    if host.startswith("/"):
        return f"postgres://{auth}/{name}?host={quote(host, safe='')}" + (
            f"&port={port}" if port else ""
        )
    return f"postgres://{auth}{host}{':' + str(port) if port else ''}/{name}"


def production_env(*, database: str, static_root: Path, media_root: Path, **extra) -> dict:
    """The environment of a production process: no DJANGO_DEBUG, a secret key, S and W."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TAP_PGDATA"))}
    env.update(
        DATABASE_URL=database,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS=f".{TEST_DOMAIN},127.0.0.1,localhost",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_PUBLIC_CACHE_SECONDS=str(PUBLIC_CACHE_SECONDS),
        DJANGO_PUBLIC_STALE_SECONDS=str(PUBLIC_STALE_SECONDS),
        # Plain HTTP on loopback, as make serve: no redirect to HTTPS, no HSTS.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        PYTHONDONTWRITEBYTECODE="1",
        WEB_CONCURRENCY="2",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def cache(self) -> str | None:
        return self.headers.get("X-Cache-Status")

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    def cookies(self) -> dict[str, str]:
        found = {}
        for line in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    host: str = "127.0.0.1",
    headers: dict[str, str] | list[tuple[str, str]] = (),
    body: bytes | None = None,
    timeout: float = 20,
) -> Response:
    """One request on a new connection, the headers exactly as given (no defaults)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host)
        items = headers.items() if isinstance(headers, dict) else headers
        for name, value in items:
            conn.putheader(name, value)
        conn.putheader("Connection", "close")
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        answer = conn.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        conn.close()


def wait_for(what: str, check, *, timeout: float, interval: float = 0.05):
    """Call `check` until it returns something true; that value, or fail after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = check()
        except OSError as error:  # not listening yet, reset while restarting
            last = error
        else:
            if last:
                return last
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.1f} s (last: {last!r})")
        time.sleep(interval)


def stop_process(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 15) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@dataclass
class Gunicorn:
    """One application server, as deploy/serve starts it, with an access log."""

    port: int
    env: dict
    run_dir: Path
    proc: subprocess.Popen | None = None

    @property
    def access_log(self) -> Path:
        return self.run_dir / f"gunicorn-{self.port}.access.log"

    @property
    def error_log(self) -> Path:
        return self.run_dir / f"gunicorn-{self.port}.error.log"

    def start(self) -> "Gunicorn":
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "tap_cms.wsgi",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--no-control-socket",
                "--access-logfile",
                str(self.access_log),
                # host, request line, status: one line per request that reached Django
                "--access-logformat",
                '%({host}i)s "%(r)s" %(s)s',
                "--error-logfile",
                str(self.error_log),
            ],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
        )
        wait_for(
            f"gunicorn on {self.port}",
            lambda: self._up(),
            timeout=60,
        )
        return self

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.error_log.read_text()}")
        return request(self.port, "/healthz", timeout=5).status in (200, 503)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)

    def lines(self) -> list[str]:
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []


@dataclass
class Nginx:
    """The shipped site (deploy/nginx/tap-cms.conf) in a run directory of its own."""

    run_dir: Path
    apps: list[str]
    static_root: Path
    media_root: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        self.run_dir.mkdir(parents=True, exist_ok=True)
        site = render_nginx.site(
            listen=f"127.0.0.1:{self.port}",
            apps=self.apps,
            static_root=str(self.static_root),
            media_root=str(self.media_root),
            cache_dir=str(self.run_dir / "cache"),
        )
        conf = render_nginx.write_run_dir(self.run_dir, site, access_log=True, workers="2")
        command = [str(NGINX), "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log")]
        subprocess.run([*command, "-t", "-q", "-c", str(conf)], check=True)
        self.proc = subprocess.Popen([*command, "-c", str(conf)], stdin=subprocess.DEVNULL)
        wait_for(f"nginx on {self.port}", self._up, timeout=30)
        return self

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"nginx exited:\n{(self.run_dir / 'error.log').read_text()}")
        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        return True

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, signal.SIGQUIT)

    def error_log(self) -> str:
        path = self.run_dir / "error.log"
        return path.read_text() if path.exists() else ""


def make_run_dir(prefix: str) -> Path:
    """A directory nginx's unprivileged workers can read (pytest's tmp_path is 0700)."""
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir="/tmp"))
    path.chmod(0o755)
    return path


def remove_run_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def count_requests(gunicorns: list[Gunicorn], *, host: str, path: str) -> int:
    """How many requests for `path` on `host` reached Django, from the access logs."""
    pattern = re.compile(rf'^{re.escape(host)}(:\d+)? "[A-Z]+ {re.escape(path)} HTTP/')
    return sum(1 for g in gunicorns for line in g.lines() if pattern.match(line))
