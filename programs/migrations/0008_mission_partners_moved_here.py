# The mission page's founding partners move from the home app to programs, beside the organizations
# they name, so that the home app has no table pointing at an organization. The rows are copied with
# their ids, pages, organizations and order; home's migration 0010 then drops the old table.
# Migrating back copies them back.

import django.db.models.deletion
import modelcluster.fields
from django.core.management.color import no_style
from django.db import migrations, models


def copy_rows(source, target, schema_editor):
    connection = schema_editor.connection
    rows = [
        target(id=row.id, page_id=row.page_id, organization_id=row.organization_id, sort_order=row.sort_order)
        for row in source.objects.using(connection.alias).order_by("pk")
    ]
    target.objects.using(connection.alias).bulk_create(rows)
    # Rows came with their ids: the next new row must not be given one of them (PostgreSQL).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [target]):
            cursor.execute(statement)


def copy_from_home(apps, schema_editor):
    copy_rows(apps.get_model("home", "MissionPartner"), apps.get_model("programs", "MissionPartner"), schema_editor)


def copy_back_to_home(apps, schema_editor):
    copy_rows(apps.get_model("programs", "MissionPartner"), apps.get_model("home", "MissionPartner"), schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_featured_series_moved_to_programs"),
        ("programs", "0007_home_page_featured_series_moved_here"),
    ]

    operations = [
        migrations.CreateModel(
            name="MissionPartner",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "organization",
                    models.ForeignKey(
                        help_text="Choose the organization, or create it first under Snippets → Organizations.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.organization",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="founding_partners",
                        to="home.missionpage",
                    ),
                ),
            ],
            options={"ordering": ["sort_order"], "abstract": False},
        ),
        migrations.RunPython(copy_from_home, copy_back_to_home),
    ]
