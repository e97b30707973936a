"""What the blog adds to the home page, which cannot ask for it: its newest posts."""

from django.db.models import prefetch_related_objects
from wagtail import hooks

from blog.models import listed_posts
from home import site_reads

HOME_PAGE_POSTS = 3


def latest_posts(count=HOME_PAGE_POSTS):
    """The newest live, public posts anywhere on the site, with what their cards show. They change
    only when something is published, so they are kept with the site-wide reads."""
    posts = site_reads.remember(f"latest-posts:{count}", lambda: list(listed_posts()[:count]))
    # Wagtail looks their renditions up again once read back from the cache: one query for all.
    images = [post.feed_image for post in posts if post.feed_image]
    for image in images:
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    prefetch_related_objects(images, "renditions")
    return posts


@hooks.register("home_page_context")
def add_latest_posts_to_home_page(home_page, request, context):
    context["latest_posts"] = latest_posts()
