"""The kinds of thing search finds, and the page models behind each kind.

Models are looked up by name so that search keeps working while a content type is not yet part of
the site; a kind whose models are all missing simply never appears.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    plural: str
    models: tuple = ()


# Listed in the order the type filter shows them. "page" takes every other page type.
KINDS = (
    Kind("session", "Session", "Sessions", ("programs.SessionPage",)),
    Kind("series", "Training series", "Training series", ("programs.TrainingSeriesPage",)),
    Kind("presenter", "Presenter", "Presenters", ("programs.PresenterPage",)),
    Kind("framework", "Framework level", "Framework levels", ("programs.FrameworkLevelPage",)),
    Kind("post", "Blog post", "Blog posts", ("blog.BlogPostPage",)),
    Kind("resource", "Resource", "Resources"),
    Kind("page", "Page", "Pages"),
)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}
RESOURCE = "resource"
OTHER_PAGES = "page"


def model(label):
    """The model named "app_label.ModelName", or None while it does not exist."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def models_of(kind_slug):
    return [m for m in (model(label) for label in KINDS_BY_SLUG[kind_slug].models) if m is not None]


def content_type_ids(kind_slug):
    """Content type ids of the page models of one kind (ContentType caches these lookups)."""
    found = models_of(kind_slug)
    if not found:
        return []
    return [ct.pk for ct in ContentType.objects.get_for_models(*found).values()]


def named_content_type_ids():
    """Every content type id that belongs to a named kind, mapped to that kind's slug."""
    mapping = {}
    for kind in KINDS:
        for ct_id in content_type_ids(kind.slug) if kind.models else []:
            mapping[ct_id] = kind.slug
    return mapping
