"""Outgoing e-mail for production, read from the environment and refused when half set.

Without EMAIL_HOST the site sends no e-mail at all, and the admin offers no password reset (whose
mail would never arrive). With EMAIL_HOST, everything a working set-up needs must be there, so that
a typo shows when the site starts rather than when someone is waiting for a password reset.
"""

from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

# Every variable that only means something with EMAIL_HOST.
NEEDS_HOST = (
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL",
)
TRUE = ("1", "true", "yes", "on")
FALSE = ("", "0", "false", "no", "off")


def refuse(message):
    raise ImproperlyConfigured(f"E-mail settings: {message} See docs/operations.md, 'E-mail'.")


def flag(environ, name):
    value = environ.get(name, "").strip().lower()
    if value not in TRUE + FALSE:
        refuse(f"{name} must be true or false, not {value!r}.")
    return value in TRUE


def number(environ, name, default, kind):
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        found = kind(value)
    except ValueError:
        found = None
    if found is None or found <= 0:
        refuse(f"{name} must be a positive number, not {value!r}.")
    return found


def address(environ, name, default=None):
    value = environ.get(name, "").strip() or default
    if "@" not in parseaddr(value or "")[1]:
        refuse(
            f"{name} must be an e-mail address such as 'Trainings <trainings@example.org>', not {value!r}."
        )
    return value


def email_settings(environ):
    """Django (and Wagtail) settings for outgoing mail, from environment variables."""
    present = {name: environ[name] for name in NEEDS_HOST if environ.get(name, "").strip()}
    host = environ.get("EMAIL_HOST", "").strip()
    if not host:
        if present:
            refuse(
                f"{', '.join(present)} set without EMAIL_HOST. "
                "Set EMAIL_HOST to the SMTP server, or unset them."
            )
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "WAGTAIL_PASSWORD_RESET_ENABLED": False,
        }

    user = environ.get("EMAIL_HOST_USER", "")
    password = environ.get("EMAIL_HOST_PASSWORD", "")
    if bool(user) != bool(password):
        given, missing = (
            ("EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD") if user else ("EMAIL_HOST_PASSWORD", "EMAIL_HOST_USER")
        )
        refuse(f"{given} is set but {missing} is not; the SMTP server needs both, or neither.")
    use_tls = flag(environ, "EMAIL_USE_TLS")
    use_ssl = flag(environ, "EMAIL_USE_SSL")
    if use_tls and use_ssl:
        refuse(
            "EMAIL_USE_TLS and EMAIL_USE_SSL are both on. Use EMAIL_USE_TLS for STARTTLS (usually port 587) "
            "or EMAIL_USE_SSL for implicit TLS (usually port 465), not both."
        )
    if "DEFAULT_FROM_EMAIL" not in present:
        refuse("EMAIL_HOST is set but DEFAULT_FROM_EMAIL is not: set the address mail is sent from.")
    if not environ.get("WAGTAILADMIN_BASE_URL", "").strip():
        refuse("EMAIL_HOST is set but WAGTAILADMIN_BASE_URL is not: links in notification mails need it.")
    from_email = address(environ, "DEFAULT_FROM_EMAIL")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": number(environ, "EMAIL_PORT", 465 if use_ssl else 587 if use_tls else 25, int),
        "EMAIL_HOST_USER": user,
        "EMAIL_HOST_PASSWORD": password,
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": number(environ, "EMAIL_TIMEOUT", 10.0, float),
        "DEFAULT_FROM_EMAIL": from_email,
        "SERVER_EMAIL": address(environ, "SERVER_EMAIL", from_email),
        "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL": address(
            environ, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", from_email
        ),
    }
