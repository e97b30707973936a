"""The RSS 2.0 feed at /blog/feed/, read back with a feed parser."""

import datetime

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories.blog import BlogIndexPageFactory, BlogPostAuthorFactory, BlogPostPageFactory
from tests.factories.home import TopicFactory

pytestmark = pytest.mark.django_db

# The most queries the RSS feed may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
FEED_QUERIES = 12


@pytest.fixture
def blog(site_root):
    return BlogIndexPageFactory(parent=site_root, title="Blog")


def read_feed(client):
    response = client.get("/blog/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(response.content)


def test_feed_is_valid_rss_with_the_newest_posts_first(client, blog):
    topic = TopicFactory(name="Organizing", slug="organizing")
    older = BlogPostPageFactory(parent=blog, title="Older post", date=datetime.date(2025, 3, 1))
    newer = BlogPostPageFactory(
        parent=blog, title="Newer post", date=datetime.date(2025, 4, 2), topics=[topic], intro="What we saw."
    )
    BlogPostAuthorFactory(post=newer, name="Dana Cruz")

    feed = read_feed(client)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.title == "Blog | HEAL Together Trainings"
    assert feed.feed.link.endswith("/blog/")
    assert [entry.title for entry in feed.entries] == ["Newer post", "Older post"]
    entry = feed.entries[0]
    assert entry.link.endswith(newer.url)
    assert entry.summary == "What we saw."
    assert entry.published_parsed[:3] == (2025, 4, 2)
    assert "Dana Cruz" in entry.get("author", "")
    assert [tag.term for tag in entry.tags] == ["Organizing"]
    assert older.url in feed.entries[1].link


def test_feed_leaves_out_drafts_and_private_posts(client, blog):
    BlogPostPageFactory(parent=blog, title="Public post")
    draft = BlogPostPageFactory(parent=blog, title="Draft post")
    draft.unpublish()
    private = BlogPostPageFactory(parent=blog, title="Private post")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    titles = [entry.title for entry in read_feed(client).entries]
    assert titles == ["Public post"]


def test_feed_holds_at_most_twenty_posts(client, blog):
    for _ in range(25):
        BlogPostPageFactory(parent=blog)
    assert len(read_feed(client).entries) == 20


def test_empty_blog_still_has_a_valid_feed(client, blog):
    feed = read_feed(client)
    assert not feed.bozo
    assert feed.entries == []


@pytest.mark.parametrize("count", [3, 60])
def test_feed_query_count_is_bounded(client, blog, count, django_assert_max_num_queries):
    topic = TopicFactory()
    for _ in range(count):
        BlogPostPageFactory(parent=blog, topics=[topic])
    client.get("/blog/feed/")
    with django_assert_max_num_queries(FEED_QUERIES):
        client.get("/blog/feed/")
