"""The blog's RSS 2.0 feed, made with Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from home.models import SiteSettings
from home.site_url import absolute_url

FEED_LENGTH = 20


class BlogFeed(Feed):
    """The newest live, public posts of one blog index, linked at the site's public address."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        site_name = SiteSettings.load(request_or_site=self.request).site_name
        return f"{index_page.title} | {site_name}"

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return absolute_url(self.request.path)

    def description(self, index_page):
        return index_page.intro or f"News and stories from {index_page.title}."

    def items(self, index_page):
        return index_page.posts()[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.last_published_at

    def item_author_name(self, post):
        return post.author_names or None

    def item_categories(self, post):
        return post.topic_names
