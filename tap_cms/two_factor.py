"""The second factor at login (django-otp): who needs one, and the steps after the password.

Step 1, the admin's login page (tap_cms.admin_site), checks the password through
django-axes. A user who needs no second factor is logged in there. Anyone else is not
logged in yet: the session only remembers, for a few minutes, who gave a right password.
Step 2 is `verify` (a code from the authenticator app, or a recovery code) for a user
with a confirmed device, or `setup` (scan a QR code, confirm one code, note ten recovery
codes) for one without. Only then is the user logged in, with the device recorded in
the session (django_otp.login), which is what DeskAdminSite.has_permission asks for.
"""

import functools
import logging
import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.middleware import is_verified
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from briefs.roles import EDITORS
from tap_cms import login_throttle

log = logging.getLogger(__name__)

PENDING = "tap_two_factor_pending"
# How long a right password waits for its second factor.
PENDING_SECONDS = 300
RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


# -- who needs what -------------------------------------------------------------------


def is_on() -> bool:
    return settings.STAFF_2FA == "required"


def must_use(user) -> bool:
    """Editors and superusers must log in with a second factor (unless it is off)."""
    if not is_on():
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def asks_for_second_factor(user) -> bool:
    """Whether the password alone does not log this user in: they must use a second
    factor, or they set one up themselves (an analyst may)."""
    return is_on() and (must_use(user) or user_has_device(user, confirmed=True))


def is_satisfied(request) -> bool:
    """Whether the logged-in user's session meets the rule above."""
    user = request.user
    if not is_on() or user.is_verified():
        return True
    return not asks_for_second_factor(user)


# -- step 1 -> step 2 -----------------------------------------------------------------


def begin(request, user, next_url: str):
    """After a right password: remember the user for step 2 and send them there."""
    if request.user.is_authenticated:
        auth_logout(request)
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": time.time(),
        "next": next_url,
    }
    step = "verify" if user_has_device(user, confirmed=True) else "setup"
    return redirect(f"admin:login_{step}")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def _finish(request, user, device) -> str:
    """Log the user in with the device that passed; the address to go on to."""
    next_url = request.session.get(PENDING, {}).get("next", "")
    request.session.pop(PENDING, None)
    _mark_verified(user, device)
    auth_login(request, user, backend=user.backend)  # django-otp records the device
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    return next_url


def _mark_verified(user, device) -> None:
    """What OTPMiddleware gives request.user on the next request, for this one."""
    user.otp_device = device
    user.is_verified = functools.partial(is_verified, user)


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, "subtitle": None, **extra}


def _client(request) -> str:
    return login_throttle.client_ip(request)


# -- step 2: a code -------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The six digits your authenticator app shows, or one recovery code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _verify_token(user, token: str):
    """The device that accepts the token, or None. Six digits go to the app, anything
    else to the recovery codes; each device throttles its own failures (django-otp)."""
    token = token.replace(" ", "").strip().lower()
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(token):
                return device
    return None


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def verify(request):
    user = _pending_user(request)
    if user is None:
        return redirect("admin:login")
    if not user_has_device(user, confirmed=True):
        return redirect("admin:login_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify_token(user, form.cleaned_data["token"])
        if device is not None:
            return redirect(_finish(request, user, device))
        log.warning(
            "Second factor refused for account %r from %s", user.get_username(), _client(request)
        )
        form.add_error("token", "That code is not right, or was already used.")
    context = _context(request, "Second factor", form=form, username=user.get_username())
    return TemplateResponse(request, "admin/two_factor/verify.html", context)


# -- step 2: setting up a device ------------------------------------------------------


def _qr_svg(url: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here (no script)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="tap-qr", title="QR code"
    )
    return mark_safe(svg)  # noqa: S308  (segno's own markup; the URL is not in it as text)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def setup(request):
    """A TOTP device for a user who has none: after the password (step 2), or for a
    logged-in member of staff who chooses to add one."""
    user = _pending_user(request)
    if user is None and request.user.is_authenticated and admin.site.has_permission(request):
        user = request.user
    if user is None:
        return redirect("admin:login")
    if user_has_device(user, confirmed=True):
        return redirect("admin:login_verify" if user != request.user else "admin:index")
    # The same unconfirmed device until it is confirmed, so reloading keeps the QR code.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        if device.verify_token(token):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                codes = _new_recovery_codes(user)
            if request.user == user:
                otp_login(request, device)
                _mark_verified(request.user, device)
                next_url = reverse("admin:index")
            else:
                next_url = _finish(request, user, device)
            context = _context(request, "Your recovery codes", codes=codes, next_url=next_url)
            return TemplateResponse(request, "admin/two_factor/recovery_codes.html", context)
        log.warning(
            "Second factor setup: wrong code for account %r from %s",
            user.get_username(),
            _client(request),
        )
        form.add_error("token", "That code is not right. Check the time on your phone.")
    url = device.config_url
    context = _context(
        request,
        "Set up a second factor",
        form=form,
        otpauth_url=url,
        qr_svg=_qr_svg(url),
        secret=_base32(device),
        required=must_use(user),
    )
    return TemplateResponse(request, "admin/two_factor/setup.html", context)


def _base32(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
