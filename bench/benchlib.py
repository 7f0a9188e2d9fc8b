"""What `bench/archive`, `bench/pages` and `bench/explain` share.

- `setup_django()`: Django with `tap_cms.settings` from the repository this file is in
  (its parent directory goes first on `sys.path`, so a copy of `bench/` in another
  worktree measures that worktree's code), on `DATABASE_URL`, which is required: the
  benchmark never starts the embedded server by accident.
- `module(*names)`: the first of several dotted names that imports, because
  `briefs/*.py` is moving into `briefs/public/`, `briefs/publishing/`, `briefs/desk/`.
- The archive's vocabulary: `codename(ordinal)`, the rare word of the brief with that
  ordinal, shared by about one brief in `RARE_PERIOD` (0.044 %: 44 briefs at 100,000).
"""

import os
import secrets
import sys
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"

# One brief in RARE_PERIOD carries each rare word: ordinals n with n % RARE_PERIOD == k.
RARE_PERIOD = 2273
RARE_K = 7  # the rare word bench/pages searches for: codename(RARE_K)
COMMON_WORD = "security"  # in the text of every brief
MISSING_WORD = "xylophone"  # in none
POPULAR_TAG = "pakistan"
HISTORY_SLUG = "bench-brief-with-200-revisions"

# The archive's own bookkeeping, outside Django's tables (schema "bench").
META_SCHEMA = "bench"

_CONSONANTS = "bdklmnrtvz"
_VOWELS = "aiou"


def codename(ordinal: int) -> str:
    """A made-up word (an operation's code name) for the brief numbered `ordinal`.

    "Kh" and three consonant-vowel syllables: never an English word, never stemmed
    into another code name (each ends in a vowel), 64,000 distinct values.
    """
    k = ordinal % RARE_PERIOD
    syllables = []
    for _ in range(3):
        k, s = divmod(k, len(_CONSONANTS) * len(_VOWELS))
        syllables.append(_CONSONANTS[s // len(_VOWELS)] + _VOWELS[s % len(_VOWELS)])
    return "Kh" + "".join(syllables)


def rare_word() -> str:
    return codename(RARE_K).lower()


def expected_rare_hits(n: int) -> int:
    """How many of the ordinals 1..n share codename(RARE_K)."""
    return 0 if n < RARE_K else (n - RARE_K) // RARE_PERIOD + 1


def setup_django(*, debug: bool = False) -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the benchmark database (postgres://user@host:port/name).")
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tap_cms.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")  # plain HTTP on loopback
    if debug:
        os.environ["DJANGO_DEBUG"] = "1"
    else:
        os.environ.pop("DJANGO_DEBUG", None)
    import django

    django.setup()
    import briefs

    if not str(briefs.__file__).startswith(str(REPO)):
        sys.exit(f"briefs comes from {briefs.__file__}, not from {REPO}: check PYTHONPATH.")


def module(*names: str):
    """The first of `names` that this repository has (a module that moved keeps its old
    name last). Looked up as files under REPO, because the virtualenv's editable install
    maps `briefs` to /work/main: in another worktree, a module that exists only there
    must count as missing, and must not even be imported."""
    for name in names:
        path = REPO.joinpath(*name.split("."))
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return import_module(name)
    raise ModuleNotFoundError(f"none of {', '.join(names)} in {REPO}")


def workflow():
    return module("briefs.publishing.workflow", "briefs.workflow")


def editing():
    return module("briefs.publishing.editing", "briefs.editing")


def recount_all() -> bool:
    """`briefs.publishing.counts.recount_all()` if that module exists (after the change)."""
    try:
        counts = module("briefs.publishing.counts")
    except ModuleNotFoundError:
        return False
    counts.recount_all()
    return True


def fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"


# -- the pages measured by bench/pages and bench/explain ---------------------------

PAGE_SIZE = 12  # briefs per list page (briefs.views.PAGE_SIZE before the change)
DEEP_PAGE = 500
ADMIN_USERNAME = "bench-admin"


def live_count() -> int:
    from briefs.models import Publication

    return Publication.objects.live().count()


def _top(live, field: str) -> tuple[str, int]:
    from django.db.models import Count

    row = (
        live.exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(n=Count("pk"))
        .order_by("-n", field)
        .first()
    )
    return (row[field], row["n"]) if row else ("", 0)


def pages() -> list[dict]:
    """Every page type: name, path (without the cache-busting parameter), whether it
    needs the admin session, and a note on what was chosen. Entities are the ones
    with the most live briefs (the worst case of their kind)."""
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Count
    from django.urls import reverse

    from briefs.models import Brief, Publication

    live = Publication.objects.live()
    total = live.count()
    ids = list(live.order_by("pk").values_list("slug", flat=True)[total // 2 : total // 2 + 1])
    brief_slug = ids[0] if ids else "none"
    org, org_n = _top(live, "organisations__slug")
    actor, actor_n = _top(live, "actors__slug")
    event, event_n = _top(live, "events__slug")
    author_id, author_n = _top(live, "authors__pk")
    author_path = _author_path(author_id)
    tag_n = live.filter(tags__slug=POPULAR_TAG).count()

    def deep(n: int) -> int:
        return max(1, min(DEEP_PAGE, -(-n // PAGE_SIZE)))

    def hits(word: str) -> int:
        return live.filter(search=SearchQuery(word, search_type="websearch", config="tap")).count()

    rare = rare_word()
    history = Brief.objects.filter(slug=HISTORY_SLUG).first()
    if history is None:
        history = Brief.objects.annotate(n=Count("history")).order_by("-n").first()
    revisions = history.history.count() if history else 0
    changelist = reverse("admin:briefs_brief_changelist")
    result = [
        ("brief", f"/briefs/{brief_slug}/", False, "the live brief in the middle by id"),
        ("home", "/", False, ""),
        ("list p1", "/briefs/", False, f"{total:,} live"),
        # Named by depth, not number, so that both archives' rows compare (bench/growth).
        ("list deep", f"/briefs/?page={deep(total)}", False, f"page {deep(total)}"),
        ("list tag p1", f"/briefs/?tag={POPULAR_TAG}", False, f"{tag_n:,} briefs"),
        (
            "list tag deep",
            f"/briefs/?tag={POPULAR_TAG}&page={deep(tag_n)}",
            False,
            f"page {deep(tag_n)}",
        ),
        ("list organisation", f"/briefs/?organisation={org}", False, f"{org_n:,} briefs"),
        ("tag page", f"/tags/{POPULAR_TAG}/", False, f"{tag_n:,} briefs"),
        ("organisation page", f"/organisations/{org}/", False, f"{org_n:,} briefs"),
        ("actor page", f"/actors/{actor}/", False, f"{actor_n:,} briefs"),
        ("event page", f"/events/{event}/", False, f"{event_n:,} briefs"),
        ("author page", author_path, False, f"{author_n:,} briefs"),
        ("search common", f"/search/?q={COMMON_WORD}", False, f"{hits(COMMON_WORD):,} hits"),
        ("search rare", f"/search/?q={rare}", False, f"{hits(rare):,} hits"),
        ("search none", f"/search/?q={MISSING_WORD}", False, f"{hits(MISSING_WORD):,} hits"),
        ("sitemap.xml", "/sitemap.xml", False, ""),
        ("feed", "/feeds/briefs/", False, ""),
        # Pages added after the first measurements (issues #10 and #12).
        ("organisations index", "/organisations/", False, ""),
        ("people index", "/actors/", False, ""),
        ("events index", "/events/", False, ""),
        ("corrections", "/corrections/", False, ""),
        ("api briefs", "/api/v1/briefs", False, "first page of the JSON list"),
        ("api brief", f"/api/v1/briefs/{brief_slug}", False, ""),
        ("desk", "/admin/", True, "the editor's home page"),
        ("admin list", changelist, True, ""),
        ("admin search rare", f"{changelist}?q={rare}", True, ""),
        ("admin search rare+common", f"{changelist}?q={rare}+border", True, "two words"),
        ("admin search common", f"{changelist}?q=taliban", True, "in most briefs"),
        (
            "admin history",
            reverse("admin:briefs_brief_history", args=[history.pk if history else 0]),
            True,
            f"{revisions} revisions",
        ),
    ]
    return [dict(name=n, path=p, admin=a, note=note) for n, p, a, note in result]


def _author_path(user_id) -> str:
    """The public page of the author who is this user: `/authors/<username>/` before
    the change, the address of their `briefs.models.Author` (its own slug) after."""
    from django.contrib.auth import get_user_model

    import briefs.models

    author_model = getattr(briefs.models, "Author", None)
    if author_model is not None:
        author = author_model.objects.filter(user_id=user_id).first()
        if author is not None:
            return author.get_absolute_url()
    user = get_user_model().objects.filter(pk=user_id).first()
    return f"/authors/{user.get_username() if user else 'none'}/"


def sitemap_parts(xml: bytes) -> list[str]:
    """The paths of the parts a sitemap index lists ([] for a plain sitemap)."""
    import re
    from urllib.parse import urlsplit

    if b"<sitemapindex" not in xml:
        return []
    parts = []
    for loc in re.findall(rb"<loc>\s*([^<]+?)\s*</loc>", xml):
        url = urlsplit(loc.decode().replace("&amp;", "&"))
        parts.append(url.path + (f"?{url.query}" if url.query else ""))
    return parts


def with_nonce(path: str, n: int) -> str:
    """`path` with a query parameter no request had before: every page cache misses.
    Not on the API, which refuses a parameter it does not know (400)."""
    if path.startswith("/api/"):
        return path
    return f"{path}{'&' if '?' in path else '?'}_={os.getpid()}-{n}"


def ensure_superuser() -> tuple[str, str]:
    """The benchmark's superuser, with a new random password each run."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    password = secrets.token_urlsafe(16)
    user = User.objects.filter(username=ADMIN_USERNAME).first() or User(username=ADMIN_USERNAME)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return ADMIN_USERNAME, password
