# The home page's featured series move from the home app to programs, so that the home app, which
# programs build on, has no table pointing at a series. The rows are copied with their ids, pages,
# series and order; home's migration 0009 then drops the old table. Migrating back copies them back.

import django.db.models.deletion
import modelcluster.fields
from django.core.management.color import no_style
from django.db import migrations, models


def copy_rows(source, target, schema_editor):
    rows = [
        target(id=row.id, page_id=row.page_id, series_id=row.series_id, sort_order=row.sort_order)
        for row in source.objects.using(schema_editor.connection.alias).order_by("pk")
    ]
    target.objects.using(schema_editor.connection.alias).bulk_create(rows)
    # Rows came with their ids: the next new row must not be given one of them (PostgreSQL).
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [target])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def copy_from_home(apps, schema_editor):
    copy_rows(
        apps.get_model("home", "HomePageFeaturedSeries"),
        apps.get_model("programs", "HomePageFeaturedSeries"),
        schema_editor,
    )


def copy_back_to_home(apps, schema_editor):
    copy_rows(
        apps.get_model("programs", "HomePageFeaturedSeries"),
        apps.get_model("home", "HomePageFeaturedSeries"),
        schema_editor,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_chosen_series_shared"),
        ("programs", "0006_organization_links_share_one_model"),
    ]

    operations = [
        migrations.CreateModel(
            name="HomePageFeaturedSeries",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="featured_series",
                        to="home.homepage",
                    ),
                ),
                (
                    "series",
                    models.ForeignKey(
                        help_text="A training series to show here. Drafts and private series are never shown.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.trainingseriespage",
                    ),
                ),
            ],
            options={"ordering": ["sort_order"], "abstract": False},
        ),
        migrations.RunPython(copy_from_home, copy_back_to_home),
    ]
