"""Settings modules as a fresh process would make them from an environment, read in this process.

Django reads a settings module once, at start-up, from the environment. `settings_for(env)` does
the same in this process: it imports the settings module again, with `os.environ` set as given,
and returns its upper-case names, as `django.conf.settings` would hold them. The modules imported
for it are thrown away afterwards, so the running suite keeps its own settings. This replaces
starting `manage.py` in a subprocess for every value a test reads.
"""

import importlib
import os
import re
import sys
from contextlib import contextmanager
from unittest import mock

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
# The modules a settings module is made of; they read the environment when imported.
SETTINGS_MODULES = re.compile(r"config\.settings\.\w+|config\.email_settings")


@contextmanager
def fresh_settings_modules():
    """Import settings modules anew inside the block; put the suite's own back after it."""
    saved = {name: module for name, module in sys.modules.items() if SETTINGS_MODULES.fullmatch(name)}
    for name in saved:
        del sys.modules[name]
    try:
        yield
    finally:
        for name in [name for name in sys.modules if SETTINGS_MODULES.fullmatch(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
        for name, module in saved.items():
            package, _, attribute = name.rpartition(".")
            setattr(sys.modules[package], attribute, module)


def settings_for(env, without=()):
    """The settings a process started with this process's environment, changed by `env` (and
    without the variables named in `without`), would have. Raises what the settings module raises
    (e.g. ImproperlyConfigured), as `manage.py` would at start-up."""
    environment = {**os.environ, **env}
    for name in without:
        environment.pop(name, None)
    with mock.patch.dict(os.environ, environment, clear=True), fresh_settings_modules():
        module = importlib.import_module(environment.get("DJANGO_SETTINGS_MODULE", "config.settings.dev"))
        return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def read_header_settings(**env):
    """The header settings as config/settings/production.py makes them with this environment (on
    top of DEPLOY_ENV)."""
    values = settings_for({**DEPLOY_ENV, **env})
    return {name: value for name, value in values.items() if re.fullmatch(HEADER_SETTINGS, name)}
