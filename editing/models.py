from django.conf import settings
from django.db import models


class PageCreation(models.Model):
    """Which page a create form has already made.

    Each create form carries a token. Wagtail's autosave creates the page from the form in the
    background, but the form only learns the new page's address when that request answers; a
    click on Save draft, Publish or Submit before then sends the form to the create address again.
    This record lets the second request find the page the first one made.
    """

    token = models.UUIDField(unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    by_autosave = models.BooleanField(
        default=False, help_text="Whether autosave made the page, rather than one of the save buttons."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.page_id} from form {self.token}"
