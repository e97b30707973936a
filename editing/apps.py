from django.apps import AppConfig


class EditingConfig(AppConfig):
    """How staff work in the admin: pages created once however autosave and the save buttons
    overlap, the editor groups, and topic fields."""

    name = "editing"
    verbose_name = "Editing"

    def ready(self):
        from editing import topics

        topics.register()
