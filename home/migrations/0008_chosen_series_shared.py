# Featured series and a post's related series now share one abstract model (ChosenSeries) and its
# help text. Nothing changes in the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_resource_files_kept_private"),
    ]

    operations = [
        migrations.AlterField(
            model_name="homepagefeaturedseries",
            name="series",
            field=models.ForeignKey(
                help_text="A training series to show here. Drafts and private series are never shown.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programs.trainingseriespage",
            ),
        ),
    ]
