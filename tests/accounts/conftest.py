import pytest
from django.contrib.auth.models import Group

from briefs.roles import EDITORS
from tests import factories

PASSWORD = "pw-for-tests-only"  # tests.factories.UserFactory's


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True)


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_2FA = "required"


def log_in(client, username, password=PASSWORD, *, ip="198.51.100.10", **extra):
    """The admin's login form, posted as a browser behind the proxy would."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        HTTP_X_FORWARDED_FOR=ip,
        **extra,
    )


def is_editor(user) -> bool:
    return user.groups.filter(pk=Group.objects.get(name=EDITORS).pk).exists()
