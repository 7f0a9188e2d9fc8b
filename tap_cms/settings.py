"""Settings for TAP CMS: one module, read from the environment.

Defaults are safe: no debug and no usable secret key unless this is a local run
(`DJANGO_DEBUG=1`, which `make run` sets) or the deployment sets `DJANGO_SECRET_KEY`.
"""

import os
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from tap_cms.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
TESTING = "pytest" in sys.modules

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for a local run).")
    SECRET_KEY = "django-insecure-local-only"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "simple_history",
    "django_countries",
    "actors",
    "briefs",
]

MIDDLEWARE = [
    # First: stores public pages with every header the others add (briefs.caching).
    "briefs.caching.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tap_cms.urls"
WSGI_APPLICATION = "tap_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings(BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(url: str) -> dict:
    """`DJANGO_CACHE_URL`: unset for this process's memory, `redis://host:6379/0`
    (needs the redis package), `memcached://host:11211` (needs pymemcache), `dummy://`."""
    scheme, _, rest = url.partition("://")
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "memcached":
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url:
        raise ImproperlyConfigured(f"DJANGO_CACHE_URL: unknown cache {scheme!r}.")
    # A stored brief page is about 25 kB: 1,000 of them cap each process near 25 MB,
    # whatever query strings a crawler makes up.
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tap-cms",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }


CACHES = {"default": {**_cache(os.environ.get("DJANGO_CACHE_URL", "")), "TIMEOUT": 600}}

# The admin's messages live in the session (the default also tries a signed cookie,
# which costs a signer on every request, readers' included).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Public pages are cached and validated by the time public content last changed
# (briefs.caching). A change younger than this is not used for caching, so that a
# transaction that commits late cannot hide behind a newer one's timestamp.
PUBLIC_CACHE_SETTLE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SETTLE_SECONDS", "30"))
# Each process keeps the stamp this long, so a cached page costs no query; a publish
# or withdraw drops it when it commits in the process that made it, and the other
# processes show the change within this many seconds.
PUBLIC_STAMP_TTL_SECONDS = int(os.environ.get("DJANGO_PUBLIC_STAMP_TTL_SECONDS", "1"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# English only: skipping translation machinery makes every template tag cheaper.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Local runs and tests serve static files from the apps' folders; a deployment
# serves what collectstatic wrote to STATIC_ROOT, compressed, with hashed names.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Uploads: a cover image or a photo is at most this large; larger files are refused.
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SITE_NAME = "Terrorism Analysis Platform"
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

TAGGIT_CASE_INSENSITIVE = True
# simple-history's own "revert" would also restore the status field; restoring goes
# through briefs.editing.restore_revision instead, which never touches the status.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGIN_URL = "admin:login"

if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SESSION_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1" and not TESTING
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
