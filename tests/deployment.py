"""Production's settings as a fresh process sees them, for tests of the headers production sends."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The environment .ci/run gives `check --deploy`: what production needs to start.
DEPLOY_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "deploy-check-only-" * 3,
    "ALLOWED_HOSTS": "trainings.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://trainings.example.org",
    "WAGTAILADMIN_BASE_URL": "https://trainings.example.org",
}
# The settings that decide security headers and cookie flags.
HEADER_SETTINGS = (
    r"SECURE_\w+|SESSION_COOKIE_\w+|CSRF_COOKIE_\w+|X_FRAME_OPTIONS|(ADMIN_)?CONTENT_SECURITY_POLICY"
    r"|PERMISSIONS_POLICY|CROSS_ORIGIN_RESOURCE_POLICY"
)


def read_header_settings(**env):
    """The header settings as config/settings/production.py makes them with this environment (on
    top of DEPLOY_ENV), read in a fresh process."""
    code = (
        "import os, re; from django.conf import settings; pattern = os.environ['HEADER_SETTINGS']; "
        "print(repr({n: getattr(settings, n) for n in dir(settings) if re.fullmatch(pattern, n)}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**os.environ, **DEPLOY_ENV, **env, "HEADER_SETTINGS": HEADER_SETTINGS},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])
