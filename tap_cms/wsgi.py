"""WSGI entry point, as gunicorn serves it in production: `gunicorn tap_cms.wsgi`.

Stored public pages are sent by `StoredPageReplay` before Django handles the request
(see `briefs.caching`); everything else is Django's.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tap_cms.settings")
django_application = get_wsgi_application()

from briefs.caching import StoredPageReplay  # noqa: E402  (needs Django set up)

application = StoredPageReplay(django_application)
