from django.apps import AppConfig


class EditingConfig(AppConfig):
    """How staff work in the admin: pages created once however autosave and the save buttons
    overlap, and the editor groups."""

    name = "editing"
    verbose_name = "Editing"
