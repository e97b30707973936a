"""Get a fresh or existing database ready to browse: demo content once, and an admin login."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from wagtail.models import Page

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Loads the demo content when the site has no pages of its own yet, and makes an admin user "
        "whose password is printed once (or taken from ADMIN_PASSWORD). Safe to run again: it never "
        "overwrites content or changes an existing admin's password."
    )

    def handle(self, *args, **options):
        self.load_demo_content_if_empty()
        self.ensure_admin()

    def load_demo_content_if_empty(self):
        # Only the root and the home page exist on a new database.
        if Page.objects.filter(depth__gt=2).exists():
            self.stdout.write("The site already has content; leaving it as it is.")
            return
        if "load_demo_content" not in get_commands():
            return
        self.stdout.write("Loading the demo content…")
        call_command("load_demo_content", stdout=self.stdout)

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(
                f"Admin user '{ADMIN_USERNAME}' already exists; its password is unchanged. "
                "Use `python manage.py changepassword admin` if you have lost it."
            )
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(f"Admin user '{ADMIN_USERNAME}' created with the password from ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin user created. Log in at http://127.0.0.1:8000/admin/ as "
                    f"'{ADMIN_USERNAME}' with password: {password}\n"
                    "This password is shown only once; write it down."
                )
            )
