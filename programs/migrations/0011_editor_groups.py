"""The three groups staff are put in.

Editors create and edit every page type (presenters are pages), partner organizations,
testimonials, topics, images and documents, and submit pages for moderation. Moderators do the
same, publish, and delete snippets. Program staff get the editors' permissions, and also see
registrants' names, e-mail addresses and answers (`programs.view_registrants`): that permission
belongs to a model made by a later migration, so grant() gives it once it exists, and
0013_program_staff_registrations runs grant() again for databases migrated before then.

Wagtail's own migrations made Editors and Moderators with page, image and document permissions;
this adds what the site's own models need and leaves anything already granted in place.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

SNIPPETS = ["programs.organization", "programs.testimonial", "home.topic"]
EDIT = ["add", "change", "view"]
GROUPS = {
    "Editors": {
        "pages": ["add_page", "change_page"],
        "models": [f"{app}.{action}_{model}" for app, model in (s.split(".") for s in SNIPPETS) for action in EDIT],
    },
    "Moderators": {
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "models": [
            f"{app}.{action}_{model}"
            for app, model in (s.split(".") for s in SNIPPETS)
            for action in [*EDIT, "delete"]
        ],
    },
}
GROUPS["Program staff"] = GROUPS["Editors"]
# Permissions of models that later migrations make: granted by grant() when they exist. Editors and
# Moderators do not see registrants' personal data.
LATER = {"Program staff": ["programs.view_registrants"]}
# Images and documents, in the root collection and so in every collection below it.
MEDIA = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
ADMIN_ACCESS = "wagtailadmin.access_admin"


def ensure_permissions(apps):
    """Permissions are normally made after the last migration; this migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, label):
    app_label, codename = label.split(".")
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def later_permissions(apps, name):
    """Those of LATER for the group that exist by now."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for label in LATER.get(name, []):
        app_label, codename = label.split(".")
        found.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return found


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps)


def grant(apps):
    """Create the groups, or add to them, with every permission above."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, grants in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission(apps, ADMIN_ACCESS), *(permission(apps, label) for label in grants["models"]))
        group.permissions.add(*later_permissions(apps, name))
        if root_page:
            for codename in grants["pages"]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(apps, f"wagtailcore.{codename}")
                )
        if root_collection:
            for app_label, codenames in MEDIA.items():
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, f"{app_label}.{codename}"),
                    )


def remove_additions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Program staff").delete()
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*(permission(apps, label) for label in GROUPS[name]["models"]))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("home", "0010_mission_partners_moved_to_programs"),
        ("programs", "0010_words_editors_read"),
    ]

    operations = [migrations.RunPython(create_groups, remove_additions)]
