# A post's related series and the home page's featured series now share one abstract model
# (home.models.ChosenSeries) and its help text. Nothing changes in the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_posts_per_page_limits"),
    ]

    operations = [
        migrations.AlterField(
            model_name="blogpostrelatedseries",
            name="series",
            field=models.ForeignKey(
                help_text="A training series to show here. Drafts and private series are never shown.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programs.trainingseriespage",
            ),
        ),
    ]
