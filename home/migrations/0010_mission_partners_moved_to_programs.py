# The mission page's founding partners now live in programs (programs 0008 copied every row there first).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_featured_series_moved_to_programs"),
        ("programs", "0008_mission_partners_moved_here"),
    ]

    operations = [
        migrations.DeleteModel(name="MissionPartner"),
    ]
