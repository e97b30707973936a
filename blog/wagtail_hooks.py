"""What the blog adds to the home page, which cannot ask for it: its newest posts."""

from wagtail import hooks

from blog.models import listed_posts

HOME_PAGE_POSTS = 3


@hooks.register("home_page_context")
def add_latest_posts_to_home_page(home_page, request, context):
    context["latest_posts"] = list(listed_posts()[:HOME_PAGE_POSTS])
