"""The site through the proxy: what is cached, what never is, and what no request can
change for the readers after it."""

import re
import threading
import uuid

import pytest

from tests.proxy.content import brief_url, make_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# -- a request cannot change what other readers get ---------------------------------

POISON = [
    ("SCRIPT_NAME", "/briefs"),
    ("SCRIPT-NAME", "/briefs"),
    ("X_Forwarded_Host", "evil.example"),
    ("X-Forwarded-Host", "evil.example"),
    ("X_Forwarded_Proto", "https"),
    ("X-Forwarded-Prefix", "/briefs"),
]


def links(response) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', response.text))


@pytest.mark.parametrize("via", ["proxy", "gunicorn"])
def test_a_forged_script_name_or_host_does_not_reach_other_readers(reader, via):
    """The poisoned request comes first, on cold pages; a clean reader then gets the
    page Django renders for a clean request, links and all. Sent through the proxy
    (nginx drops the headers) and straight to gunicorn (gunicorn.conf.py ignores them)."""
    world = make_world()
    paths = [brief_url(world.anchor), "/", "/briefs/", world.pages()["tag"]]
    send = reader.get if via == "proxy" else reader.direct
    for path in paths:
        for name, value in POISON:
            poisoned = send(path, headers=[(name, value)])
            assert poisoned.status == 200, (path, name)
            assert "evil.example" not in poisoned.text
            assert not any(link.startswith("/briefs/briefs/") for link in links(poisoned))
        poisoned = send(path, headers=POISON)
        assert poisoned.status == 200, path
    for path in paths + [world.pages()["organisation"], world.pages()["feed"]]:
        clean = reader.get(path)
        truth = reader.direct(path)
        assert clean.status == truth.status == 200, path
        assert clean.etag == truth.etag, path
        assert clean.body == truth.body, path
        assert "evil.example" not in clean.text


# -- signed-in staff -----------------------------------------------------------------


def log_in(reader, username, password) -> dict[str, str]:
    """Through the proxy, as a browser does: the form, its CSRF token, the POST."""
    form = reader.get("/admin/login/?next=/admin/")
    assert form.status == 200 and form.cache is None
    csrf_cookie = form.cookies()["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    body = (
        f"csrfmiddlewaretoken={token}&username={username}&password={password}&next=/admin/"
    ).encode()
    answer = reader.get(
        "/admin/login/?next=/admin/",
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
        },
    )
    assert answer.status == 302, answer.text[:500]
    cookies = {"csrftoken": csrf_cookie, **answer.cookies()}
    assert "sessionid" in cookies
    return cookies


def test_staff_with_a_session_are_never_served_or_stored_a_cached_page(reader, settings):
    world = make_world()
    # The suite hashes passwords with MD5 for speed; the servers run production
    # settings, which do not accept it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world.editor.set_password("staff-password-for-the-proxy-test")
    world.editor.save()
    cookies = log_in(reader, world.editor.username, "staff-password-for-the-proxy-test")
    session = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    home, anchor = "/", brief_url(world.anchor)

    # A cached page is not served to the session, however fresh.
    assert reader.get(home).cache == "MISS"
    assert reader.get(home).cache == "HIT"
    signed_in = reader.get(home, headers=session)
    assert signed_in.cache == "BYPASS"
    assert "private" in signed_in.headers["Cache-Control"]
    assert signed_in.status == 200
    assert reader.reached_django(home) == 2

    # What the session gets is not stored for anyone: a cold page, staff first.
    assert reader.get(anchor, headers=session).cache == "BYPASS"
    anonymous = reader.get(anchor)
    assert anonymous.cache == "MISS"
    assert "public" in anonymous.headers["Cache-Control"]
    assert reader.reached_django(anchor) == 2
    assert "sessionid" not in anonymous.cookies()


# -- a stampede ------------------------------------------------------------------------


def test_a_stampede_on_a_cold_page_reaches_django_once(reader):
    world = make_world()
    path = brief_url(world.anchor) + f"?stampede={uuid.uuid4().hex}"
    start = threading.Barrier(50)
    answers = []

    def read():
        start.wait()
        answers.append(reader.get(path, timeout=30))

    threads = [threading.Thread(target=read) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status for a in answers] == [200] * 50
    assert len({a.etag for a in answers}) == 1
    assert reader.reached_django(path) == 1
    assert sorted({a.cache for a in answers}) == ["HIT", "MISS"]


# -- what the proxy serves itself, and what it never caches -------------------------


def test_static_files_are_served_by_nginx_with_a_long_life(reader, site):
    home = reader.get("/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet  # hashed name
    answer = reader.get(stylesheet)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/css"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    compressed = reader.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"  # collectstatic's .gz
    assert reader.reached_django(stylesheet) == 0
    assert not [line for g in site.gunicorns for line in g.lines() if "/static/" in line]


def test_media_files_are_served_by_nginx(reader, site):
    name = f"proxy-{uuid.uuid4().hex}.txt"
    renditions = site.media_root / "renditions"
    renditions.mkdir(exist_ok=True)
    (renditions / name).write_text("a rendition")
    (renditions / name).chmod(0o644)
    (site.media_root / name).write_text("an original")
    answer = reader.get(f"/media/renditions/{name}")
    assert (answer.status, answer.body) == (200, b"a rendition")
    assert reader.get(f"/media/{name}").status == 404  # only renditions are public
    assert reader.reached_django(f"/media/renditions/{name}") == 0
    assert reader.reached_django(f"/media/{name}") == 0


def test_a_rendition_not_on_disk_is_asked_of_django(reader):
    """try_files: a scheduled brief's rendition waits in private storage; Django moves
    it once the brief is live (tests/public/test_uploads.py), or answers 404."""
    path = f"/media/renditions/{uuid.uuid4().hex[:24]}/480.webp"
    assert reader.get(path).status == 404
    assert reader.reached_django(path) == 1


def test_the_admin_is_never_cached(reader):
    for _ in range(3):
        answer = reader.get("/admin/login/")
        assert answer.status == 200
        assert answer.cache is None  # proxy_cache off for /admin/
        assert "no-cache" in answer.headers["Cache-Control"]
    assert reader.reached_django("/admin/login/") == 3


def test_the_health_check_is_never_cached(reader):
    for _ in range(3):
        answer = reader.get("/healthz")
        assert (answer.status, answer.text.strip()) == (200, "ok")
        assert answer.cache != "HIT"
    assert reader.reached_django("/healthz") == 3
