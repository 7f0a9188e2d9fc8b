"""Fill in deploy/nginx/tap-cms.conf: the one nginx site TAP CMS ships and tests.

A Debian host (written to stdout, for /etc/nginx/sites-available/tap-cms):

    python3 deploy/render_nginx.py --listen 443 --server-name tap.example.org \\
        --tls-certificate /etc/ssl/tap.pem --tls-key /etc/ssl/private/tap.key \\
        --app 127.0.0.1:8000 --static-root /srv/tap/static --media-root /srv/tap/media \\
        --cache-dir /var/cache/nginx/tap-cms

A run of its own (`make serve`, tests/proxy, bench/run): `--run-dir DIR` writes
DIR/tap-cms.conf and DIR/nginx.conf (deploy/nginx/local.conf: daemon off, pid, logs
and temporary files in DIR), to start with `nginx -p DIR -c DIR/nginx.conf`.
Standard library only: it runs before the virtualenv exists.
"""

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "nginx" / "tap-cms.conf"
LOCAL = HERE / "nginx" / "local.conf"


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with every @NAME@ replaced; a name without a value is an error."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for @{name}@")
        return values[name]

    return re.sub(r"@([A-Z_]+)@", value, template)


def _path(text: str) -> str:
    """An absolute path nginx can take as one word."""
    path = Path(text).resolve()
    if re.search(r"[\s;{}'\"$]", str(path)):
        raise SystemExit(f"render_nginx: unusable path {text!r}")
    return str(path)


def site(
    *,
    listen: str,
    apps: list[str],
    static_root: str,
    media_root: str,
    cache_dir: str,
    server_name: str = "_",
    tls_certificate: str | None = None,
    tls_key: str | None = None,
) -> str:
    """The site configuration, for nginx's http {} block."""
    if not apps:
        raise SystemExit("render_nginx: at least one --app")
    tls = ""
    if tls_certificate or tls_key:
        if not (tls_certificate and tls_key):
            raise SystemExit("render_nginx: --tls-certificate and --tls-key go together")
        listen = f"{listen} ssl http2"
        tls = (
            f"    ssl_certificate {_path(tls_certificate)};\n"
            f"    ssl_certificate_key {_path(tls_key)};\n"
        )
    return fill(
        SITE.read_text(),
        {
            "LISTEN": listen,
            "SERVER_NAME": server_name,
            "TLS": tls,
            "UPSTREAM_SERVERS": "\n".join(f"    server {app};" for app in apps),
            "STATIC_ROOT": _path(static_root),
            "MEDIA_ROOT": _path(media_root),
            "CACHE_DIR": _path(cache_dir),
        },
    )


def write_run_dir(run_dir: Path, site_text: str, *, access_log: bool, workers: str) -> Path:
    """Write a self-contained nginx configuration into `run_dir`; returns nginx.conf."""
    run_dir = Path(_path(str(run_dir)))
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    (run_dir / "tap-cms.conf").write_text(site_text)
    conf = run_dir / "nginx.conf"
    conf.write_text(
        fill(
            LOCAL.read_text(),
            {
                "RUN": str(run_dir),
                "WORKER_PROCESSES": workers,
                "ACCESS_LOG": f"{run_dir}/access.log tap_cms" if access_log else "off",
            },
        )
    )
    return conf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", required=True, help="nginx listen address: 80, 127.0.0.1:8080")
    parser.add_argument("--server-name", default="_", help="host names (default: any)")
    parser.add_argument(
        "--app", action="append", required=True, help="a gunicorn address (repeat for several)"
    )
    parser.add_argument("--static-root", required=True, help="DJANGO_STATIC_ROOT")
    parser.add_argument("--media-root", required=True, help="DJANGO_MEDIA_ROOT")
    parser.add_argument("--cache-dir", required=True, help="where nginx keeps cached pages")
    parser.add_argument("--tls-certificate")
    parser.add_argument("--tls-key")
    parser.add_argument("--run-dir", help="write a whole nginx configuration into this directory")
    parser.add_argument("--access-log", action="store_true", help="with --run-dir: log requests")
    parser.add_argument("--workers", default="auto", help="with --run-dir: worker_processes")
    args = parser.parse_args(argv)
    text = site(
        listen=args.listen,
        apps=args.app,
        static_root=args.static_root,
        media_root=args.media_root,
        cache_dir=args.cache_dir,
        server_name=args.server_name,
        tls_certificate=args.tls_certificate,
        tls_key=args.tls_key,
    )
    if args.run_dir:
        conf = write_run_dir(
            Path(args.run_dir), text, access_log=args.access_log, workers=args.workers
        )
        print(conf)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
