"""Settings for TAP CMS: one module, read from the environment.

Defaults are safe: no debug and no usable secret key unless this is a local run
(`DJANGO_DEBUG=1`, which `make run` sets) or the deployment sets `DJANGO_SECRET_KEY`.
"""

import datetime
import os
import sys
import zoneinfo
from pathlib import Path

import environ
from csp.constants import NONE, SELF
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
    # The admin, with its default site replaced by tap_cms.admin_site.DeskAdminSite.
    "tap_cms.apps.DeskAdminConfig",
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
    # In INSTALLED_APPS so that the API's docs page uses ninja's own copy of Swagger UI
    # (its static files) rather than a CDN: the CSP allows scripts from 'self' only.
    "ninja",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "actors",
    "briefs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "tap_cms.request_guard.RejectNulMiddleware",
    # CORS headers on /api/ only, above ConditionalGet so that a 304 carries them too.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags from the body, and 304s for them (briefs.public.http says why).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a refused login into its lockout page.
    "axes.middleware.AxesMiddleware",
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


# The admin's messages live in the session (the default also tries a signed cookie).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# How long the proxy in front may keep an anonymous public page, and then serve it
# stale while it fetches a fresh one (briefs.public.http): a change reaches every
# reader within the sum of the two plus one second (nginx counts whole seconds), plus
# a render: 14 s by default.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "10"))
PUBLIC_STALE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_STALE_SECONDS", "3"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The site's time zone: the desk shows and reads every time in it, with the zone's
# name (GMT, BST); the database keeps UTC.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(f"DJANGO_TIME_ZONE: {TIME_ZONE!r} is no time zone.")
# One way of writing dates and times everywhere: dd/mm/yyyy and the 24-hour clock
# (tap_cms/formats/en_GB/formats.py; the en-gb locale's own formats win otherwise).
FORMAT_MODULE_PATH = ["tap_cms.formats"]
# English only: skipping translation machinery makes every template tag cheaper.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
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
# through briefs.publishing.editing.restore_revision instead, which never touches the status.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGIN_URL = "admin:login"

# -- Mail: the desk's notifications (briefs.publishing.notifications) -------------------
# DJANGO_EMAIL_URL names the backend as a URL, read by django-environ:
# smtp+tls://user:password@mail.example.org:587, smtp+ssl://...:465, consolemail://,
# filemail:///var/mail/tap, dummymail://. Unset: the console backend (mails are
# printed) for local runs, and no mail at all in production until it is set.
_EMAIL_URL = os.environ.get("DJANGO_EMAIL_URL") or (
    "consolemail://" if DEBUG or TESTING else "dummymail://"
)
try:
    vars().update(environ.Env.email_url_config(_EMAIL_URL))
except (KeyError, ValueError) as exc:
    raise ImproperlyConfigured(f"DJANGO_EMAIL_URL: {exc}") from exc
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "TAP CMS <desk@localhost>")
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs does not hold a worker for long

# -- Logging in: throttling and the second factor --------------------------------------
# django-axes refuses a login for 15 minutes after 5 failures, counted separately for
# the account (one account tried from many addresses) and for the address (one address
# trying many accounts). A successful login forgives that account's own failures only
# (tap_cms.login_throttle). AccessAttempt rows in the admin, or `manage.py axes_reset`,
# unlock at once.
AUTHENTICATION_BACKENDS = [
    "tap_cms.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = False  # tap_cms.login_throttle resets the account's failures only
AXES_CLIENT_IP_CALLABLE = "tap_cms.login_throttle.client_ip"
# The same page (admin/lockout.html, status 429) whether the account exists or not, and
# whether the account or the address is refused.
AXES_LOCKOUT_CALLABLE = "tap_cms.login_throttle.lockout_response"
# Log lines name the account and the address (the password is never logged).
AXES_SENSITIVE_PARAMETERS: list[str] = []

# A second factor (django-otp: TOTP, and one-time recovery codes) for editors and
# superusers; analysts may add one. "off" is for a deployment behind a single sign-on
# that asks for its own second factor; `check --deploy` then warns (tap.W001).
# Read at request time, so a test may set it. Off for local runs and the test suite.
STAFF_2FA = os.environ.get("DJANGO_STAFF_2FA") or ("off" if DEBUG or TESTING else "required")
if STAFF_2FA not in ("required", "off"):
    raise ImproperlyConfigured("DJANGO_STAFF_2FA is 'required' or 'off'.")
OTP_TOTP_ISSUER = "TAP CMS"

# -- HTTPS and the browser's own protections -------------------------------------------
# With DEBUG off the site is HTTPS only: the proxy in front terminates TLS and says so
# in X-Forwarded-Proto. A deployment whose proxy redirects to HTTPS and sends HSTS
# itself may turn Django's copies off (DJANGO_SECURE_SSL_REDIRECT=0,
# DJANGO_SECURE_HSTS_SECONDS=0); `make serve` does, since it serves plain HTTP on
# loopback. `check --deploy` then warns, as it should.


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0") == "1"


SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", not TESTING)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _flag("DJANGO_SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = _flag("DJANGO_SECURE_COOKIES", True) and not TESTING
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Content-Security-Policy (django-csp): every script, style, image and font from the
# site itself, nothing inline, no plugins, no framing. JSON-LD is data, not script,
# and is not blocked. The admin works under the same policy (tests/browser).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The read-only API (briefs/api): any site may read it from a browser, without
# credentials; nothing else under the site answers to another origin.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Permissions-Policy (django-permissions-policy): no page needs any of these.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timestamped": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "login": {"class": "logging.StreamHandler", "formatter": "timestamped"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Every failed login (django-axes) and second-factor failure, with time, account
    # and address.
    "loggers": {
        name: {"handlers": ["login"], "level": "WARNING", "propagate": False}
        for name in ("axes", "tap_cms.two_factor")
    },
}
