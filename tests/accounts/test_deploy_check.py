"""`check --deploy` warns when staff log in without a second factor."""

from tests.test_deploy_settings import deploy_check


def test_staff_2fa_off_is_reported():
    result = deploy_check(DJANGO_STAFF_2FA="off")
    assert result.returncode != 0
    assert "tap.W001" in result.stdout + result.stderr


def test_a_value_that_is_neither_required_nor_off_stops_start_up():
    result = deploy_check(DJANGO_STAFF_2FA="maybe")
    assert result.returncode != 0
    assert "DJANGO_STAFF_2FA" in result.stderr
