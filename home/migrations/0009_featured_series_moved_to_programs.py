# The featured series now live in programs (programs 0007 copied every row there first).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_chosen_series_shared"),
        ("programs", "0007_home_page_featured_series_moved_here"),
    ]

    operations = [
        migrations.DeleteModel(name="HomePageFeaturedSeries"),
    ]
