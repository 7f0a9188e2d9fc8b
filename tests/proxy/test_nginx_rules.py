"""The shipped nginx site's own rules, in front of a stand-in application that says
what it received and counts what reached it: no Django, so each rule is seen alone."""

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.proxy import stack

PUBLIC = "public, max-age=0, s-maxage=60, stale-while-revalidate=4"


class StandIn(BaseHTTPRequestHandler):
    """/echo/...: the request's headers as JSON. /cookie/...: sets a cookie.
    Anything else: a plain public page. Every answer may be cached for 60 s."""

    hits: Counter = Counter()

    def do_GET(self):
        StandIn.hits[self.path] += 1
        if self.path.startswith("/gone/"):
            return self.going()
        if self.path.startswith("/echo/"):
            body = json.dumps([[k, v] for k, v in self.headers.items()]).encode()
        else:
            body = f"page {self.path} #{StandIn.hits[self.path]}".encode()
        self.send_response(200)
        self.send_header("Cache-Control", PUBLIC)
        if self.path.startswith("/cookie/"):
            self.send_header("Set-Cookie", "tracker=1; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def going(self):
        """A page that is there, then gone (a cacheable 404), then an error."""
        status = {1: 200, 2: 404}.get(StandIn.hits[self.path], 500)
        body = {200: b"the brief", 404: b"not found"}.get(status, b"server error")
        self.send_response(status)
        if status < 500:
            self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stand_in_proxy(nginx_installed):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    run_dir = stack.make_run_dir("tap-proxy-rules")
    (run_dir / "static").mkdir()
    (run_dir / "media").mkdir()
    nginx = stack.Nginx(
        run_dir / "nginx",
        apps=[f"127.0.0.1:{server.server_address[1]}"],
        static_root=run_dir / "static",
        media_root=run_dir / "media",
    ).start()
    yield nginx
    nginx.stop()
    server.shutdown()
    stack.remove_run_dir(run_dir)


def get(nginx, path, **kwargs):
    return stack.request(nginx.port, path, host="site.proxy.test", **kwargs)


def test_no_header_with_an_underscore_and_no_forged_forwarding_header_is_passed(
    stand_in_proxy,
):
    sent = [
        ("SCRIPT_NAME", "/poison"),
        ("X_Forwarded_Host", "evil.example"),
        ("X_Forwarded_Proto", "https"),
        ("Script-Name", "/poison"),
        ("X-Script-Name", "/poison"),
        ("X-Forwarded-Host", "evil.example"),
        ("X-Forwarded-Port", "443"),
        ("X-Forwarded-Prefix", "/poison"),
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Ssl", "on"),
        ("X-Forwarded-Protocol", "ssl"),
        ("X-Forwarded-For", "203.0.113.9"),
        ("Forwarded", "for=203.0.113.9;proto=https"),
        ("X-Kept", "yes"),
    ]
    response = get(stand_in_proxy, "/echo/headers", headers=sent)
    assert response.status == 200
    received = {name.lower(): value for name, value in json.loads(response.body)}
    assert not [name for name in received if "_" in name]
    for name in (
        "script-name",
        "x-script-name",
        "x-forwarded-host",
        "x-forwarded-port",
        "x-forwarded-prefix",
        "x-forwarded-ssl",
        "x-forwarded-protocol",
        "forwarded",
    ):
        assert name not in received, name
    assert received["x-forwarded-proto"] == "http"  # the proxy's own scheme
    assert received["x-forwarded-for"] == "127.0.0.1"  # the peer, not what it claimed
    assert received["host"] == "site.proxy.test"
    assert received["x-kept"] == "yes"  # other headers pass


def test_a_response_that_sets_a_cookie_is_never_stored(stand_in_proxy):
    path = "/cookie/page"
    first, second = get(stand_in_proxy, path), get(stand_in_proxy, path)
    assert first.cookies() == {"tracker": "1"} and second.cookies() == {"tracker": "1"}
    assert (first.cache, second.cache) == ("MISS", "MISS")
    assert StandIn.hits[path] == 2


def test_a_session_cookie_neither_reads_nor_fills_the_cache(stand_in_proxy):
    path = "/plain/session"
    session = {"Cookie": "csrftoken=abc; sessionid=s3cr3t"}
    assert get(stand_in_proxy, path, headers=session).cache == "BYPASS"
    assert StandIn.hits[path] == 1
    anonymous = get(stand_in_proxy, path)
    assert anonymous.cache == "MISS"  # the signed-in answer was not stored
    assert get(stand_in_proxy, path).cache == "HIT"
    signed_in = get(stand_in_proxy, path, headers=session)
    assert signed_in.cache == "BYPASS"  # and a stored page is not served to a session
    assert signed_in.body.endswith(b"#3")
    assert StandIn.hits[path] == 3


def test_other_cookies_and_head_share_the_anonymous_entry(stand_in_proxy):
    path = "/plain/shared"
    assert get(stand_in_proxy, path).cache == "MISS"
    assert get(stand_in_proxy, path, headers={"Cookie": "csrftoken=abc"}).cache == "HIT"
    head = get(stand_in_proxy, path, method="HEAD")
    assert (head.status, head.cache, head.body) == (200, "HIT", b"")
    assert StandIn.hits[path] == 1


def test_the_key_is_scheme_host_and_uri(stand_in_proxy):
    assert get(stand_in_proxy, "/plain/key?a=1").cache == "MISS"
    assert get(stand_in_proxy, "/plain/key?a=2").cache == "MISS"
    other_host = stack.request(stand_in_proxy.port, "/plain/key?a=1", host="other.proxy.test")
    assert other_host.cache == "MISS"
    assert get(stand_in_proxy, "/plain/key?a=1").cache == "HIT"


def test_a_stored_404_replaces_the_page_so_an_error_cannot_bring_it_back(stand_in_proxy):
    """Why a public 404 must be cacheable: nginx serves the stored entry when Django
    fails (proxy_cache_use_stale http_500). Stored, the 404 is that entry; not
    stored, the page it replaced is, however long ago it was withdrawn."""
    path = "/gone/brief"

    def until_expired():
        stack.wait_for("expired", lambda: get(stand_in_proxy, path).cache != "HIT", timeout=5)

    assert get(stand_in_proxy, path).body == b"the brief"
    until_expired()  # the request that sees it expired fetched the 404
    assert StandIn.hits[path] == 2
    until_expired()  # this one met the error
    answer = get(stand_in_proxy, path)
    assert StandIn.hits[path] >= 3
    assert (answer.status, answer.body) == (404, b"not found")
