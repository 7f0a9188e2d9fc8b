"""The site connects as a role that owns its tables and is not a superuser."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the deployment chooses its own role"
)
def test_the_embedded_server_runs_the_site_as_its_own_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == ("tap", False)
        cursor.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname = 'public' AND tableowner <> current_user"
        )
        assert cursor.fetchone() == (0,)
