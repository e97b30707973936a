# Series and session organization links now share one abstract model (OrganizationLink). Only the
# reverse name of their organization changes; the tables and their rows stay as they are.

import django.db.models.deletion
from django.db import migrations, models


def organization_field():
    return models.ForeignKey(
        help_text="Choose the organization, or add it under Snippets → Organizations first.",
        on_delete=django.db.models.deletion.CASCADE,
        related_name="%(class)s_links",
        to="programs.organization",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_organization_brand_colour"),
    ]

    operations = [
        migrations.AlterField(model_name="seriesorganization", name="organization", field=organization_field()),
        migrations.AlterField(model_name="sessionorganization", name="organization", field=organization_field()),
    ]
