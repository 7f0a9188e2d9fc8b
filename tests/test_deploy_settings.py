"""Production settings pass Django's own deployment checks, and pages carry the policies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def deploy_check(**env) -> subprocess.CompletedProcess:
    """`manage.py check --deploy --fail-level WARNING` as a production process runs it."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-for-the-check-0123456789",
        DJANGO_ALLOWED_HOSTS="tap.example.org",
    )
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "warning"),
    [
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"DJANGO_SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"DJANGO_SECURE_COOKIES": "0"}, "security.W012"),
    ],
)
def test_turning_a_protection_off_is_reported(env, warning):
    result = deploy_check(**env)
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/search/?q=kabul", "/admin/login/"])
def test_pages_carry_the_security_policies(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
