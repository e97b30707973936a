"""Slugs made from names, kept unique among a model's rows."""

from django.utils.text import slugify

# Room left at the end of the slug field for a number (“-2”, “-13”) that tells apart equal names.
SUFFIX_ROOM = 10


def unique_slug(name, taken, fallback):
    """A slug for `name` that no row of the queryset `taken` has yet: its slugified form, or
    `fallback` when nothing of it is left, followed by -2, -3... while that is taken."""
    limit = taken.model._meta.get_field("slug").max_length - SUFFIX_ROOM
    base = slugify(name)[:limit] or fallback
    slug, number = base, 2
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
