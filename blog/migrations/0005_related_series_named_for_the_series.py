# A series finds the posts that recommend it through `blog_post_links`. Nothing changes in the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0004_chosen_series_shared'),
        ('programs', '0006_organization_links_share_one_model'),
    ]

    operations = [
        migrations.AlterField(
            model_name='blogpostrelatedseries',
            name='series',
            field=models.ForeignKey(help_text='A training series to show here. Drafts and private series are never shown.', on_delete=django.db.models.deletion.CASCADE, related_name='blog_post_links', to='programs.trainingseriespage'),
        ),
    ]
