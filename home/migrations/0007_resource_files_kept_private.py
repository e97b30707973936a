# Documents move out of the public media folder into DOCUMENTS_ROOT (see home/storage.py).

from django.core.files.storage import storages
from django.db import migrations, models

import home.storage


def move(names, source, target):
    """Move each named file from one storage to the other, keeping its name. A file already at the
    target, or missing from the source, is left as it is."""
    for name in names:
        if not name or not source.exists(name) or target.exists(name):
            continue
        with source.open(name) as content:
            saved = target.save(name, content)
        if saved != name:
            raise RuntimeError(f"{name} was stored as {saved}; nothing was deleted.")
        source.delete(name)


def to_private(apps, schema_editor):
    names = apps.get_model("home", "Resource").objects.values_list("file", flat=True)
    move(names.iterator(), storages["default"], storages["documents"])


def to_public(apps, schema_editor):
    names = apps.get_model("home", "Resource").objects.values_list("file", flat=True)
    move(names.iterator(), storages["documents"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_upcoming_count_limits"),
    ]

    operations = [
        migrations.AlterField(
            model_name="resource",
            name="file",
            field=models.FileField(
                storage=home.storage.document_storage, upload_to="documents", verbose_name="file"
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
