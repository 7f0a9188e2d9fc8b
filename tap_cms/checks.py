"""System checks for the deployment: `manage.py check --deploy` reports these."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def staff_second_factor(app_configs, **kwargs):
    if settings.STAFF_2FA == "off":
        return [
            checks.Warning(
                "Staff log in without a second factor (DJANGO_STAFF_2FA=off).",
                hint=(
                    "Only for a deployment behind a single sign-on that asks for its own "
                    "second factor; otherwise unset DJANGO_STAFF_2FA."
                ),
                id="tap.W001",
            )
        ]
    return []
