"""A partial index on Wagtail's page table holding the few pages the public may never see (not
live, and the tree's root), which search checks each match against (`search.engine.hidden_pages`):
read from this index, the check no longer reads the whole page table on every search."""

from django.db import migrations

INDEX = "search_page_hidden"


def create_index(apps, schema_editor):
    page = apps.get_model("wagtailcore", "Page")._meta
    q = schema_editor.quote_name
    table, pk = q(page.db_table), q(page.pk.column)
    live, depth = q(page.get_field("live").column), q(page.get_field("depth").column)
    schema_editor.execute(f"CREATE INDEX {q(INDEX)} ON {table} ({pk}) WHERE (NOT {live} OR {depth} <= 1)")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_resource_facets"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
