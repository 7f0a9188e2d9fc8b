"""WSGI entry point, as gunicorn serves it in production: `gunicorn tap_cms.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tap_cms.settings")
application = get_wsgi_application()
