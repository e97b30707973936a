"""Program staff see registrants' names, e-mail addresses and answers; Editors and Moderators do not.

The groups are made by 0011_editor_groups, whose grant() gives Program staff
`programs.view_registrants` once that permission exists (it does from here on, and the tests'
flushes run grant() again); this runs it for databases migrated before. Also the Registration
tab's words for editors.
"""

import importlib

from django.db import migrations, models


GROUPS = importlib.import_module("programs.migrations.0011_editor_groups")


def grant_registrants(apps, schema_editor):
    GROUPS.ensure_permissions(apps)
    GROUPS.grant(apps)


def remove_registrants(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    seeing = Permission.objects.filter(content_type__app_label="programs", codename="view_registrants")
    for group in Group.objects.filter(name__in=GROUPS.LATER):
        group.permissions.remove(*seeing)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0012_registration_on_this_site"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sessionpage",
            name="join_url",
            field=models.URLField(
                blank=True,
                help_text="Only for online or hybrid trainings: the video call's address. In-person trainings need none. Never shown on the public page; sent only to confirmed registrants, in their e-mails and on their own registration page.",
                verbose_name="join link",
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="registration_deadline",
            field=models.DateTimeField(
                blank=True,
                help_text="Optional: the last moment to register, in the session's time zone like its start. The button hides after it, and once the session starts.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="registration_method",
            field=models.CharField(
                choices=[
                    ("external", "A link to a registration page on another website"),
                    ("site", "On this site: the site's own form, with seats and a waitlist"),
                    ("none", "No registration needed"),
                ],
                default="external",
                help_text="How people sign up: a link to another website (the address below), the site's own form (the settings below), or no sign-up at all.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="registration_opens",
            field=models.DateTimeField(
                blank=True,
                help_text="Optional: when the form starts taking sign-ups, in the time zone of the dates under Schedule. Leave blank to open it as soon as the page is published. It must be before the deadline and before the training starts.",
                null=True,
                verbose_name="form opens",
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="registration_url",
            field=models.URLField(
                blank=True,
                help_text="Only for “A link to a registration page on another website”: its address, e.g. on Zoom or Eventbrite. Leave blank when people register on this site.",
                verbose_name="link to register elsewhere",
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="waitlist",
            field=models.BooleanField(
                default=True,
                help_text="Once every seat is taken, later sign-ups join a waitlist, and the first person on it gets a seat by themselves when someone cancels. Untick to stop sign-ups when full.",
                verbose_name="open a waitlist when full",
            ),
        ),
        migrations.AlterField(
            model_name="trainingseriespage",
            name="capacity",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Most people in one cohort or session, e.g. 25. With registration on this site, the number of seats. Leave blank if no limit.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="trainingseriespage",
            name="join_url",
            field=models.URLField(
                blank=True,
                help_text="Only for online or hybrid trainings: the video call's address. In-person trainings need none. Never shown on the public page; sent only to confirmed registrants, in their e-mails and on their own registration page.",
                verbose_name="join link",
            ),
        ),
        migrations.AlterField(
            model_name="trainingseriespage",
            name="registration_opens",
            field=models.DateTimeField(
                blank=True,
                help_text="Optional: when the form starts taking sign-ups, in the time zone of the dates under Schedule. Leave blank to open it as soon as the page is published. It must be before the deadline and before the training starts.",
                null=True,
                verbose_name="form opens",
            ),
        ),
        migrations.AlterField(
            model_name="trainingseriespage",
            name="registration_url",
            field=models.URLField(
                blank=True,
                help_text="Only for “A link to a registration page on another website”: where people register or apply for the whole series. Leave blank when people register on this site.",
                verbose_name="link to register elsewhere",
            ),
        ),
        migrations.AlterField(
            model_name="trainingseriespage",
            name="waitlist",
            field=models.BooleanField(
                default=True,
                help_text="Once every seat is taken, later sign-ups join a waitlist, and the first person on it gets a seat by themselves when someone cancels. Untick to stop sign-ups when full.",
                verbose_name="open a waitlist when full",
            ),
        ),
        migrations.RunPython(grant_registrants, remove_registrants),
    ]
