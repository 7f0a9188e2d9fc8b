"""Throttling failed logins with django-axes: who the client is, and what a success forgives.

The settings (AXES_* in tap_cms.settings) count failures per account and per address.
"""

from axes.backends import AxesStandaloneBackend
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.template.response import TemplateResponse


def client_ip(request) -> str:
    """The address of the client as the one proxy in front saw it.

    The shipped nginx sets X-Forwarded-For to its own $remote_addr (replacing whatever
    the client sent) and the app servers listen on loopback only, so the header's last
    entry is the one hop we trust. Without the header (the development server, the test
    client) the peer address is the client.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR", "")


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check that the account and the address are not locked out.

    Django's test client `login()` authenticates without a request, which axes refuses;
    in the test suite only, such a call is let through to the next backend.
    Everywhere else a missing request is a bug and axes raises.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None and settings.TESTING:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_logged_in)
def forgive_the_account(sender, request, user, **kwargs):
    """A successful login clears that account's own failures, not its address's.

    axes' AXES_RESET_ON_SUCCESS would also clear every failure from the address, so a
    member of staff could reset the count between guesses at colleagues' passwords.
    """
    if settings.AXES_ENABLED:
        reset(username=user.get_username())


def lockout_response(request, original_response=None, credentials=None):
    """The admin's page saying the login was refused, for every kind of lockout."""
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": "Too many failed logins"}
    return TemplateResponse(request, "admin/lockout.html", context, status=429).render()
