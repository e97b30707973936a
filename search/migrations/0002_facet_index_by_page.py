# The index on (page, facet, value) is built before the page column's own index is dropped.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_page_facets"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pagefacet",
            index=models.Index(fields=["page", "facet", "value"], name="search_facet_by_page"),
        ),
        migrations.AlterField(
            model_name="pagefacet",
            name="page",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
    ]
